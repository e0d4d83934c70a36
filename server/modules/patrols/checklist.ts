// PAT-04: the shipped opening / closing checklists (营业前 / 营业后安全检查), from the regulations'
// daily duties of a branch: fixed items, in Chinese and English.
import type { CheckKind } from '../../db/schema/patrols.ts';

export interface CheckItem {
  key: string;
  zh: string;
  en: string;
}

export const CHECKLISTS: Record<CheckKind, CheckItem[]> = {
  opening: [
    { key: 'alarm-disarm', zh: '报警系统由授权人员按规定撤防，报警中心确认正常', en: 'Alarm disarmed by authorised staff and confirmed with the alarm centre' },
    { key: 'doors-windows', zh: '门窗、防护栏完好，无撬压、破坏痕迹', en: 'Doors, windows and grilles intact, no sign of forcing' },
    { key: 'vault-safe', zh: '金库、保险柜门及锁具完好，封签无异常', en: 'Vault and safe doors, locks and seals intact' },
    { key: 'premises-clear', zh: '营业场所内外无可疑人员、可疑物品', en: 'No suspicious persons or objects inside or around the premises' },
    { key: 'cctv', zh: '监控设备运行、录像正常', en: 'CCTV running and recording' },
    { key: 'panic-button', zh: '紧急报警按钮、对讲设备功能正常', en: 'Panic buttons and intercom working' },
    { key: 'defence-gear', zh: '防卫器械配备到位', en: 'Defence equipment in place' },
  ],
  closing: [
    { key: 'cash-secured', zh: '现金、重要空白凭证、印章已入库入柜并加锁', en: 'Cash, blank vouchers and seals locked in the vault or safes' },
    { key: 'premises-empty', zh: '营业场所内无滞留人员', en: 'Nobody left inside the premises' },
    { key: 'equipment-off', zh: '电脑、终端等设备已关闭，非必要电源已切断', en: 'Computers and terminals off, non-essential power cut' },
    { key: 'fire-safety', zh: '无火灾隐患，消防通道畅通', en: 'No fire hazard, fire exits clear' },
    { key: 'doors-locked', zh: '门窗、卷帘门关闭上锁', en: 'Doors, windows and shutters closed and locked' },
    { key: 'alarm-arm', zh: '报警系统已布防，报警中心确认正常', en: 'Alarm armed and confirmed with the alarm centre' },
    { key: 'cctv', zh: '监控设备运行、录像正常', en: 'CCTV running and recording' },
  ],
};

export const itemText = (kind: CheckKind, key: string, lang: 'zh-CN' | 'en') => {
  const i = CHECKLISTS[kind].find((x) => x.key === key);
  return i ? (lang === 'en' ? i.en : i.zh) : key;
};
