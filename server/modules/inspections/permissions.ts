// Inspection permissions (INS-01 … INS-05). The three administrator roles configure the system and hold
// none of these (SEC-03): they take no part in security operations.
import { definePermissions } from '../../platform/access/catalogue.ts';

const SECURITY = ['security_head', 'security_officer'] as const;

export const IP = definePermissions('inspections', {
  read: { zh: '查看安全检查', en: 'View inspections', roles: [...SECURITY, 'branch_head', 'it_admin', 'leader'] },
  manage_templates: { zh: '维护检查模板', en: 'Maintain checklist templates', roles: SECURITY },
  plan: { zh: '制定检查计划', en: 'Plan inspections', roles: SECURITY },
  perform: { zh: '实施安全检查', en: 'Perform inspections', roles: SECURITY },
  sign_unit: { zh: '受检单位签字确认', en: 'Sign for the inspected unit', roles: ['branch_head'] },
  export: { zh: '导出检查记录', en: 'Export inspection records', roles: [...SECURITY, 'branch_head', 'leader'] },
});
