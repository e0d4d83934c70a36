// RPT-03: the inspection list's Excel columns (Chinese headers by default), and the labels the
// print page and the export share.
import type { ExportColumn } from '../../platform/export/xlsx.ts';
import type { Lang } from '../../platform/http/i18n.ts';

type I = {
  number: string;
  orgName: string;
  siteName: string | null;
  planName: string | null;
  periodKey: string | null;
  templateName: string;
  templateNameEn: string;
  templateVersion: number;
  status: string;
  unannounced: boolean;
  scheduledFor: string;
  dueAt: string;
  overdue: boolean;
  leader: { name: string };
  members: Array<{ name: string }>;
  startedAt: string | null;
  location: string | null;
  submittedAt: string | null;
  itemCount: number;
  answeredCount: number;
  failedCount: number;
  inspectorSignature: { signerName: string } | null;
  unitSignature: { signerName: string } | null;
};

export const LABELS = {
  status: { planned: ['待检查', 'Planned'], in_progress: ['检查中', 'In progress'], submitted: ['已提交', 'Submitted'] },
  result: { pass: ['合格', 'Pass'], fail: ['不合格', 'Fail'], na: ['不适用', 'N/A'] },
  method: { onsite: ['现场查看', 'On-site check'], technical: ['技术检测', 'Technical test'], documents: ['资料审核', 'Document review'] },
  grade: { general: ['一般', 'General'], significant: ['较大', 'Significant'], major: ['重大', 'Major'] },
  category: { physical: ['物理安全', 'Physical'], network: ['网络安全', 'Network'], fire: ['消防安全', 'Fire'], personnel: ['人员安全', 'Personnel'], other: ['其他', 'Other'] },
  signMethod: { drawn: ['手写签名', 'drawn'], password: ['密码确认', 'password'], account: ['账号签署', 'account'] },
} as const;

export function label(lang: Lang, group: keyof typeof LABELS, value: string | null | undefined): string {
  if (!value) return '';
  const pair = (LABELS[group] as Record<string, readonly [string, string]>)[value];
  return pair ? pair[lang === 'en' ? 1 : 0] : value;
}

const date = (v: string | null) => (v ? new Date(v) : null);
const yesNo = (lang: Lang, v: boolean) => (v ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否');

export const INSPECTION_EXPORT_COLUMNS = (lang: Lang): ExportColumn<I>[] => [
  { key: 'number', zh: '检查编号', en: 'Number', width: 18, value: (i) => i.number },
  { key: 'org', zh: '受检单位', en: 'Inspected unit', width: 20, value: (i) => i.orgName },
  { key: 'site', zh: '场所', en: 'Site', width: 20, value: (i) => i.siteName },
  { key: 'template', zh: '检查表', en: 'Checklist', width: 24, value: (i) => `${lang === 'en' && i.templateNameEn ? i.templateNameEn : i.templateName} v${i.templateVersion}` },
  { key: 'plan', zh: '检查计划', en: 'Plan', width: 24, value: (i) => i.planName ?? (lang === 'en' ? '(ad hoc)' : '（临时检查）') },
  { key: 'period', zh: '周期', en: 'Period', width: 10, value: (i) => i.periodKey },
  { key: 'unannounced', zh: '突击检查', en: 'Unannounced', width: 8, value: (i) => yesNo(lang, i.unannounced) },
  { key: 'scheduledFor', zh: '计划日期', en: 'Scheduled', width: 12, value: (i) => i.scheduledFor },
  { key: 'due', zh: '完成期限', en: 'Due', width: 20, value: (i) => date(i.dueAt) },
  { key: 'status', zh: '状态', en: 'Status', width: 10, value: (i) => label(lang, 'status', i.status) },
  { key: 'overdue', zh: '是否逾期', en: 'Overdue', width: 8, value: (i) => yesNo(lang, i.overdue) },
  { key: 'leader', zh: '检查组长', en: 'Leader', width: 10, value: (i) => i.leader.name },
  { key: 'members', zh: '检查组成员', en: 'Members', width: 20, value: (i) => i.members.map((m) => m.name).join('、') },
  { key: 'startedAt', zh: '开始时间', en: 'Started', width: 20, value: (i) => date(i.startedAt) },
  { key: 'location', zh: '检查地点', en: 'Location', width: 20, value: (i) => i.location },
  { key: 'submittedAt', zh: '提交时间', en: 'Submitted', width: 20, value: (i) => date(i.submittedAt) },
  { key: 'items', zh: '检查项', en: 'Items', width: 8, value: (i) => i.itemCount },
  { key: 'answered', zh: '已检查', en: 'Answered', width: 8, value: (i) => i.answeredCount },
  { key: 'failed', zh: '不合格项', en: 'Failed', width: 8, value: (i) => i.failedCount },
  { key: 'inspector', zh: '检查人签字', en: 'Inspector signature', width: 12, value: (i) => i.inspectorSignature?.signerName },
  { key: 'unit', zh: '受检单位签字', en: 'Unit signature', width: 12, value: (i) => i.unitSignature?.signerName },
];
