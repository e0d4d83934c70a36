// notify() and holders() (DESIGN §2 principle 3, §7): one notification per (rule, record, due key,
// recipient) however often and however concurrently it is asked for; deliveries queued in the same
// transaction for the channels of the record's unit and above; "the unit head" and "the security
// head" found by role over the unit.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { grants, notificationDeliveries, notifications, orgs, roles } from '../../db/schema/index.ts';
import { startTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { P } from '../access/platform-permissions.ts';
import { type AppContext, inSystemTx } from '../context.ts';
import { defineMessages } from '../http/i18n.ts';
import { holders, notify, type NotifyInput } from './service.ts';
import { createChannel, deliveriesOf, setEmail } from './testing.ts';

defineMessages({ TEST_NOTIFY_DUE: { 'zh-CN': '隐患 {number} 明天到期', en: 'Hazard {number} is due tomorrow' } });

let t: TestApp;
let app: AppContext;
let sysadmin: Client;
let people: Record<string, string>;
let unit1: string;
let emailChannel: string;
let robotChannel: string;

before(async () => {
  t = await startTestApp();
  app = t.app.anbao;
  sysadmin = await t.login('sysadmin');
  unit1 = await t.orgId('SFX-001');
  people = {
    officer: await setEmail(t, 'officer', 'officer@anbao.test'),
    head: await setEmail(t, 'head', 'head@anbao.test'),
    branch1: await t.userId('branch1'),
    former1: await t.userId('former1'),
  };
  const county = await t.orgId('SFX');
  // Nothing is sent in this file (no worker runs): the addresses only have to be valid.
  emailChannel = await createChannel(sysadmin, { orgId: county, kind: 'email', name: '县联社邮件', config: { host: '127.0.0.1', port: 2525, secure: false, from: '安保系统 <anbao@anbao.test>' } });
  robotChannel = await createChannel(sysadmin, { orgId: county, kind: 'wecom', name: '保卫部企业微信群', config: { url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=abc' } });
});
after(async () => t.close());

const input = (over: Partial<NotifyInput> = {}): NotifyInput => ({
  rule: 'test.due_tomorrow',
  orgId: unit1,
  targetType: 'hazard',
  targetId: randomUUID(),
  dueKey: '2026-06-01',
  recipients: [people.officer, people.head, people.branch1],
  messageCode: 'TEST_NOTIFY_DUE',
  params: { number: 'YH-2026-000001' },
  link: '/hazards/x',
  ...over,
});

const notificationsOf = (targetId: string) => t.database.db.select().from(notifications).where(eq(notifications.targetId, targetId));
const deliveriesFor = async (channelId: string, targetId: string) => {
  const mine = new Set((await notificationsOf(targetId)).map((n) => n.id));
  return (await deliveriesOf(t, channelId)).filter((d) => (d.notificationId ? mine.has(d.notificationId) : d.dedupeKey.includes(targetId)));
};

test('DESIGN §2.3: the same (rule, record, due key) notifies each recipient once, however often it is asked', async () => {
  const n = input();
  const first = await inSystemTx(app, (ctx) => notify(ctx, n));
  assert.equal(first.length, 3);
  assert.deepEqual(await inSystemTx(app, (ctx) => notify(ctx, n)), []);
  assert.deepEqual(await inSystemTx(app, (ctx) => notify(ctx, { ...n, recipients: [people.head] })), []);
  const rows = await notificationsOf(n.targetId);
  assert.deepEqual(rows.map((r) => r.recipientId).sort(), [people.officer, people.head, people.branch1].sort());
  assert.ok(rows.every((r) => r.rule === 'test.due_tomorrow' && r.dueKey === '2026-06-01' && r.orgId === unit1));

  // E-mail: one per notified person who has an address (branch1 has none); the group robot: one in all.
  const mails = await deliveriesFor(emailChannel, n.targetId);
  assert.deepEqual(mails.map((d) => d.recipient).sort(), ['head@anbao.test', 'officer@anbao.test']);
  const group = await deliveriesFor(robotChannel, n.targetId);
  assert.equal(group.length, 1);
  assert.equal(group[0].recipient, null);
  // Rendered once, at enqueue, in the org language, with the unit named.
  assert.equal(group[0].subject, '隐患 YH-2026-000001 明天到期');
  assert.match(group[0].body, /单位：城关信用社/);
  assert.match(group[0].body, /\/hazards\/x/);
  assert.ok([...mails, ...group].every((d) => d.status === 'pending' && d.attempts === 0));

  // The next occurrence (the next day's key) is a new notice, with new deliveries.
  assert.equal((await inSystemTx(app, (ctx) => notify(ctx, { ...n, dueKey: '2026-06-02' }))).length, 3);
  assert.equal((await notificationsOf(n.targetId)).length, 6);
  assert.equal((await deliveriesFor(robotChannel, n.targetId)).length, 2);
  assert.equal((await deliveriesFor(emailChannel, n.targetId)).length, 4);
});

test('DESIGN §7: two concurrent transactions notifying the same key create each notification and delivery once', async () => {
  const n = input();
  const [a, b] = await Promise.all([inSystemTx(app, (ctx) => notify(ctx, n)), inSystemTx(app, (ctx) => notify(ctx, n))]);
  assert.equal(a.length + b.length, 3, `created ${a.length} + ${b.length}`);
  assert.equal((await notificationsOf(n.targetId)).length, 3);
  assert.equal((await deliveriesFor(robotChannel, n.targetId)).length, 1);
  assert.equal((await deliveriesFor(emailChannel, n.targetId)).length, 2);
});

test('DESIGN §7: a rolled-back business change leaves neither its notifications nor their deliveries', async () => {
  const n = input();
  await assert.rejects(
    inSystemTx(app, async (ctx) => {
      await notify(ctx, n);
      throw new Error('the business step failed');
    }),
    /business step failed/,
  );
  assert.equal((await notificationsOf(n.targetId)).length, 0);
  assert.equal((await deliveriesFor(robotChannel, n.targetId)).length, 0);
  // Asked again later, it is sent.
  assert.equal((await inSystemTx(app, (ctx) => notify(ctx, n))).length, 3);
});

test('ORG-02: people who have left get no notification; an undefined message code is refused as a programming error', async () => {
  const n = input({ recipients: [people.former1, people.officer, people.officer] });
  const ids = await inSystemTx(app, (ctx) => notify(ctx, n));
  assert.equal(ids.length, 1);
  assert.deepEqual((await notificationsOf(n.targetId)).map((r) => r.recipientId), [people.officer]);
  assert.deepEqual(await inSystemTx(app, (ctx) => notify(ctx, input({ recipients: [people.former1] }))), []);
  await assert.rejects(inSystemTx(app, (ctx) => notify(ctx, input({ messageCode: 'NO_SUCH_MESSAGE' }))), /NO_SUCH_MESSAGE/);
});

test("DESIGN §7: a channel serves its unit's subtree, only the rules it lists, and only while enabled and not withdrawn", async () => {
  const unit2 = await t.orgId('SFX-002');
  const atUnit2 = await createChannel(sysadmin, { orgId: unit2, kind: 'wecom', name: '东街分社群', config: { url: 'http://127.0.0.1:9/b2?key=1' } });
  const onlyOverdue = await createChannel(sysadmin, { orgId: unit1, kind: 'dingtalk', name: '城关逾期群', rules: ['test.overdue'], config: { url: 'http://127.0.0.1:9/b1?access_token=1' } });
  const disabled = await createChannel(sysadmin, { orgId: unit1, kind: 'wecom', name: '停用的群', enabled: false, config: { url: 'http://127.0.0.1:9/off?key=1' } });
  const withdrawn = await createChannel(sysadmin, { orgId: unit1, kind: 'wecom', name: '撤销的群', config: { url: 'http://127.0.0.1:9/gone?key=1' } });
  assert.equal((await sysadmin.post(`/api/v1/notification-channels/${withdrawn}/withdraw`, { reason: '群已解散' })).status, 200);

  const atUnit1 = input();
  await inSystemTx(app, (ctx) => notify(ctx, atUnit1));
  assert.equal((await deliveriesFor(robotChannel, atUnit1.targetId)).length, 1, 'the county channel serves its branch');
  assert.equal((await deliveriesFor(atUnit2, atUnit1.targetId)).length, 0, "a sibling unit's channel does not");
  assert.equal((await deliveriesFor(onlyOverdue, atUnit1.targetId)).length, 0, 'a channel limited to other rules does not');
  assert.equal((await deliveriesFor(disabled, atUnit1.targetId)).length, 0);
  assert.equal((await deliveriesFor(withdrawn, atUnit1.targetId)).length, 0);

  const overdue = input({ rule: 'test.overdue' });
  await inSystemTx(app, (ctx) => notify(ctx, overdue));
  assert.equal((await deliveriesFor(onlyOverdue, overdue.targetId)).length, 1);

  const atSibling = input({ orgId: unit2, recipients: [people.officer] });
  await inSystemTx(app, (ctx) => notify(ctx, atSibling));
  assert.equal((await deliveriesFor(atUnit2, atSibling.targetId)).length, 1);
  assert.equal((await deliveriesFor(robotChannel, atSibling.targetId)).length, 1);
  const [d] = await t.database.db.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.channelId, atUnit2)));
  assert.match(d.body, /单位：东街信用分社/);
});

test('DESIGN §2.3: holders() finds the unit head and the security head over a unit, by role or permission', async () => {
  const pathOf = async (code: string) => (await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.code, code)))[0].path;
  const [b1, b2, b3, county, province] = await Promise.all(['SFX-001', 'SFX-002', 'SFX-003', 'SFX', 'SFS'].map(pathOf));
  const id = (u: string) => t.userId(u);
  assert.deepEqual(await inSystemTx(app, (ctx) => holders(ctx, { roleCodes: ['branch_head'], orgPath: b1 })), [await id('branch1')]);
  assert.deepEqual(await inSystemTx(app, (ctx) => holders(ctx, { roleCodes: ['branch_head'], orgPath: b2 })), [await id('branch2')]);
  // The security head's grant is over the county: it covers every branch, and the county itself.
  assert.deepEqual(await inSystemTx(app, (ctx) => holders(ctx, { roleCodes: ['security_head'], orgPath: b1 })), [await id('head')]);
  assert.deepEqual(await inSystemTx(app, (ctx) => holders(ctx, { roleCodes: ['security_head'], orgPath: county })), [await id('head')]);
  // Nobody's grant covers the province from above.
  assert.deepEqual(await inSystemTx(app, (ctx) => holders(ctx, { roleCodes: ['security_head', 'branch_head'], orgPath: province })), []);
  assert.deepEqual(await inSystemTx(app, (ctx) => holders(ctx, { permission: P.settings.manage, orgPath: b1 })), [await id('sysadmin')]);
  assert.deepEqual(await inSystemTx(app, (ctx) => holders(ctx, { roleCodes: ['branch_head'], permission: P.settings.manage, orgPath: b1 })), []);

  // A grant counts while it is active: granted over 西城, staff4 is a head there until it is revoked.
  const secadmin = await t.login('secadmin');
  const staff4 = await id('staff4');
  assert.equal((await secadmin.post(`/api/v1/users/${staff4}/grants`, { roleCode: 'branch_head', orgId: await t.orgId('SFX-003') })).status, 201);
  const headsOf3 = () => inSystemTx(app, (ctx) => holders(ctx, { roleCodes: ['branch_head'], orgPath: b3 }));
  assert.deepEqual((await headsOf3()).sort(), [await id('branch3'), staff4].sort());
  const [added] = await t.database.db
    .select({ id: grants.id })
    .from(grants)
    .innerJoin(roles, eq(roles.id, grants.roleId))
    .where(and(eq(grants.userId, staff4), eq(roles.code, 'branch_head')));
  assert.equal((await secadmin.post(`/api/v1/grants/${added.id}/revoke`, { reason: '任期结束' })).status, 200);
  assert.deepEqual(await headsOf3(), [await id('branch3')]);
});
