import { defineMessages } from '../http/i18n.ts';

export const AUTH_MESSAGES = defineMessages({
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins: the account is locked, try again in {minutes} minutes',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用（人员已离职或调离）', en: 'The account is disabled (the person has left or been transferred)' },
  OTP_REQUIRED: { 'zh-CN': '请输入身份验证器中的 6 位动态码', en: 'Enter the 6-digit code from your authenticator app' },
  OTP_INVALID: { 'zh-CN': '动态码错误或已使用', en: 'The code is wrong or was already used' },
  TOKEN_INVALID: { 'zh-CN': 'API 令牌无效、已过期或已吊销', en: 'The API token is invalid, expired or revoked' },
  PASSWORD_CHANGE_REQUIRED: { 'zh-CN': '请先修改密码', en: 'You must change your password first' },
  TOTP_ENROLMENT_REQUIRED: { 'zh-CN': '请先绑定身份验证器（双因素认证）', en: 'You must set up an authenticator (two-factor) first' },
  TOTP_ALREADY_ENABLED: { 'zh-CN': '已绑定身份验证器', en: 'An authenticator is already set up' },
  TOTP_NOT_STARTED: { 'zh-CN': '请先生成绑定二维码', en: 'Start the set-up first to get a QR code' },
  TOTP_REQUIRED_BY_POLICY: { 'zh-CN': '您的角色必须使用双因素认证，不能关闭', en: 'Your role requires two-factor authentication; it cannot be turned off' },
  CURRENT_PASSWORD_WRONG: { 'zh-CN': '当前密码错误', en: 'The current password is wrong' },
  // Confirming a step with one's own password (confirm-password.ts): a handover, a key set received, a check.
  PASSWORD_WRONG: { 'zh-CN': '密码错误', en: 'Wrong password' },
  ACCOUNT_LOCKED_CONFIRM: { 'zh-CN': '账号已锁定，暂不能确认', en: 'Your account is locked; you cannot confirm now' },
  PASSWORD_NOT_ACCEPTED: { 'zh-CN': '新密码不符合密码策略：{summary}', en: 'The new password does not meet the policy: {summary}' },
  PASSWORD_TOO_SHORT: { 'zh-CN': '至少 {min} 个字符', en: 'at least {min} characters' },
  PASSWORD_TOO_LONG: { 'zh-CN': '不能超过 {max} 个字符', en: 'at most {max} characters' },
  PASSWORD_TOO_SIMPLE: {
    'zh-CN': '须包含大写字母、小写字母、数字、符号中的至少 {classes} 类',
    en: 'must mix at least {classes} of: upper case, lower case, digits, symbols',
  },
  PASSWORD_CONTAINS_NAME: { 'zh-CN': '不能包含用户名、姓名或工号', en: 'must not contain the username, name or employee number' },
  PASSWORD_CONTAINS_DATE: { 'zh-CN': '不能包含生日等日期', en: 'must not contain a date such as a birthday' },
  PASSWORD_SEQUENCE: { 'zh-CN': '不能包含连续或重复的字符（如 1234、abcd、aaaa、qwer）', en: 'must not contain runs such as 1234, abcd, aaaa or qwer' },
  PASSWORD_COMMON: { 'zh-CN': '过于常见，容易被猜中', en: 'is too common and easy to guess' },
  PASSWORD_REUSED: { 'zh-CN': '不能与最近 {count} 次使用过的密码相同', en: 'must differ from the last {count} passwords' },
});
