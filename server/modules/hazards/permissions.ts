// Hazard permissions (HAZ-01 … HAZ-08). The three administrator roles configure the system and hold
// none of these (SEC-03): they do not take part in security operations.
import { definePermissions } from '../../platform/access/catalogue.ts';

const OPERATIONS = ['security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin', 'leader'] as const;

export const HP = definePermissions('hazards', {
  read: { zh: '查看隐患台账', en: 'View the hazard register', roles: OPERATIONS },
  report: { zh: '报告隐患', en: 'Report a hazard', roles: OPERATIONS },
  assess: { zh: '隐患定级', en: 'Grade (assess) hazards', roles: ['security_head', 'security_officer'] },
  signoff: { zh: '重大隐患签批', en: 'Sign off major hazards', roles: ['security_head'] },
  issue_notice: { zh: '下达整改通知', en: 'Issue rectification notices', roles: ['security_head', 'security_officer'] },
  rectify: { zh: '整改隐患', en: 'Rectify hazards', roles: ['security_head', 'security_officer', 'branch_head', 'it_admin'] },
  verify: { zh: '复查隐患整改', en: 'Verify rectifications', roles: ['security_head', 'security_officer'] },
  approve_extension: { zh: '审批整改延期', en: 'Approve deadline extensions', roles: ['security_head'] },
  withdraw: { zh: '撤销隐患记录', en: 'Withdraw hazard records', roles: ['security_head', 'security_officer'] },
  export: { zh: '导出隐患台账', en: 'Export the hazard register', roles: ['security_head', 'security_officer', 'branch_head', 'leader'] },
});
