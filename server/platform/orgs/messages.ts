import { defineMessages } from '../http/i18n.ts';

export const ORG_MESSAGES = defineMessages({
  ORG_NOT_FOUND: { 'zh-CN': '机构不存在', en: 'Unit not found' },
  SITE_NOT_FOUND: { 'zh-CN': '场所不存在', en: 'Site not found' },
  ORG_CODE_TAKEN: { 'zh-CN': '机构代码 {code} 已被使用', en: 'Unit code {code} is already in use' },
  ORG_PARENT_KIND: {
    'zh-CN': '{kind} 不能设在 {parentKind} 之下',
    en: 'A {kind} cannot be placed under a {parentKind}',
  },
  ORG_MOVE_INTO_SUBTREE: { 'zh-CN': '不能把机构移到它自己或其下级机构之下', en: 'A unit cannot be moved under itself or one of its own units' },
  ORG_WITHDRAWN: { 'zh-CN': '机构已撤销', en: 'The unit has been withdrawn' },
  ORG_NOT_EMPTY: {
    'zh-CN': '机构下仍有 {summary}，请先迁移或处理后再撤销',
    en: 'The unit still has {summary}; move or close them before withdrawing it',
  },
  ORG_IS_ROOT: { 'zh-CN': '不能撤销或移动最上级机构', en: 'The top-level unit cannot be withdrawn or moved' },
  ALREADY_WITHDRAWN: { 'zh-CN': '记录已撤销', en: 'The record has already been withdrawn' },
});
