// Patrol and daily-check permissions (PAT-01 … PAT-04). The three administrator roles configure the
// system and hold none of these (SEC-03).
import { definePermissions } from '../../platform/access/catalogue.ts';

const OPERATIONS = ['security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin', 'leader'] as const;

export const PP = definePermissions('patrols', {
  read: { zh: '查看巡逻与值守记录', en: 'View patrols, monitoring logs and opening checks', roles: OPERATIONS },
  manage_routes: { zh: '管理巡逻路线与巡查点', en: 'Manage patrol routes and checkpoints', roles: ['security_head', 'security_officer', 'branch_head'] },
  patrol: { zh: '执行巡逻（扫码、记录异常）', en: 'Patrol (scan checkpoints, record anomalies)', roles: ['security_head', 'security_officer', 'branch_head', 'guard'] },
  monitor: { zh: '登记监控室值班记录', en: 'Keep the monitoring-room log', roles: ['security_head', 'security_officer', 'guard'] },
  check: { zh: '营业前后安全检查', en: 'Opening and closing checks', roles: ['security_head', 'security_officer', 'branch_head', 'staff', 'guard'] },
  withdraw: { zh: '撤销巡逻与值守记录', en: 'Withdraw patrol and log records', roles: ['security_head', 'security_officer'] },
  export: { zh: '导出巡逻与值守记录', en: 'Export patrol and log registers', roles: ['security_head', 'security_officer', 'branch_head', 'leader'] },
});
