import { defineMessages } from '../http/i18n.ts';

export const ACCESS_MESSAGES = defineMessages({
  ROLE_NOT_FOUND: { 'zh-CN': '角色不存在', en: 'Role not found' },
  GRANT_NOT_FOUND: { 'zh-CN': '授权不存在', en: 'Grant not found' },
  SELF_GRANT: { 'zh-CN': '不能给自己授权或修改自己的授权', en: 'You cannot grant roles to yourself' },
  SEPARATION_OF_DUTIES: {
    'zh-CN': '三员分立：{person} 已担任“{held}”，不能再担任“{role}”',
    en: 'Separation of duties: {person} already holds "{held}" and cannot also hold "{role}"',
  },
  GRANT_EXISTS: { 'zh-CN': '该人员在此机构已有此角色', en: 'This person already holds this role at this unit' },
  GRANT_REVOKED: { 'zh-CN': '授权已撤销', en: 'The grant has already been revoked' },
  ROLE_CODE_TAKEN: { 'zh-CN': '角色代码 {code} 已存在', en: 'Role code {code} already exists' },
  BUILTIN_ROLE_READONLY: { 'zh-CN': '内置角色不能修改或撤销', en: 'Built-in roles cannot be changed or withdrawn' },
  ROLE_IN_USE: { 'zh-CN': '角色仍有 {count} 项有效授权，请先撤销', en: 'The role still has {count} active grants; revoke them first' },
  ROLE_WITHDRAWN: { 'zh-CN': '角色已撤销', en: 'The role has been withdrawn' },
  UNKNOWN_PERMISSION: { 'zh-CN': '未知权限 {code}', en: 'Unknown permission {code}' },
  ADMIN_PERMISSION_NOT_ASSIGNABLE: {
    'zh-CN': '“{code}” 仅属于三员角色，不能放入自定义角色或 API 令牌',
    en: '"{code}" belongs to the administrator roles only; it cannot go into a custom role or an API token',
  },
  TOKEN_REVOKED: { 'zh-CN': 'API 令牌已吊销', en: 'The API token has already been revoked' },
  TOKEN_NOT_FOUND: { 'zh-CN': 'API 令牌不存在', en: 'API token not found' },
  TOKEN_PERMISSION_NOT_HELD: {
    'zh-CN': '{person} 本人没有权限 “{code}”，令牌不能超出其权限',
    en: '{person} does not hold "{code}" there; a token cannot exceed its owner',
  },
});
