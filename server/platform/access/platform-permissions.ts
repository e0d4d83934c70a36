// Permissions of the platform itself (SEC-02, SEC-03): the system administrator configures, the
// security administrator manages accounts and grants, the auditor reads the audit trail.
import { definePermissions } from './catalogue.ts';

const EVERYONE = ['sysadmin', 'secadmin', 'auditor', 'security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin', 'leader'] as const;

export const P = {
  orgs: definePermissions('orgs', {
    read: { zh: '查看组织与场所', en: 'View units and sites', roles: EVERYONE },
    manage: { zh: '维护组织机构', en: 'Manage the org tree', adminOnly: true, roles: ['sysadmin'] },
  }),
  sites: definePermissions('sites', {
    manage: { zh: '维护场所', en: 'Manage sites', roles: ['sysadmin'] },
  }),
  settings: definePermissions('settings', {
    manage: { zh: '修改系统配置与安全策略', en: 'Change configuration and security policy', adminOnly: true, roles: ['sysadmin'] },
  }),
  users: definePermissions('users', {
    read: { zh: '查看人员', en: 'View people', roles: EVERYONE },
    manage: { zh: '管理人员与账号', en: 'Manage people and accounts', adminOnly: true, roles: ['secadmin'] },
    reveal: { zh: '查看人员敏感信息明文', en: 'Reveal personal data of people', adminOnly: true, roles: ['secadmin'] },
  }),
  roles: definePermissions('roles', {
    manage: { zh: '管理角色与授权', en: 'Manage roles and grants', adminOnly: true, roles: ['secadmin'] },
  }),
  apiTokens: definePermissions('api_tokens', {
    manage: { zh: '管理 API 令牌', en: 'Manage API tokens', adminOnly: true, roles: ['secadmin'] },
  }),
  audit: definePermissions('audit', {
    read: { zh: '查阅审计日志', en: 'Read the audit trail', adminOnly: true, roles: ['auditor'] },
    verify: { zh: '校验审计日志', en: 'Verify the audit trail', adminOnly: true, roles: ['auditor'] },
  }),
  files: definePermissions('files', {
    upload: { zh: '上传附件', en: 'Upload attachments', roles: EVERYONE },
  }),
};
