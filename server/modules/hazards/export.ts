// HAZ-08 / RPT-03: the register's Excel columns (Chinese headers by default).
import type { ExportColumn } from '../../platform/export/xlsx.ts';
import type { Lang } from '../../platform/http/i18n.ts';

type H = {
  number: string;
  title: string;
  description: string | null;
  category: string;
  source: string;
  orgName: string;
  siteName: string | null;
  location: string | null;
  grade: string | null;
  status: string;
  overdue: boolean;
  dueAt: string | null;
  reportedBy: { name: string } | null;
  reportedAt: string;
  responsibleUser: { name: string } | null;
  measures: string | null;
  rectifiedAt: string | null;
  verifiedBy: { name: string } | null;
  closedAt: string | null;
};

export const LABELS = {
  category: { physical: ['物理安全', 'Physical'], network: ['网络安全', 'Network'], fire: ['消防安全', 'Fire'], personnel: ['人员安全', 'Personnel'], other: ['其他', 'Other'] },
  source: { inspection: ['安全检查', 'Inspection'], patrol: ['巡查', 'Patrol'], report: ['员工报告', 'Staff report'], audit: ['审计', 'Audit'], assessment: ['第三方评估', 'Assessment'], other: ['其他', 'Other'] },
  grade: { general: ['一般', 'General'], significant: ['较大', 'Significant'], major: ['重大', 'Major'] },
  status: { reported: ['待定级', 'Reported'], assessed: ['已定级', 'Assessed'], rectifying: ['整改中', 'Rectifying'], rectified: ['待复查', 'Rectified'], closed: ['已销号', 'Closed'] },
} as const;

export function label(lang: Lang, group: keyof typeof LABELS, value: string | null): string | null {
  if (!value) return null;
  const pair = (LABELS[group] as Record<string, readonly [string, string]>)[value];
  return pair ? pair[lang === 'en' ? 1 : 0] : value;
}

const date = (v: string | null) => (v ? new Date(v) : null);

export const HAZARD_EXPORT_COLUMNS = (lang: Lang): ExportColumn<H>[] => [
  { key: 'number', zh: '隐患编号', en: 'Number', width: 18, value: (h) => h.number },
  { key: 'title', zh: '隐患名称', en: 'Title', width: 30, value: (h) => h.title },
  { key: 'category', zh: '类别', en: 'Category', width: 10, value: (h) => label(lang, 'category', h.category) },
  { key: 'source', zh: '来源', en: 'Source', width: 10, value: (h) => label(lang, 'source', h.source) },
  { key: 'grade', zh: '等级', en: 'Grade', width: 8, value: (h) => label(lang, 'grade', h.grade) },
  { key: 'status', zh: '状态', en: 'Status', width: 10, value: (h) => label(lang, 'status', h.status) },
  { key: 'overdue', zh: '是否逾期', en: 'Overdue', width: 8, value: (h) => (h.overdue ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否') },
  { key: 'org', zh: '责任单位', en: 'Responsible unit', width: 20, value: (h) => h.orgName },
  { key: 'site', zh: '场所', en: 'Site', width: 18, value: (h) => h.siteName },
  { key: 'location', zh: '具体位置', en: 'Location', width: 18, value: (h) => h.location },
  { key: 'description', zh: '隐患描述', en: 'Description', width: 40, value: (h) => h.description },
  { key: 'reporter', zh: '报告人', en: 'Reported by', width: 10, value: (h) => h.reportedBy?.name },
  { key: 'reportedAt', zh: '报告时间', en: 'Reported at', width: 20, value: (h) => date(h.reportedAt) },
  { key: 'due', zh: '整改期限', en: 'Due', width: 20, value: (h) => date(h.dueAt) },
  { key: 'responsible', zh: '整改责任人', en: 'Responsible person', width: 12, value: (h) => h.responsibleUser?.name },
  { key: 'measures', zh: '整改措施', en: 'Measures', width: 40, value: (h) => h.measures },
  { key: 'rectifiedAt', zh: '整改完成时间', en: 'Rectified at', width: 20, value: (h) => date(h.rectifiedAt) },
  { key: 'verifier', zh: '复查人', en: 'Verified by', width: 10, value: (h) => h.verifiedBy?.name },
  { key: 'closedAt', zh: '销号时间', en: 'Closed at', width: 20, value: (h) => date(h.closedAt) },
];
