// EQP-01 / RPT-03: the register's Excel columns and the labels of its values (Chinese first).
import type { ExportColumn } from '../../platform/export/xlsx.ts';
import type { Lang } from '../../platform/http/i18n.ts';

export const LABELS = {
  kind: {
    camera: ['监控摄像机', 'CCTV camera'],
    intrusion_alarm: ['入侵报警', 'Intrusion alarm'],
    access_control: ['门禁', 'Access control'],
    fire_extinguisher: ['灭火器', 'Fire extinguisher'],
    fire_alarm: ['火灾报警', 'Fire alarm'],
    emergency_light: ['应急照明', 'Emergency lighting'],
    ups: ['UPS', 'UPS'],
    bulletproof_glass: ['防弹玻璃', 'Bulletproof glass'],
    electronic_fence: ['电子围栏', 'Electronic fence'],
    communication: ['通讯设备', 'Communications'],
  },
  status: { in_service: ['在用', 'In service'], faulty: ['故障', 'Faulty'], out_of_service: ['停用', 'Out of service'], retired: ['报废', 'Retired'] },
  type: { daily_check: ['日常检查', 'Daily check'], quarterly_inspection: ['季度检测', 'Quarterly inspection'], ups_test: ['UPS 充放电试验', 'UPS charge/discharge test'], aircon_reading: ['空调温湿度记录', 'Air-conditioning readings'] },
  result: { ok: ['正常', 'OK'], fault_found: ['发现故障', 'Fault found'] },
  faultStatus: { reported: ['待派单', 'Reported'], assigned: ['维修中', 'Assigned'], fixed: ['待验收', 'Fixed'], closed: ['已关闭', 'Closed'] },
} as const;

export function label(lang: Lang, group: keyof typeof LABELS, value: string | null | undefined): string {
  if (!value) return '';
  const pair = (LABELS[group] as Record<string, readonly [string, string]>)[value];
  return pair ? pair[lang === 'en' ? 1 : 0] : value;
}

type E = {
  number: string;
  kind: string;
  name: string;
  orgName: string;
  siteName: string | null;
  location: string | null;
  model: string | null;
  serialNo: string | null;
  installedOn: string | null;
  expiresOn: string | null;
  daysToExpiry: number | null;
  status: string;
  openFaults: number;
  overdueTasks: number;
  notes: string | null;
};

export const EQUIPMENT_EXPORT_COLUMNS = (lang: Lang): ExportColumn<E>[] => [
  { key: 'number', zh: '设施编号', en: 'Number', width: 18, value: (e) => e.number },
  { key: 'kind', zh: '类别', en: 'Kind', width: 12, value: (e) => label(lang, 'kind', e.kind) },
  { key: 'name', zh: '名称', en: 'Name', width: 24, value: (e) => e.name },
  { key: 'org', zh: '所属单位', en: 'Unit', width: 18, value: (e) => e.orgName },
  { key: 'site', zh: '场所', en: 'Site', width: 18, value: (e) => e.siteName },
  { key: 'location', zh: '安装位置', en: 'Location', width: 18, value: (e) => e.location },
  { key: 'model', zh: '型号', en: 'Model', width: 14, value: (e) => e.model },
  { key: 'serial', zh: '序列号', en: 'Serial no.', width: 16, value: (e) => e.serialNo },
  { key: 'installedOn', zh: '安装日期', en: 'Installed on', width: 12, value: (e) => e.installedOn },
  { key: 'expiresOn', zh: '到期日期', en: 'Expires on', width: 12, value: (e) => e.expiresOn },
  { key: 'daysToExpiry', zh: '距到期天数', en: 'Days to expiry', width: 10, value: (e) => e.daysToExpiry },
  { key: 'status', zh: '状态', en: 'Status', width: 8, value: (e) => label(lang, 'status', e.status) },
  { key: 'openFaults', zh: '未关闭故障', en: 'Open faults', width: 10, value: (e) => e.openFaults },
  { key: 'overdueTasks', zh: '逾期维护任务', en: 'Overdue maintenance', width: 10, value: (e) => e.overdueTasks },
  { key: 'notes', zh: '备注', en: 'Notes', width: 30, value: (e) => e.notes },
];
