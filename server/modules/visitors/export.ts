// VIS-01, VIS-03, VIS-04 / RPT-03: Excel columns and labels of the three registers (Chinese first).
import type { ExportColumn } from '../../platform/export/xlsx.ts';
import type { Lang } from '../../platform/http/i18n.ts';

export const LABELS = {
  visitStatus: { appointed: ['已预约', 'Appointed'], inside: ['在访', 'Inside'], left: ['已离开', 'Left'], cancelled: ['已取消', 'Cancelled'], no_show: ['未到访', 'No-show'] },
  visitKind: { appointment: ['预约', 'Appointment'], walk_in: ['临时来访', 'Walk-in'] },
  documentType: { resident_id: ['居民身份证', 'Resident ID card'], passport: ['护照', 'Passport'], other: ['其他证件', 'Other'] },
  entryStatus: { pending_approval: ['待审批', 'Awaiting approval'], approved: ['已批准', 'Approved'], inside: ['在内', 'Inside'], left: ['已离开', 'Left'], rejected: ['未批准', 'Rejected'] },
  keyStatus: { normal: ['正常', 'Normal'], lost: ['已挂失（待换锁）', 'Lost (lock change pending)'] },
  siteKind: { vault: ['金库', 'Vault'], machine_room: ['机房', 'Machine room'], monitoring_room: ['监控室', 'Monitoring room'] },
} as const;

export function label(lang: Lang, group: keyof typeof LABELS, value: string | null | undefined): string {
  if (!value) return '';
  const pair = (LABELS[group] as Record<string, readonly [string, string]>)[value];
  return pair ? pair[lang === 'en' ? 1 : 0] : value;
}

const date = (v: string | null) => (v ? new Date(v) : null);
type Person = { name: string } | null;

type V = {
  number: string; kind: string; name: string; company: string | null; documentType: string; documentNumber: string; purpose: string; orgName: string;
  host: Person; sites: Array<{ name: string }>; escort: Person; status: string; expectedAt: string | null; checkedInAt: string | null; checkedOutAt: string | null; afterClosingAt: string | null;
};

export const VISITOR_EXPORT_COLUMNS = (lang: Lang): ExportColumn<V>[] => [
  { key: 'number', zh: '登记编号', en: 'Number', width: 18, value: (v) => v.number },
  { key: 'kind', zh: '方式', en: 'Kind', width: 10, value: (v) => label(lang, 'visitKind', v.kind) },
  { key: 'name', zh: '访客姓名', en: 'Visitor', width: 12, value: (v) => v.name },
  { key: 'company', zh: '单位', en: 'Company', width: 20, value: (v) => v.company },
  { key: 'documentType', zh: '证件类型', en: 'Document', width: 12, value: (v) => label(lang, 'documentType', v.documentType) },
  { key: 'documentNumber', zh: '证件号码（脱敏）', en: 'Document no. (masked)', width: 22, value: (v) => v.documentNumber },
  { key: 'purpose', zh: '来访事由', en: 'Purpose', width: 30, value: (v) => v.purpose },
  { key: 'org', zh: '被访单位', en: 'Unit visited', width: 20, value: (v) => v.orgName },
  { key: 'host', zh: '接待人', en: 'Host', width: 10, value: (v) => v.host?.name },
  { key: 'sites', zh: '到访区域', en: 'Areas', width: 24, value: (v) => v.sites.map((s) => s.name).join('、') },
  { key: 'escort', zh: '陪同人', en: 'Escort', width: 10, value: (v) => v.escort?.name },
  { key: 'status', zh: '状态', en: 'Status', width: 10, value: (v) => label(lang, 'visitStatus', v.status) },
  { key: 'expectedAt', zh: '预约时间', en: 'Expected', width: 20, value: (v) => date(v.expectedAt) },
  { key: 'checkedInAt', zh: '进入时间', en: 'Checked in', width: 20, value: (v) => date(v.checkedInAt) },
  { key: 'checkedOutAt', zh: '离开时间', en: 'Checked out', width: 20, value: (v) => date(v.checkedOutAt) },
  { key: 'afterClosing', zh: '营业结束后仍在内', en: 'Inside after closing', width: 12, value: (v) => (v.afterClosingAt ? (lang === 'en' ? 'Yes' : '是') : '') },
];

type E = {
  number: string; siteName: string; orgName: string; people: Array<{ name: string; company: string | null }>; supervisor: Person; purpose: string; workDone: string | null;
  status: string; approvalRequired: boolean; approvedBy: Person; enteredAt: string | null; exitedAt: string | null;
};

export const peopleText = (e: Pick<E, 'people'>) => e.people.map((p) => (p.company ? `${p.name}（${p.company}）` : p.name)).join('、');

export const ENTRY_EXPORT_COLUMNS = (lang: Lang): ExportColumn<E>[] => [
  { key: 'number', zh: '登记编号', en: 'Number', width: 18, value: (e) => e.number },
  { key: 'site', zh: '场所', en: 'Room', width: 18, value: (e) => e.siteName },
  { key: 'org', zh: '单位', en: 'Unit', width: 18, value: (e) => e.orgName },
  { key: 'people', zh: '进入人员', en: 'People', width: 36, value: (e) => peopleText(e) },
  { key: 'supervisor', zh: '陪同监督人', en: 'Supervisor', width: 10, value: (e) => e.supervisor?.name },
  { key: 'purpose', zh: '事由', en: 'Purpose', width: 30, value: (e) => e.purpose },
  { key: 'approvedBy', zh: '审批人', en: 'Approved by', width: 10, value: (e) => (e.approvalRequired ? e.approvedBy?.name : lang === 'en' ? 'Not required' : '免审批') },
  { key: 'enteredAt', zh: '进入时间', en: 'In', width: 20, value: (e) => date(e.enteredAt) },
  { key: 'exitedAt', zh: '离开时间', en: 'Out', width: 20, value: (e) => date(e.exitedAt) },
  { key: 'workDone', zh: '工作内容', en: 'Work done', width: 36, value: (e) => e.workDone },
  { key: 'status', zh: '状态', en: 'Status', width: 10, value: (e) => label(lang, 'entryStatus', e.status) },
];

type K = { siteName: string; orgName: string; description: string; copies: number; holders: Array<{ name: string }>; status: string; lostAt: string | null; lockChangedAt: string | null };

export const KEY_EXPORT_COLUMNS = (lang: Lang): ExportColumn<K>[] => [
  { key: 'site', zh: '场所', en: 'Room', width: 18, value: (k) => k.siteName },
  { key: 'org', zh: '单位', en: 'Unit', width: 18, value: (k) => k.orgName },
  { key: 'description', zh: '钥匙说明', en: 'Description', width: 30, value: (k) => k.description },
  { key: 'copies', zh: '份数', en: 'Copies', width: 8, value: (k) => k.copies },
  { key: 'holders', zh: '保管人', en: 'Holders', width: 24, value: (k) => k.holders.map((h) => h.name).join('、') },
  { key: 'status', zh: '状态', en: 'Status', width: 16, value: (k) => label(lang, 'keyStatus', k.status) },
  { key: 'lostAt', zh: '挂失时间', en: 'Lost at', width: 20, value: (k) => date(k.lostAt) },
  { key: 'lockChangedAt', zh: '换锁时间', en: 'Lock changed', width: 20, value: (k) => date(k.lockChangedAt) },
];
