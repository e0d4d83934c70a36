// Delivery channels API (DESIGN §5, §7): configured by the system administrator only (SEC-03), per
// unit and within their scope (SEC-02); credentials stored encrypted and shown masked (DESIGN §4);
// "send test" answers with the outcome; every change audited without the secrets (SEC-04).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { notificationChannels } from '../../db/schema/index.ts';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';
import { startTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { personWithRole } from '../../test/people.ts';
import { dingtalkSign } from './senders/dingtalk.ts';
import { createChannel, setEmail, startRobotReceiver, startSmtpReceiver } from './testing.ts';

let t: TestApp;
let sysadmin: Client;
let county: string;
let robot: Awaited<ReturnType<typeof startRobotReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
/** The signing secret the DingTalk stand-in expects (null: the robot has none). */
let dingSecret: string | null = null;

before(async () => {
  t = await startTestApp();
  sysadmin = await t.login('sysadmin');
  county = await t.orgId('SFX');
  smtp = await startSmtpReceiver();
  robot = await startRobotReceiver((r) => {
    if (r.path === '/fail') return { status: 500, body: { message: 'upstream down' } };
    if (r.path === '/errcode') return { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
    if (r.path === '/ding') {
      const ts = Number(r.query.get('timestamp'));
      const ok = dingSecret === null ? !r.query.has('sign') : r.query.get('sign') === dingtalkSign(dingSecret, ts);
      return { status: 200, body: ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' } };
    }
    return { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  });
});
after(async () => {
  await t.close();
  await robot.close();
  await smtp.close();
});

const wecom = (over: Record<string, unknown> = {}) => ({ orgId: county, kind: 'wecom', name: '保卫部企业微信群', config: { url: `${robot.base}/wecom?key=wecom-key-0001` }, ...over });
const storedConfig = async (id: string) => {
  const [c] = await t.database.db.select().from(notificationChannels).where(eq(notificationChannels.id, id));
  return { enc: c.configEnc, plain: JSON.parse(t.app.anbao.keys.decrypt(c.configEnc)) };
};

test('SEC-03: only the system administrator (settings.manage) manages channels and reads the delivery log', async () => {
  const id = await createChannel(sysadmin, wecom());
  for (const who of ['secadmin', 'officer', 'head']) {
    const c = await t.login(who);
    assertError(await c.get('/api/v1/notification-channels'), 403, 'FORBIDDEN');
    assertError(await c.get(`/api/v1/notification-channels/${id}`), 403, 'FORBIDDEN');
    assertError(await c.post('/api/v1/notification-channels', wecom()), 403, 'FORBIDDEN');
    assertError(await c.patch(`/api/v1/notification-channels/${id}`, { name: 'x', version: 1 }), 403, 'FORBIDDEN');
    assertError(await c.post(`/api/v1/notification-channels/${id}/test`), 403, 'FORBIDDEN');
    assertError(await c.post(`/api/v1/notification-channels/${id}/withdraw`, { reason: 'x' }), 403, 'FORBIDDEN');
    assertError(await c.get('/api/v1/notification-deliveries'), 403, 'FORBIDDEN');
  }
  const one = await sysadmin.get(`/api/v1/notification-channels/${id}`);
  assertStatus(one, 200);
  assert.deepEqual(one.body.allowedActions, ['update', 'withdraw', 'test']);
  assert.equal(robot.posts.length, 0, 'nothing was sent by the refused calls');
});

test('DESIGN §4: credentials are stored encrypted and returned masked; sending the masked values back keeps them', async () => {
  dingSecret = 'SEC-dingtalk-signing-secret';
  const created = await sysadmin.post('/api/v1/notification-channels', {
    orgId: county,
    kind: 'dingtalk',
    name: '县联社钉钉群',
    rules: ['hazard.overdue'],
    config: { url: `${robot.base}/ding?access_token=TOKEN-9f8e7d6c5b4a`, secret: dingSecret },
  });
  assertStatus(created, 201);
  const port = new URL(robot.base).port;
  assert.deepEqual(created.body.config, { url: `127.0.0.1:${port}…5b4a`, secret: '******' });
  assert.deepEqual(created.body.rules, ['hazard.overdue']);
  assert.equal(created.body.enabled, true);
  const id: string = created.body.id;
  const stored = await storedConfig(id);
  assert.ok(!stored.enc.includes('TOKEN-9f8e') && !stored.enc.includes(dingSecret), 'not stored in clear');
  assert.equal(stored.plain.secret, dingSecret);

  // The administrator edits the name and sends the config back as shown: the secrets stay.
  const shown = (await sysadmin.get(`/api/v1/notification-channels/${id}`)).body;
  const renamed = await sysadmin.patch(`/api/v1/notification-channels/${id}`, { name: '县联社安保钉钉群', config: shown.config }, { headers: { 'if-match': String(shown.version) } });
  assertStatus(renamed, 200);
  assert.equal(renamed.body.version, shown.version + 1);
  assert.deepEqual((await storedConfig(id)).plain, stored.plain);
  assert.equal((await sysadmin.post(`/api/v1/notification-channels/${id}/test`)).body.status, 'sent', 'signed with the kept secret');

  // A new secret replaces it; null removes it (the robot no longer signs).
  dingSecret = 'SEC-rotated';
  assertStatus(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { config: { secret: dingSecret }, version: renamed.body.version }), 200);
  assert.equal((await sysadmin.post(`/api/v1/notification-channels/${id}/test`)).body.status, 'sent');
  dingSecret = null;
  const cleared = await sysadmin.patch(`/api/v1/notification-channels/${id}`, { config: { secret: null }, version: renamed.body.version + 1 });
  assertStatus(cleared, 200);
  assert.equal(cleared.body.config.secret, undefined);
  const plain = await sysadmin.post(`/api/v1/notification-channels/${id}/test`);
  assert.equal(plain.body.status, 'sent');
  assert.ok(!robot.posts.at(-1)!.query.has('sign'));

  // E-mail: the password is masked and kept when the masked value comes back with another change.
  const mail = await sysadmin.post('/api/v1/notification-channels', {
    orgId: county,
    kind: 'email',
    name: '县联社邮件',
    config: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'anbao', password: 'Smtp#Pass-123', from: '安保系统 <anbao@anbao.test>' },
  });
  assertStatus(mail, 201);
  assert.deepEqual(mail.body.config, { host: '127.0.0.1', port: smtp.port, secure: false, user: 'anbao', password: '******', from: '安保系统 <anbao@anbao.test>' });
  const moved = await sysadmin.patch(`/api/v1/notification-channels/${mail.body.id}`, { config: { ...mail.body.config, port: 2526 }, version: 1 });
  assertStatus(moved, 200);
  assert.deepEqual((await storedConfig(mail.body.id)).plain, { host: '127.0.0.1', port: 2526, secure: false, user: 'anbao', password: 'Smtp#Pass-123', from: '安保系统 <anbao@anbao.test>' });
});

test('DESIGN §5: invalid settings are refused naming the field; a stale version is a conflict', async () => {
  assertFieldError(await sysadmin.post('/api/v1/notification-channels', { orgId: county, kind: 'email', name: '邮件', config: { port: 25, secure: false, from: 'a@b.c' } }), 'config.host');
  assertFieldError(await sysadmin.post('/api/v1/notification-channels', wecom({ config: { url: 'ftp://example.com/x' } })), 'config.url');
  assertFieldError(await sysadmin.post('/api/v1/notification-channels', wecom({ config: { url: 'http://x/y', secret: 's' } })), 'config.secret');
  assertFieldError(await sysadmin.post('/api/v1/notification-channels', wecom({ kind: 'sms' })), 'kind');
  assertFieldError(await sysadmin.post('/api/v1/notification-channels', wecom({ rules: ['Hazard Overdue'] })), 'rules.0');
  assertFieldError(await sysadmin.post('/api/v1/notification-channels', wecom({ name: '  ' })), 'name');

  const id = await createChannel(sysadmin, { orgId: county, kind: 'email', name: '邮件', config: { host: 'smtp.anbao.test', port: 25, secure: false, from: 'anbao@anbao.test' } });
  assertFieldError(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { config: { port: 'twenty-five' }, version: 1 }), 'config.port');
  assertFieldError(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { config: { url: 'http://x' }, version: 1 }), 'config.url');
  assertFieldError(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { config: { host: null }, version: 1 }), 'config.host');
  assertError(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { name: '邮件通道' }), 400, 'VALIDATION_FAILED');
  assertStatus(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { enabled: false }, { headers: { 'if-match': '1' } }), 200);
  const stale = assertError(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { enabled: true }, { headers: { 'if-match': '1' } }), 409, 'VERSION_CONFLICT');
  assert.match(stale.message, /2/);
});

