import { defineMessages } from '../http/i18n.ts';

export const AUDIT_MESSAGES = defineMessages({
  AUDIT_EVENT_NOT_FOUND: { 'zh-CN': '审计记录不存在', en: 'Audit entry not found' },
  CHECKPOINT_NOT_FOUND: { 'zh-CN': '检查点不存在', en: 'Checkpoint not found' },
  AUDIT_CHAIN_EMPTY: { 'zh-CN': '审计链尚无已封存的记录', en: 'The audit chain has no sealed entries yet' },
  EXPORT_TOO_LARGE: { 'zh-CN': '导出记录超过 {limit} 条，请缩小筛选范围', en: 'More than {limit} records to export; narrow the filter' },
});
