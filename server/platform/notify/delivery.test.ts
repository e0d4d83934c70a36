// The delivery worker (DESIGN §7): e-mail over SMTP and WeCom / DingTalk group robots, sent outside any
// transaction; a failing channel is retried with back-off (1 min, 5 min, 30 min, 2 h) and marked
// failed after 5 attempts, and never blocks or undoes the business change that queued it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { notificationDeliveries, sites } from '../../db/schema/index.ts';
import { assertStatus } from '../../test/http-assert.ts';
import { startTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { type AppContext, inSystemTx } from '../context.ts';
import { defineMessages } from '../http/i18n.ts';
import { dingtalkSign } from './senders/dingtalk.ts';
import { notify } from './service.ts';
import { closedPort, createChannel, deliveriesOf, setEmail, startRobotReceiver, startSmtpReceiver } from './testing.ts';
import { deliverDue, MAX_ATTEMPTS, startDeliveryWorker } from './worker.ts';

defineMessages({ TEST_DELIVERY_OVERDUE: { 'zh-CN': '隐患 {number} 已逾期，请尽快整改', en: 'Hazard {number} is overdue: rectify it now' } });

const DING_SECRET = 'SEC-delivery-test-secret';
const MINUTE = 60_000;

let t: TestApp;
let app: AppContext;
let sysadmin: Client;
let recipients: string[];
let robot: Awaited<ReturnType<typeof startRobotReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

before(async () => {
  t = await startTestApp();
  app = t.app.anbao;
  sysadmin = await t.login('sysadmin');
  recipients = [await setEmail(t, 'officer', 'officer@anbao.test'), await setEmail(t, 'head', 'head@anbao.test'), await t.userId('branch1')];
  smtp = await startSmtpReceiver();
  robot = await startRobotReceiver((r) => {
    if (r.path === '/fail') return { status: 500, body: { message: 'upstream down' } };
    if (r.path === '/errcode') return { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } };
    if (r.path === '/ding') {
      const ok = r.query.get('sign') === dingtalkSign(DING_SECRET, Number(r.query.get('timestamp')));
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

/** Notifies the three recipients about a new record of the unit, as a sweep or a workflow step would. */
async function overdueAt(orgId: string) {
  const targetId = randomUUID();
  await inSystemTx(app, (ctx) => notify(ctx, { rule: 'test.overdue', orgId, targetType: 'hazard', targetId, dueKey: '2026-06-01', recipients, messageCode: 'TEST_DELIVERY_OVERDUE', params: { number: 'YH-2026-000042' }, link: `/hazards/${targetId}` }));
  return targetId;
}

const postsTo = (path: string) => robot.posts.filter((p) => p.path === path);

test('DESIGN §7: e-mail reaches each recipient over SMTP with the Chinese subject, once', async () => {
  const unit = await t.orgId('SFX-001');
  const channel = await createChannel(sysadmin, { orgId: unit, kind: 'email', name: '城关邮件', config: { host: '127.0.0.1', port: smtp.port, secure: false, from: '安保系统 <anbao@anbao.test>' } });
  await overdueAt(unit);
  const out = await deliverDue(app);
  assert.deepEqual(out.map((o) => o.status), ['sent', 'sent']);
  assert.deepEqual(smtp.mails.map((m) => m.to[0]).sort(), ['head@anbao.test', 'officer@anbao.test'], 'branch1 has no address');
  for (const m of smtp.mails) {
    assert.equal(m.subject, '隐患 YH-2026-000042 已逾期，请尽快整改');
    assert.equal(m.from, 'anbao@anbao.test');
    assert.match(m.text, /单位：城关信用社/);
  }
  const rows = await deliveriesOf(t, channel);
  assert.ok(rows.every((d) => d.status === 'sent' && d.attempts === 1 && d.sentAt?.getTime() === t.clock.now().getTime() && d.lastError === null));
  assert.deepEqual(await deliverDue(app), [], 'nothing is sent twice');
  assert.equal(smtp.mails.length, 2);
});

test('DESIGN §7: WeCom and DingTalk groups get one markdown message per rule, record and due key; DingTalk signed', async () => {
  const unit = await t.orgId('SFX-002');
  await createChannel(sysadmin, { orgId: unit, kind: 'wecom', name: '东街企业微信群', config: { url: `${robot.base}/wecom-ok?key=wk-1` } });
  await createChannel(sysadmin, { orgId: unit, kind: 'dingtalk', name: '东街钉钉群', config: { url: `${robot.base}/ding?access_token=dt-1`, secret: DING_SECRET } });
  const target = await overdueAt(unit);
  const out = await deliverDue(app);
  assert.deepEqual(out.map((o) => o.status), ['sent', 'sent'], JSON.stringify(out));

  const [w] = postsTo('/wecom-ok');
  assert.equal(postsTo('/wecom-ok').length, 1, 'one message for three recipients');
  assert.equal(w.query.get('key'), 'wk-1');
  assert.equal(w.body.msgtype, 'markdown');
  assert.match(w.body.markdown.content, /^\*\*隐患 YH-2026-000042 已逾期，请尽快整改\*\*\n/);
  assert.match(w.body.markdown.content, /单位：东街信用分社/);
  assert.match(w.body.markdown.content, new RegExp(`/hazards/${target}`));

  const [d] = postsTo('/ding');
  assert.equal(postsTo('/ding').length, 1);
  assert.equal(d.query.get('access_token'), 'dt-1');
  assert.equal(d.query.get('timestamp'), String(t.clock.now().getTime()));
  assert.equal(d.query.get('sign'), dingtalkSign(DING_SECRET, t.clock.now().getTime()));
  assert.deepEqual(Object.keys(d.body), ['msgtype', 'markdown']);
  assert.equal(d.body.msgtype, 'markdown');
  assert.equal(d.body.markdown.title, '隐患 YH-2026-000042 已逾期，请尽快整改');
  assert.match(d.body.markdown.text, /^#### 隐患 YH-2026-000042 已逾期，请尽快整改\n\n/);
});

test('DESIGN §7: a failing channel never blocks the business change; it is retried after 1, 5, 30 min and 2 h, then marked failed', async () => {
  const unit = await t.orgId('SFX-003');
  const down = await createChannel(sysadmin, { orgId: unit, kind: 'wecom', name: '服务器出错的群', config: { url: `${robot.base}/fail?key=1` } });
  const refusing = await createChannel(sysadmin, { orgId: unit, kind: 'dingtalk', name: '拒绝的群', config: { url: `${robot.base}/errcode?access_token=1` } });
  const unreachable = await createChannel(sysadmin, { orgId: unit, kind: 'wecom', name: '连不上的群', config: { url: `http://127.0.0.1:${await closedPort()}/send?key=1` } });

  // The business change and its notice commit together; the channels are not even tried yet.
  const siteId = randomUUID();
  const targetId = randomUUID();
  await inSystemTx(app, async (ctx) => {
    await ctx.tx.insert(sites).values({ id: siteId, orgId: unit, kind: 'atm', name: '西城分社 ATM 2', createdAt: ctx.now, updatedAt: ctx.now });
    await notify(ctx, { rule: 'test.overdue', orgId: unit, targetType: 'site', targetId, dueKey: 'd', recipients, messageCode: 'TEST_DELIVERY_OVERDUE', params: { number: 'YH-2026-000043' } });
  });
  assert.equal((await t.database.db.select().from(sites).where(eq(sites.id, siteId))).length, 1);

  const ours = new Set([down, refusing, unreachable]);
  const rowsNow = async () => (await t.database.db.select().from(notificationDeliveries)).filter((d) => ours.has(d.channelId));
  const attempt = async () => {
    const mine = new Set((await rowsNow()).map((r) => r.id));
    return (await deliverDue(app)).filter((o) => mine.has(o.id));
  };
  const waits = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE];
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    const out = await attempt();
    assert.equal(out.length, 3, `attempt ${n}`);
    assert.ok(out.every((o) => o.attempts === n && o.status === (n < MAX_ATTEMPTS ? 'pending' : 'failed')), JSON.stringify(out));
    const rows = await rowsNow();
    if (n < MAX_ATTEMPTS) {
      for (const r of rows) assert.equal(r.nextAttemptAt.getTime(), t.clock.now().getTime() + waits[n - 1], `back-off after attempt ${n}`);
      // Not before its time…
      t.clock.advance(waits[n - 1] - 1000);
      assert.deepEqual(await attempt(), []);
      t.clock.advance(1000);
    }
  }
  t.clock.advance(24 * 60 * MINUTE);
  assert.deepEqual(await attempt(), [], 'a failed delivery is not retried');
  assert.equal(postsTo('/fail').length, MAX_ATTEMPTS);
  assert.equal(postsTo('/errcode').length, MAX_ATTEMPTS);

  const rows = await rowsNow();
  const byChannel = new Map(rows.map((r) => [r.channelId, r]));
  assert.match(byChannel.get(down)!.lastError!, /^HTTP 500/);
  assert.match(byChannel.get(refusing)!.lastError!, /^errcode 45009: api freq out of limit/);
  assert.match(byChannel.get(unreachable)!.lastError!, /ECONNREFUSED/);

  // The clock moved past the session's idle timeout: sign in again to read the log.
  sysadmin = await t.login('sysadmin');
  const log = await sysadmin.get(`/api/v1/notification-deliveries?channelId=${down}`);
  assertStatus(log, 200);
  assert.equal(log.body.total, 1);
  assert.equal(log.body.items[0].status, 'failed');
  assert.equal(log.body.items[0].attempts, MAX_ATTEMPTS);
  assert.match(log.body.items[0].lastError, /HTTP 500/);
  assert.equal(log.body.items[0].subject, '隐患 YH-2026-000043 已逾期，请尽快整改');
});

test("DESIGN §7: a crashed worker's claim expires after 2 minutes and the delivery is then sent once", async () => {
  const unit = await t.orgId('SFX-004');
  const channel = await createChannel(sysadmin, { orgId: unit, kind: 'wecom', name: '南关群', config: { url: `${robot.base}/crash?key=1` } });
  await overdueAt(unit);
  // Another instance claimed it and died before sending.
  const [row] = await deliveriesOf(t, channel);
  await t.database.db
    .update(notificationDeliveries)
    .set({ status: 'sending', attempts: 1, claimedUntil: new Date(t.clock.now().getTime() + 2 * MINUTE) })
    .where(eq(notificationDeliveries.id, row.id));
  assert.deepEqual(await deliverDue(app), [], 'a live claim is left alone');
  t.clock.advance(2 * MINUTE + 1);
  const out = await deliverDue(app);
  assert.deepEqual(out.map((o) => [o.id, o.status, o.attempts]), [[row.id, 'sent', 2]]);
  assert.equal(postsTo('/crash').length, 1);
  assert.deepEqual(await deliverDue(app), []);
});

test('DESIGN §7: what was queued for a channel that is withdrawn or disabled before sending is not sent', async () => {
  const unit = await t.orgId('SFX-005');
  const gone = await createChannel(sysadmin, { orgId: unit, kind: 'wecom', name: '将撤销的群', config: { url: `${robot.base}/gone?key=1` } });
  const paused = await createChannel(sysadmin, { orgId: unit, kind: 'wecom', name: '将停用的群', config: { url: `${robot.base}/paused?key=1` } });
  await overdueAt(unit);
  assertStatus(await sysadmin.post(`/api/v1/notification-channels/${gone}/withdraw`, { reason: '群已解散' }), 200);
  assertStatus(await sysadmin.patch(`/api/v1/notification-channels/${paused}`, { enabled: false, version: 1 }), 200);
  const out = await deliverDue(app);
  assert.deepEqual(out.map((o) => [o.status, o.error]).sort(), [
    ['failed', 'channel disabled'],
    ['failed', 'channel withdrawn'],
  ]);
  assert.equal(postsTo('/gone').length + postsTo('/paused').length, 0);
});

test("DESIGN §7: a running instance's worker sends right after the commit that queued the delivery", async () => {
  const unit = await t.orgId('SFX-006');
  await createChannel(sysadmin, { orgId: unit, kind: 'wecom', name: '新区群', config: { url: `${robot.base}/kicked?key=1` } });
  // Its timer is an hour: only the kick after the commit can send within the wait below.
  const worker = startDeliveryWorker(app, 3_600_000);
  try {
    await overdueAt(unit);
    for (let i = 0; i < 250 && !postsTo('/kicked').length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(postsTo('/kicked').length, 1);
  } finally {
    await worker.stop();
  }
  assert.deepEqual(await deliverDue(app), [], 'recorded as sent');
});
