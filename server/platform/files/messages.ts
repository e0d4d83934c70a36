import { defineMessages } from '../http/i18n.ts';

export const FILE_MESSAGES = defineMessages({
  ATTACHMENT_NOT_FOUND: { 'zh-CN': '附件不存在', en: 'Attachment not found' },
  FILE_REQUIRED: { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  FILE_TYPE_NOT_ALLOWED: { 'zh-CN': '只能上传图片（JPEG、PNG、GIF、WebP、HEIC）或 PDF 文件', en: 'Only images (JPEG, PNG, GIF, WebP, HEIC) or PDF files can be uploaded' },
  FILE_TOO_LARGE: { 'zh-CN': '文件不能超过 {mb} MB', en: 'The file must be at most {mb} MB' },
  FILE_EMPTY: { 'zh-CN': '文件为空', en: 'The file is empty' },
  OWNER_TYPE_UNKNOWN: { 'zh-CN': '未知的附件归属类型 {type}', en: 'Unknown attachment owner type {type}' },
  ATTACHMENT_ALREADY_LINKED: { 'zh-CN': '附件已归属其他记录', en: 'The attachment already belongs to another record' },
});