test('SEC-02: channels of units outside my scope are not found, and I cannot create one there', async () => {
  assertError(await sysadmin.post('/api/v1/notification-channels', wecom({ orgId: await t.orgId('SFS') })), 404, 'ORG_NOT_FOUND');

  // A system administrator of one branch only sees and manages that branch's channels.
  const secadmin = await t.login('secadmin');
  const unit2 = await t.orgId('SFX-002');
  const branchAdmin = await personWithRole(t, secadmin, { orgCode: 'SFX-002', roleCode: 'sysadmin' });
  const countyChannel = await createChannel(sysadmin, wecom({ name: '县联社群' }));
  const own = await createChannel(branchAdmin.client, wecom({ orgId: unit2, name: '东街分社群' }));
  assertError(await branchAdmin.client.post('/api/v1/notification-channels', wecom()), 404, 'ORG_NOT_FOUND');
  assertError(await branchAdmin.client.get(`/api/v1/notification-channels/${countyChannel}`), 404, 'NOTIFICATION_CHANNEL_NOT_FOUND');
  assertError(await branchAdmin.client.patch(`/api/v1/notification-channels/${countyChannel}`, { name: 'x', version: 1 }), 404, 'NOTIFICATION_CHANNEL_NOT_FOUND');
  assertError(await branchAdmin.client.post(`/api/v1/notification-channels/${countyChannel}/test`), 404, 'NOTIFICATION_CHANNEL_NOT_FOUND');
  assertError(await branchAdmin.client.post(`/api/v1/notification-channels/${countyChannel}/withdraw`, { reason: 'x' }), 404, 'NOTIFICATION_CHANNEL_NOT_FOUND');
  assertError(await branchAdmin.client.get(`/api/v1/notification-deliveries?channelId=${countyChannel}`), 404, 'NOTIFICATION_CHANNEL_NOT_FOUND');
  assertError(await branchAdmin.client.get(`/api/v1/notification-channels/${randomUUID()}`), 404, 'NOTIFICATION_CHANNEL_NOT_FOUND');
  const list = await branchAdmin.client.get('/api/v1/notification-channels?pageSize=200');
  assert.deepEqual(list.body.items.map((c: { id: string }) => c.id), [own]);
  assert.equal(list.body.total, 1);
  // The county administrator sees both, and can narrow to a unit.
  const all = (await sysadmin.get('/api/v1/notification-channels?pageSize=200')).body.items.map((c: { id: string }) => c.id);
  assert.ok(all.includes(own) && all.includes(countyChannel));
  const atUnit2 = await sysadmin.get(`/api/v1/notification-channels?orgId=${unit2}`);
  assert.deepEqual(atUnit2.body.items.map((c: { id: string }) => c.id), [own]);

  // The county channel's test deliveries are not in the branch administrator's log.
  assertStatus(await sysadmin.post(`/api/v1/notification-channels/${countyChannel}/test`), 200);
  const log = await branchAdmin.client.get('/api/v1/notification-deliveries?pageSize=200');
  assert.ok(log.body.items.every((d: { channelId: string }) => d.channelId === own));
});

