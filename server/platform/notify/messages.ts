// Messages of the notification platform (DESIGN §2 principle 3): errors of the channel and in-app
// APIs, and the texts the platform itself sends (the body frame around a module's message, the test
// message). Modules register the codes of their own reminders with defineMessages beside their sweeps.
import { defineMessages } from '../http/i18n.ts';

export const NOTIFY_MESSAGES = defineMessages({
  NOTIFICATION_NOT_FOUND: { 'zh-CN': '通知不存在', en: 'Notification not found' },
  NOTIFICATION_CHANNEL_NOT_FOUND: { 'zh-CN': '通知渠道不存在', en: 'Notification channel not found' },
  NOTIFY_TEST_NO_EMAIL: {
    'zh-CN': '您的账号未登记电子邮箱，无法发送测试邮件',
    en: 'Your account has no e-mail address, so no test e-mail can be sent',
  },
  NOTIFY_BODY: { 'zh-CN': '{title}\n\n单位：{org}', en: '{title}\n\nUnit: {org}' },
  NOTIFY_BODY_LINK: { 'zh-CN': '{title}\n\n单位：{org}\n在安保系统中查看：{link}', en: '{title}\n\nUnit: {org}\nOpen in Anbao: {link}' },
  NOTIFY_TEST_SUBJECT: { 'zh-CN': '安保系统测试消息：{channel}', en: 'Anbao test message: {channel}' },
  NOTIFY_TEST_BODY: {
    'zh-CN': '这是安保系统通知渠道“{channel}”的测试消息，由 {by} 于 {at} 发送。收到即表示渠道配置正确。',
    en: 'This is a test message of the Anbao notification channel "{channel}", sent by {by} at {at}. Receiving it means the channel is configured correctly.',
  },
});
