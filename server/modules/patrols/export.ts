// Excel columns of the patrol, monitoring-log and opening-check registers (RPT-03; Chinese headers by default).
import type { ExportColumn } from '../../platform/export/xlsx.ts';
import type { Lang } from '../../platform/http/i18n.ts';
import { formatDateTime } from '../../platform/print/html.ts';

export const LABELS = {
  patrolStatus: { scheduled: ['待巡逻', 'Scheduled'], in_progress: ['巡逻中', 'In progress'], completed: ['已完成', 'Completed'] },
  monitoringKind: { shift: ['值班监看', 'Viewing shift'], event: ['监控发现情况', 'Event seen on camera'], archive: ['录像归档', 'Recording archived'] },
  medium: { hard_disk: ['移动硬盘', 'Hard disk'], nas: ['网络存储', 'NAS'], optical_disc: ['光盘', 'Optical disc'], tape: ['磁带', 'Tape'], cloud: ['云存储', 'Cloud'], other: ['其他', 'Other'] },
  archiveState: { not_needed: ['—', '—'], archived: ['已归档', 'Archived'], in_retention: ['保存期内未归档', 'In retention, not archived'], lost: ['未归档已超保存期', 'Lost: not archived before deletion'] },
  checkKind: { opening: ['营业前检查', 'Opening check'], closing: ['营业后检查', 'Closing check'] },
  checkStatus: { awaiting_second: ['待复核', 'Awaiting second person'], done: ['已完成', 'Done'], missed: ['未按时检查', 'Missed'] },
} as const;

export function label(lang: Lang, group: keyof typeof LABELS, v: string | null | undefined): string {
  if (!v) return '';
  const e = (LABELS[group] as Record<string, readonly [string, string]>)[v];
  return e ? e[lang === 'en' ? 1 : 0] : v;
}

type P = { orgName: string; routeName: string; day: string; status: string; scheduledAt: string | null; notStarted: boolean; guard: { name: string } | null; startedAt: string | null; finishedAt: string | null; checkpointCount: number; missedCount: number; lateCount: number; flagCount: number; note: string | null };

export const PATROL_EXPORT_COLUMNS = (lang: Lang, tz: string): ExportColumn<P>[] => [
  { key: 'day', zh: '日期', en: 'Day', width: 12, value: (r) => r.day },
  { key: 'org', zh: '单位', en: 'Unit', width: 22, value: (r) => r.orgName },
  { key: 'route', zh: '巡逻路线', en: 'Route', width: 22, value: (r) => r.routeName },
  { key: 'scheduled', zh: '计划时间', en: 'Scheduled', value: (r) => formatDateTime(r.scheduledAt, tz) },
  { key: 'status', zh: '状态', en: 'Status', width: 12, value: (r) => (r.notStarted ? (lang === 'en' ? 'Not started in time' : '未按时开始') : label(lang, 'patrolStatus', r.status)) },
  { key: 'guard', zh: '巡逻人', en: 'Guard', width: 12, value: (r) => r.guard?.name },
  { key: 'started', zh: '开始时间', en: 'Started', value: (r) => (r.startedAt ? new Date(r.startedAt) : null) },
  { key: 'finished', zh: '结束时间', en: 'Finished', value: (r) => (r.finishedAt ? new Date(r.finishedAt) : null) },
  { key: 'checkpoints', zh: '巡查点数', en: 'Checkpoints', width: 10, value: (r) => r.checkpointCount },
  { key: 'missed', zh: '漏巡', en: 'Missed', width: 8, value: (r) => r.missedCount },
  { key: 'late', zh: '超时', en: 'Late', width: 8, value: (r) => r.lateCount },
  { key: 'flags', zh: '异常扫码', en: 'Impossible scans', width: 10, value: (r) => r.flagCount },
  { key: 'note', zh: '备注', en: 'Note', width: 30, value: (r) => r.note },
];

type M = { orgName: string; siteName: string | null; kind: string; person: { name: string } | null; fromAt: string; toAt: string | null; camera: string | null; description: string | null; actionTaken: string | null; medium: string | null; storageRef: string | null; archiveState: string };

export const MONITORING_EXPORT_COLUMNS = (lang: Lang): ExportColumn<M>[] => [
  { key: 'kind', zh: '类别', en: 'Kind', width: 14, value: (r) => label(lang, 'monitoringKind', r.kind) },
  { key: 'org', zh: '单位', en: 'Unit', width: 22, value: (r) => r.orgName },
  { key: 'site', zh: '监控室', en: 'Monitoring room', width: 18, value: (r) => r.siteName },
  { key: 'person', zh: '人员', en: 'Person', width: 12, value: (r) => r.person?.name },
  { key: 'from', zh: '起', en: 'From', value: (r) => new Date(r.fromAt) },
  { key: 'to', zh: '止', en: 'To', value: (r) => (r.toAt ? new Date(r.toAt) : null) },
  { key: 'camera', zh: '摄像机', en: 'Camera', width: 14, value: (r) => r.camera },
  { key: 'description', zh: '情况', en: 'What was seen', width: 30, value: (r) => r.description },
  { key: 'action', zh: '处置', en: 'Action taken', width: 24, value: (r) => r.actionTaken },
  { key: 'medium', zh: '存储介质', en: 'Medium', width: 12, value: (r) => label(lang, 'medium', r.medium) },
  { key: 'storage', zh: '存放位置', en: 'Stored at', width: 16, value: (r) => r.storageRef },
  { key: 'archive', zh: '录像归档', en: 'Footage', width: 18, value: (r) => label(lang, 'archiveState', r.archiveState) },
];

type C = { orgName: string; day: string; kind: string; status: string; missed: boolean; failedItems: number; items: Array<{ text: string; ok: boolean; note: string | null }>; firstBy: { name: string } | null; firstAt: string | null; secondBy: { name: string } | null; secondAt: string | null; note: string | null };

export const CHECK_EXPORT_COLUMNS = (lang: Lang): ExportColumn<C>[] => [
  { key: 'day', zh: '日期', en: 'Day', width: 12, value: (r) => r.day },
  { key: 'org', zh: '网点', en: 'Branch', width: 22, value: (r) => r.orgName },
  { key: 'kind', zh: '检查', en: 'Check', width: 12, value: (r) => label(lang, 'checkKind', r.kind) },
  { key: 'status', zh: '状态', en: 'Status', width: 12, value: (r) => label(lang, 'checkStatus', r.status) },
  { key: 'missed', zh: '未按时', en: 'Missed deadline', width: 10, value: (r) => (r.missed ? (lang === 'en' ? 'Yes' : '是') : '') },
  { key: 'failed', zh: '不合格项', en: 'Failed items', width: 30, value: (r) => r.items.filter((i) => !i.ok).map((i) => `${i.text}：${i.note ?? ''}`).join('\n') },
  { key: 'first', zh: '检查人', en: 'Checked by', width: 12, value: (r) => r.firstBy?.name },
  { key: 'firstAt', zh: '检查时间', en: 'Checked at', value: (r) => (r.firstAt ? new Date(r.firstAt) : null) },
  { key: 'second', zh: '复核人', en: 'Confirmed by', width: 12, value: (r) => r.secondBy?.name },
  { key: 'secondAt', zh: '复核时间', en: 'Confirmed at', value: (r) => (r.secondAt ? new Date(r.secondAt) : null) },
  { key: 'note', zh: '备注', en: 'Note', width: 30, value: (r) => r.note },
];
