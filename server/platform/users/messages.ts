import { defineMessages } from '../http/i18n.ts';

export const USER_MESSAGES = defineMessages({
  USER_NOT_FOUND: { 'zh-CN': '人员不存在', en: 'Person not found' },
  USERNAME_TAKEN: { 'zh-CN': '用户名 {username} 已被使用', en: 'Username {username} is already taken' },
  USER_NOT_ACTIVE: { 'zh-CN': '该人员已离职或调离', en: 'This person has left or been transferred' },
  SELF_ACTION: { 'zh-CN': '不能对自己的账号执行此操作', en: 'You cannot do this to your own account' },
  LAST_ADMINISTRATOR: {
    'zh-CN': '{person} 是“{role}”角色的最后一名在岗人员，不能失去该角色',
    en: '{person} is the last active holder of the role "{role}" and cannot lose it',
  },
  ADMIN_CREDENTIALS_BY_OPERATIONS: {
    'zh-CN': '三员账号的密码和身份验证器不能在系统内重置，须由运维人员使用 anbao reset-credentials 命令重置（三员分立）',
    en: 'Passwords and authenticators of the three administrator roles cannot be reset in the app; operations staff reset them with `anbao reset-credentials` (separation of duties)',
  },
  STATUS_UNCHANGED: { 'zh-CN': '状态未改变', en: 'The status is unchanged' },
});
