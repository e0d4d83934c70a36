// Visitors, machine-room entries and keys (VIS-01 … VIS-04). The three administrator roles hold none
// of these (SEC-03).
import { definePermissions } from '../../platform/access/catalogue.ts';

const OPERATIONS = ['security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin', 'leader'] as const;
const DESK = ['security_head', 'security_officer', 'branch_head', 'guard'] as const;

export const VP = definePermissions('visitors', {
  read: { zh: '查看访客登记簿', en: 'View the visitor register', roles: OPERATIONS },
  register: { zh: '预约或登记访客', en: 'Make appointments and register visitors', roles: ['security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin'] },
  desk: { zh: '访客签到签离（门岗）', en: 'Check visitors in and out (desk)', roles: DESK },
  reveal: { zh: '查看访客证件号码明文', en: 'Reveal visitor document numbers', roles: ['security_head', 'security_officer'] },
  blocklist: { zh: '管理访客黑名单', en: 'Manage the visitor blocklist', roles: ['security_head', 'security_officer'] },
  export: { zh: '导出访客登记簿', en: 'Export the visitor register', roles: ['security_head', 'security_officer', 'branch_head', 'leader'] },
});

export const RP = definePermissions('room_entries', {
  read: { zh: '查看机房出入登记簿', en: 'View the machine-room entry register', roles: ['security_head', 'security_officer', 'branch_head', 'guard', 'it_admin', 'leader'] },
  log: { zh: '登记机房、金库出入', en: 'Log machine-room and vault entries', roles: ['security_head', 'security_officer', 'branch_head', 'guard', 'it_admin'] },
  approve: { zh: '审批机房、金库进入', en: 'Approve machine-room and vault entries', roles: ['security_head', 'it_admin'] },
  /** VIS-03: IT department staff enter machine rooms without a separate approval. */
  it_staff: { zh: '信息科技部人员（进入机房免审批）', en: 'IT department staff (enter without approval)', roles: ['it_admin'] },
  withdraw: { zh: '撤销机房出入记录', en: 'Withdraw entry records', roles: ['security_head', 'security_officer'] },
  export: { zh: '导出机房出入登记簿', en: 'Export the entry register', roles: ['security_head', 'security_officer', 'branch_head', 'it_admin', 'leader'] },
});

export const KP = definePermissions('keys', {
  read: { zh: '查看钥匙保管登记', en: 'View key custody', roles: OPERATIONS },
  manage: { zh: '管理钥匙（登记、挂失处理、换锁）', en: 'Manage keys (register, loss, lock change)', roles: ['security_head', 'security_officer', 'branch_head', 'it_admin'] },
  export: { zh: '导出钥匙保管登记', en: 'Export key custody', roles: ['security_head', 'security_officer', 'branch_head', 'leader'] },
});
