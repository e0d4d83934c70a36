// Equipment permissions (EQP-01 … EQP-04). The three administrator roles hold none of these (SEC-03).
import { definePermissions } from '../../platform/access/catalogue.ts';

const OPERATIONS = ['security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin', 'leader'] as const;

export const EP = definePermissions('equipment', {
  read: { zh: '查看安防设施台账', en: 'View the equipment register', roles: OPERATIONS },
  manage: { zh: '登记和维护安防设施台账', en: 'Register and edit equipment', roles: ['security_head', 'security_officer'] },
  plan: { zh: '制定设施维护计划', en: 'Set maintenance plans', roles: ['security_head', 'security_officer'] },
  maintain: { zh: '执行设施检查维护', en: 'Carry out equipment checks and maintenance', roles: ['security_head', 'security_officer', 'branch_head', 'guard', 'it_admin'] },
  report_fault: { zh: '报告设施故障', en: 'Report equipment faults', roles: OPERATIONS },
  assign_fault: { zh: '派发故障工单', en: 'Assign fault tickets', roles: ['security_head', 'security_officer'] },
  verify_fault: { zh: '验收故障维修', en: 'Verify fault repairs', roles: ['security_head', 'security_officer'] },
  export: { zh: '导出安防设施台账', en: 'Export the equipment register', roles: ['security_head', 'security_officer', 'branch_head', 'leader'] },
});
