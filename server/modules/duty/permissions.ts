// Duty permissions (DUT-01 … DUT-03). Staff and guards take night duty in the branches, so everyone
// operational may read the roster and write the log of the shift they are on; rostering and approving
// swaps belong to the security department and the unit heads. Administrators hold none (SEC-03).
import { definePermissions } from '../../platform/access/catalogue.ts';

const OPERATIONS = ['security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin', 'leader'] as const;

export const DP = definePermissions('duty', {
  read: { zh: '查看值班表、值班日志与交接班记录', en: 'View duty rosters, logs and handovers', roles: OPERATIONS },
  log: { zh: '记录值班日志与交接班（本人值班时）', en: 'Write the duty log and hand over (own shifts)', roles: OPERATIONS },
  manage: { zh: '排班（班次与值班表）', en: 'Roster duty (shifts and assignments)', roles: ['security_head', 'security_officer', 'branch_head'] },
  approve_swap: { zh: '审批换班申请', en: 'Approve shift swaps', roles: ['security_head', 'security_officer', 'branch_head'] },
  export: { zh: '导出值班台账', en: 'Export duty registers', roles: ['security_head', 'security_officer', 'branch_head', 'leader'] },
});
