// The bell (DESIGN §8): my notifications, newest first, in my language; the unread count; marking one
// or all read. Nobody sees, or marks, another person's notification (404, audited as denied).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { auditEntries } from '../../test/audit-helpers.ts';
import { assertError, assertStatus } from '../../test/http-assert.ts';
import { startTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { inSystemTx } from '../context.ts';
import { defineMessages } from '../http/i18n.ts';
import { notify } from './service.ts';

defineMessages({
  TEST_INBOX_DUE: { 'zh-CN': '检查 {name} 明天到期', en: 'Inspection {name} is due tomorrow' },
  TEST_INBOX_OVERDUE: { 'zh-CN': '隐患 {number} 已逾期 {days} 天', en: 'Hazard {number} is {days} days overdue' },
});

let t: TestApp;
let officer: Client;
let head: Client;
let unit: string;
const MINUTE = 60_000;

async function notice(username: string, messageCode: string, params: Record<string, unknown>, rule = 'test.inbox') {
  const recipient = await t.userId(username);
  const [id] = await inSystemTx(t.app.anbao, (ctx) =>
    notify(ctx, { rule, orgId: unit, targetType: 'inspection', targetId: randomUUID(), dueKey: 'k', recipients: [recipient], messageCode, params, link: '/inspections/1' }),
  );
  t.clock.advance(MINUTE);
  return id;
}

before(async () => {
  t = await startTestApp();
  unit = await t.orgId('SFX-BWB');
  officer = await t.login('officer');
  head = await t.login('head');
});
after(async () => t.close());

test('DESIGN §8: I see my own notifications, newest first, rendered in my language, with the unread count', async () => {
  const first = await notice('officer', 'TEST_INBOX_DUE', { name: '营业网点季度检查' });
  const second = await notice('officer', 'TEST_INBOX_OVERDUE', { number: 'YH-2026-000007', days: 3 }, 'test.overdue');
  await notice('head', 'TEST_INBOX_OVERDUE', { number: 'YH-2026-000008', days: 1 });

  const list = await officer.get('/api/v1/notifications');
  assertStatus(list, 200);
  assert.equal(list.body.total, 2);
  assert.deepEqual(list.body.items.map((n: { id: string }) => n.id), [second, first]);
  const top = list.body.items[0];
  assert.equal(top.title, '隐患 YH-2026-000007 已逾期 3 天');
  assert.equal(top.rule, 'test.overdue');
  assert.equal(top.messageCode, 'TEST_INBOX_OVERDUE');
  assert.deepEqual(top.params, { number: 'YH-2026-000007', days: 3 });
  assert.equal(top.link, '/inspections/1');
  assert.equal(top.targetType, 'inspection');
  assert.equal(top.readAt, null);

  const en = await officer.get('/api/v1/notifications', { headers: { 'accept-language': 'en' } });
  assert.equal(en.body.items[0].title, 'Hazard YH-2026-000007 is 3 days overdue');
  assert.equal(en.body.items[1].title, 'Inspection 营业网点季度检查 is due tomorrow');

  assert.deepEqual((await officer.get('/api/v1/notifications/unread-count')).body, { count: 2 });
  assert.deepEqual((await head.get('/api/v1/notifications/unread-count')).body, { count: 1 });
  const paged = await officer.get('/api/v1/notifications?page=2&pageSize=1');
  assert.deepEqual(paged.body.items.map((n: { id: string }) => n.id), [first]);
});

test('DESIGN §8: marking one read keeps the first reading time; read-all marks the rest; unreadOnly lists the unread', async () => {
  const a = await notice('officer', 'TEST_INBOX_DUE', { name: 'A' });
  const b = await notice('officer', 'TEST_INBOX_DUE', { name: 'B' });
  const before = (await officer.get('/api/v1/notifications/unread-count')).body.count;

  const read = await officer.post(`/api/v1/notifications/${a}/read`);
  assertStatus(read, 200);
  assert.equal(read.body.id, a);
  assert.equal(read.body.readAt, t.clock.now().toISOString());
  t.clock.advance(MINUTE);
  const again = await officer.post(`/api/v1/notifications/${a}/read`);
  assert.equal(again.body.readAt, read.body.readAt, 'reading again keeps the first time');
  assert.equal((await officer.get('/api/v1/notifications/unread-count')).body.count, before - 1);

  const unread = await officer.get('/api/v1/notifications?unreadOnly=true&pageSize=200');
  const ids = unread.body.items.map((n: { id: string }) => n.id);
  assert.ok(ids.includes(b) && !ids.includes(a));
  assert.equal(unread.body.total, before - 1);

  const all = await officer.post('/api/v1/notifications/read-all');
  assertStatus(all, 200);
  assert.equal(all.body.count, before - 1);
  assert.equal((await officer.get('/api/v1/notifications/unread-count')).body.count, 0);
  assert.equal((await officer.get('/api/v1/notifications?unreadOnly=true')).body.total, 0);
  assert.deepEqual((await officer.post('/api/v1/notifications/read-all')).body, { count: 0 });
  // The head's notifications were not touched.
  assert.equal((await head.get('/api/v1/notifications/unread-count')).body.count, 1);

  const auditor = await t.login('auditor');
  const officerId = await t.userId('officer');
  assert.equal((await auditEntries(auditor, { action: 'notifications.read', targetId: a })).length, 1);
  const readAll = await auditEntries(auditor, { action: 'notifications.read_all', actorId: officerId });
  assert.equal(readAll.length, 1);
  assert.equal(readAll[0].detail?.count, before - 1);
});

test("SEC-02: another person's notification is not found, and stays unread", async () => {
  const theirs = await notice('head', 'TEST_INBOX_DUE', { name: '金库检查' });
  assertError(await officer.post(`/api/v1/notifications/${theirs}/read`), 404, 'NOTIFICATION_NOT_FOUND');
  assertError(await officer.post(`/api/v1/notifications/${randomUUID()}/read`), 404, 'NOTIFICATION_NOT_FOUND');
  const headList = await head.get('/api/v1/notifications?pageSize=200');
  assert.equal(headList.body.items.find((n: { id: string }) => n.id === theirs).readAt, null);
  assert.ok(!(await officer.get('/api/v1/notifications?pageSize=200')).body.items.some((n: { id: string }) => n.id === theirs));

  const auditor = await t.login('auditor');
  const denied = await auditEntries(auditor, { result: 'denied', targetId: theirs });
  assert.equal(denied.length, 1);
  assert.equal(denied[0].actorId, await t.userId('officer'));
  assert.equal(denied[0].detail?.reason, 'not the recipient');
  assertError(await t.anonymous().get('/api/v1/notifications'), 401, 'UNAUTHENTICATED');
});