test('DESIGN §7: "send test" sends at once and answers with the outcome, which the delivery log keeps', async () => {
  const ok = await createChannel(sysadmin, wecom({ name: '正常的群', enabled: false }));
  const sent = await sysadmin.post(`/api/v1/notification-channels/${ok}/test`);
  assertStatus(sent, 200);
  assert.equal(sent.body.status, 'sent', 'a disabled channel can be tested before it is switched on');
  assert.equal(sent.body.attempts, 1);
  assert.equal(sent.body.isTest, true);
  assert.ok(sent.body.sentAt);
  const post = robot.posts.at(-1)!;
  assert.equal(post.path, '/wecom');
  assert.equal(post.body.msgtype, 'markdown');
  assert.match(post.body.markdown.content, /安保系统测试消息：正常的群/);
  assert.match(post.body.markdown.content, /王建国/);

  const failing = await createChannel(sysadmin, wecom({ name: '坏掉的群', config: { url: `${robot.base}/fail?key=k` } }));
  const down = await sysadmin.post(`/api/v1/notification-channels/${failing}/test`);
  assertStatus(down, 200);
  assert.equal(down.body.status, 'failed', 'a test is tried once, not retried');
  assert.match(down.body.lastError, /HTTP 500/);
  const refused = await createChannel(sysadmin, wecom({ name: '错误地址的群', config: { url: `${robot.base}/errcode?key=k` } }));
  const wrongKey = await sysadmin.post(`/api/v1/notification-channels/${refused}/test`);
  assert.equal(wrongKey.body.status, 'failed');
  assert.match(wrongKey.body.lastError, /errcode 93000: invalid webhook url/);

  // E-mail goes to my own address; without one, there is nobody to send to.
  const mail = await createChannel(sysadmin, { orgId: county, kind: 'email', name: '测试邮件通道', config: { host: '127.0.0.1', port: smtp.port, secure: false, from: 'anbao@anbao.test' } });
  await setEmail(t, 'sysadmin', null);
  assertError(await sysadmin.post(`/api/v1/notification-channels/${mail}/test`), 422, 'NOTIFY_TEST_NO_EMAIL');
  await setEmail(t, 'sysadmin', 'sysadmin@anbao.test');
  const mailed = await sysadmin.post(`/api/v1/notification-channels/${mail}/test`);
  assert.equal(mailed.body.status, 'sent', JSON.stringify(mailed.body));
  assert.equal(mailed.body.recipient, 'sysadmin@anbao.test');
  const m = smtp.mails.at(-1)!;
  assert.deepEqual(m.to, ['sysadmin@anbao.test']);
  assert.equal(m.subject, '安保系统测试消息：测试邮件通道');
  assert.match(m.text, /王建国/);

  const log = await sysadmin.get(`/api/v1/notification-deliveries?channelId=${failing}`);
  assertStatus(log, 200);
  assert.equal(log.body.total, 1);
  assert.equal(log.body.items[0].status, 'failed');
  assert.equal(log.body.items[0].attempts, 1);
  assert.equal(log.body.items[0].channelName, '坏掉的群');
  assert.match(log.body.items[0].lastError, /HTTP 500/);
  const failed = await sysadmin.get('/api/v1/notification-deliveries?status=failed&pageSize=200');
  assert.ok(failed.body.items.every((d: { status: string }) => d.status === 'failed'));
  assert.ok(failed.body.items.some((d: { channelId: string }) => d.channelId === refused));
});

