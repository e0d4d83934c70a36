// Excel columns of the duty registers (Chinese headers by default): the roster, the duty log and the
// handover register.
import type { ExportColumn } from '../../platform/export/xlsx.ts';
import type { Lang } from '../../platform/http/i18n.ts';

const yes = (lang: Lang, v: boolean) => (v ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否');
const date = (v: string | null) => (v ? new Date(v) : null);
const names = (ps: Array<{ name: string }>) => ps.map((p) => p.name).join('、');

export const HANDOVER_STATUS = { none: ['未交班', 'Not handed over'], submitted: ['待接班确认', 'Awaiting confirmation'], confirmed: ['已交接', 'Confirmed'] } as const;
export const statusLabel = (lang: Lang, s: keyof typeof HANDOVER_STATUS) => HANDOVER_STATUS[s][lang === 'en' ? 1 : 0];

type A = { orgName: string; dutyDate: string; shiftName: string; startsAt: string; endsAt: string; people: Array<{ name: string }>; leader: { name: string } | null; handoverStatus: keyof typeof HANDOVER_STATUS; missingHandover: boolean };
export const ROSTER_COLUMNS = (lang: Lang): ExportColumn<A>[] => [
  { key: 'org', zh: '单位', en: 'Unit', width: 20, value: (a) => a.orgName },
  { key: 'date', zh: '值班日期', en: 'Date', width: 12, value: (a) => a.dutyDate },
  { key: 'shift', zh: '班次', en: 'Shift', width: 10, value: (a) => a.shiftName },
  { key: 'start', zh: '开始时间', en: 'Starts', width: 18, value: (a) => date(a.startsAt) },
  { key: 'end', zh: '结束时间', en: 'Ends', width: 18, value: (a) => date(a.endsAt) },
  { key: 'people', zh: '值班人员', en: 'On duty', width: 24, value: (a) => names(a.people) },
  { key: 'leader', zh: '值班领导', en: 'Leader on duty', width: 10, value: (a) => a.leader?.name },
  { key: 'handover', zh: '交接班', en: 'Handover', width: 12, value: (a) => statusLabel(lang, a.handoverStatus) },
  { key: 'missing', zh: '未交接班', en: 'Handover missing', width: 10, value: (a) => yes(lang, a.missingHandover) },
];

type L = { orgName: string; dutyDate: string; shiftName: string; occurredAt: string; happened: string; actionTaken: string | null; urgent: boolean; author: { name: string }; correctsId: string | null };
export const LOG_COLUMNS = (lang: Lang): ExportColumn<L>[] => [
  { key: 'org', zh: '单位', en: 'Unit', width: 20, value: (l) => l.orgName },
  { key: 'date', zh: '值班日期', en: 'Duty date', width: 12, value: (l) => l.dutyDate },
  { key: 'shift', zh: '班次', en: 'Shift', width: 10, value: (l) => l.shiftName },
  { key: 'time', zh: '时间', en: 'Time', width: 18, value: (l) => date(l.occurredAt) },
  { key: 'happened', zh: '情况记录', en: 'What happened', width: 40, value: (l) => l.happened },
  { key: 'action', zh: '处置情况', en: 'Action taken', width: 40, value: (l) => l.actionTaken },
  { key: 'urgent', zh: '紧急', en: 'Urgent', width: 6, value: (l) => yes(lang, l.urgent) },
  { key: 'correction', zh: '更正记录', en: 'Correction', width: 8, value: (l) => yes(lang, !!l.correctsId) },
  { key: 'author', zh: '记录人', en: 'Recorded by', width: 10, value: (l) => l.author.name },
];

type H = { orgName: string; dutyDate: string; shiftName: string; status: 'submitted' | 'confirmed'; outgoing: { name: string }; submittedAt: string; incoming: { name: string } | null; confirmedAt: string | null; openItemCount: number; note: string | null };
export const HANDOVER_COLUMNS = (lang: Lang): ExportColumn<H>[] => [
  { key: 'org', zh: '单位', en: 'Unit', width: 20, value: (h) => h.orgName },
  { key: 'date', zh: '值班日期', en: 'Duty date', width: 12, value: (h) => h.dutyDate },
  { key: 'shift', zh: '班次', en: 'Shift', width: 10, value: (h) => h.shiftName },
  { key: 'status', zh: '状态', en: 'Status', width: 12, value: (h) => statusLabel(lang, h.status) },
  { key: 'outgoing', zh: '交班人', en: 'Outgoing', width: 10, value: (h) => h.outgoing.name },
  { key: 'submitted', zh: '交班时间', en: 'Handed over', width: 18, value: (h) => date(h.submittedAt) },
  { key: 'incoming', zh: '接班人', en: 'Incoming', width: 10, value: (h) => h.incoming?.name },
  { key: 'confirmed', zh: '接班确认时间', en: 'Confirmed', width: 18, value: (h) => date(h.confirmedAt) },
  { key: 'open', zh: '未办结事项', en: 'Open items', width: 10, value: (h) => h.openItemCount },
  { key: 'note', zh: '交班说明', en: 'Note', width: 30, value: (h) => h.note },
];