test('SEC-04, SEC-05: changes are audited without the secrets; a withdrawn channel stays on record and can no longer be changed or tested', async () => {
  const created = await sysadmin.post('/api/v1/notification-channels', wecom({ name: '审计用的群', config: { url: `${robot.base}/wecom?key=AUDIT-KEY-777` } }));
  const id: string = created.body.id;
  assertStatus(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { config: { url: `${robot.base}/wecom?key=AUDIT-KEY-888` }, enabled: false, version: 1 }), 200);
  assertStatus(await sysadmin.post(`/api/v1/notification-channels/${id}/test`), 200);
  const withdrawn = await sysadmin.post(`/api/v1/notification-channels/${id}/withdraw`, { reason: '群已解散' });
  assertStatus(withdrawn, 200);
  assert.ok(withdrawn.body.withdrawnAt);
  assert.equal(withdrawn.body.withdrawnReason, '群已解散');
  assert.deepEqual(withdrawn.body.allowedActions, []);
  assertError(await sysadmin.post(`/api/v1/notification-channels/${id}/test`), 409, 'ALREADY_WITHDRAWN');
  assertError(await sysadmin.patch(`/api/v1/notification-channels/${id}`, { name: 'x', version: 3 }), 409, 'ALREADY_WITHDRAWN');
  const listed = (await sysadmin.get('/api/v1/notification-channels?pageSize=200')).body.items.map((c: { id: string }) => c.id);
  assert.ok(!listed.includes(id));
  const withAll = (await sysadmin.get('/api/v1/notification-channels?pageSize=200&includeWithdrawn=true')).body.items.map((c: { id: string }) => c.id);
  assert.ok(withAll.includes(id));

  const auditor = await t.login('auditor');
  const entries = await auditEntries(auditor, { targetId: id });
  assert.deepEqual(entries.map((e) => e.action).sort(), ['notification_channels.create', 'notification_channels.test', 'notification_channels.update', 'notification_channels.withdraw']);
  const create = entries.find((e) => e.action === 'notification_channels.create')!;
  assert.deepEqual(create.changes?.['config.url'], [null, '***']);
  assert.deepEqual(create.changes?.name, [null, '审计用的群']);
  const update = entries.find((e) => e.action === 'notification_channels.update')!;
  assert.deepEqual(update.changes, { enabled: [true, false], 'config.url': ['***', '***'] });
  assert.equal(entries.find((e) => e.action === 'notification_channels.withdraw')!.detail?.reason, '群已解散');
  assert.ok(!JSON.stringify(entries).includes('AUDIT-KEY'), 'no webhook key in the audit trail');
});
