// VIS-04: key custody through the API — key sets with named holders; a handover is signed by both
// sides (the giver records it, the receiver confirms with their own password, nobody else can); a loss
// is declared by a holder or the officer, the set stays flagged (and on the dashboard) until the lock
// change is recorded; another unit's key sets answer 404.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditEntries } from '../../test/audit-helpers.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError } from '../../test/http-assert.ts';
import { inbox } from '../hazards/testing.ts';
import { Cast, localDay, ok, siteId } from './testing.ts';

let t: TestApp;
let cast: Cast;
let branchRoom: string;
before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  cast.moveTo(localDay(t), 10);
  branchRoom = await siteId(await cast.as('officer'), '城关信用社网点机房');
});
after(async () => t.close());

async function newSet(holders: string[]) {
  const officer = await cast.as('officer');
  return ok(await officer.post('/api/v1/keys', { siteId: branchRoom, description: '网点机房备用钥匙', copies: 2, holderIds: await Promise.all(holders.map((h) => t.userId(h))) }), 201);
}

test('VIS-04: a handover takes effect only when the receiver confirms with their own password', async () => {
  const k = await newSet(['branch1']);
  assert.deepEqual(k.holders.map((h: { id: string }) => h.id), [await t.userId('branch1')]);
  const staff1 = await cast.as('staff1');
  // Only a holder hands the set over.
  assertError(await staff1.post(`/api/v1/keys/${k.id}/handovers`, { toUserId: await t.userId('staff2') }), 403, 'NOT_A_HOLDER');
  const branch1 = await cast.as('branch1');
  assertFieldError(await branch1.post(`/api/v1/keys/${k.id}/handovers`, { toUserId: await t.userId('branch1') }), 'toUserId', 422, 'RECEIVER_IS_HOLDER');
  const given = ok(await branch1.post(`/api/v1/keys/${k.id}/handovers`, { toUserId: await t.userId('staff1'), note: '休假交接' }), 201);
  const h = given.handovers.at(-1);
  assert.equal(h.status, 'pending');
  assert.deepEqual(given.holders.map((x: { id: string }) => x.id), [await t.userId('branch1')], 'still held by the giver until confirmed');
  assert.equal((await inbox(staff1)).filter((n) => n.targetId === k.id && n.rule === 'key.handover').length, 1, 'the receiver is asked to confirm');
  // Nobody but the receiver confirms — not the giver, not the officer.
  assertError(await branch1.post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, { password: TEST_PASSWORD }), 403, 'NOT_THE_RECEIVER');
  assertError(await (await cast.as('officer')).post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, { password: TEST_PASSWORD }), 403, 'NOT_THE_RECEIVER');
  assertFieldError(await staff1.post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, { password: 'Wrong-pass-123!' }), 'password', 422, 'PASSWORD_WRONG');
  assertFieldError(await staff1.post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, {}), 'password');
  const done = ok(await staff1.post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, { password: TEST_PASSWORD }));
  assert.deepEqual(done.holders.map((x: { id: string }) => x.id), [await t.userId('staff1')]);
  assert.equal(done.handovers.at(-1).status, 'confirmed');
  assert.ok(done.handovers.at(-1).confirmedAt);
  assertError(await staff1.post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, { password: TEST_PASSWORD }), 409, 'INVALID_STATE');
  const auditor = await cast.as('auditor');
  const confirmed = await auditEntries(auditor, { action: 'keys.confirm', targetId: k.id, result: 'success' });
  assert.equal(confirmed.length, 1);
  assert.equal((await auditEntries(auditor, { action: 'keys.confirm', targetId: k.id, result: 'denied' })).length, 2, 'the giver’s and the officer’s attempts are audited as denied');
  assert.equal((await auditEntries(auditor, { action: 'keys.confirm', targetId: k.id, result: 'failure' })).length, 1, 'the wrong password is audited');
  assert.equal(confirmed[0].actorId, await t.userId('staff1'));
  assert.ok(!JSON.stringify(confirmed).includes(TEST_PASSWORD), 'the password is not in the trail');
  // The register lists the set under its new holder.
  const mine = ok(await (await cast.as('head')).get(`/api/v1/keys?holderId=${await t.userId('staff1')}`));
  assert.ok(mine.items.some((x: { id: string }) => x.id === k.id));
});

test('VIS-04/SEC-01: wrong passwords at a key receipt count towards the lockout like failed sign-ins; a locked receiver cannot confirm', async () => {
  const k = await newSet(['branch1']);
  const receiver = await cast.as('guard1');
  const branch1 = await cast.as('branch1');
  const h = ok(await branch1.post(`/api/v1/keys/${k.id}/handovers`, { toUserId: await t.userId('guard1') }), 201).handovers.at(-1);
  const confirm = (password: string) => receiver.post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, { password });
  for (let i = 1; i <= 4; i++) assertFieldError(await confirm(`Wrong-pass-${i}23!`), 'password', 422, 'PASSWORD_WRONG');
  // The fifth wrong password (the default threshold) locks the account …
  assertFieldError(await confirm('Wrong-pass-523!'), 'password', 422, 'ACCOUNT_LOCKED_CONFIRM');
  // … so even the right one is refused now, and signing in is refused too.
  assertFieldError(await confirm(TEST_PASSWORD), 'password', 422, 'ACCOUNT_LOCKED_CONFIRM');
  assertError(await t.anonymous().post('/api/v1/auth/login', { username: 'guard1', password: TEST_PASSWORD }), 403, 'ACCOUNT_LOCKED');
  const after = ok(await (await cast.as('head')).get(`/api/v1/keys/${k.id}`));
  assert.deepEqual(after.holders.map((x: { id: string }) => x.id), [await t.userId('branch1')], 'the set stays with the giver');
  assert.equal(after.handovers.at(-1).status, 'pending');
  const auditor = await cast.as('auditor');
  assert.equal((await auditEntries(auditor, { action: 'keys.confirm', targetId: k.id, result: 'failure' })).length, 6, 'every refused attempt is in the trail');
  assert.equal((await auditEntries(auditor, { action: 'auth.lockout', targetId: await t.userId('guard1') })).length, 1, 'the lockout is audited');
});

test('VIS-04: a lost key set stays flagged (and counted on the dashboard) until the lock change is recorded', async () => {
  const k = await newSet(['branch1', 'staff2']);
  const head = await cast.as('head');
  const b1 = await t.orgId('SFX-001');
  const tile = async () => ok(await head.get(`/api/v1/dashboard?orgId=${b1}`)).today.find((x: { key: string }) => x.key === 'keys.lostAwaitingLockChange').value as number;
  const before = await tile();
  const staff1 = await cast.as('staff1');
  assertError(await staff1.post(`/api/v1/keys/${k.id}/loss`, { note: '丢失' }), 403, 'NOT_A_HOLDER');
  const staff2 = await cast.as('staff2');
  assertFieldError(await staff2.post(`/api/v1/keys/${k.id}/loss`, {}), 'note');
  const lost = ok(await staff2.post(`/api/v1/keys/${k.id}/loss`, { note: '下班途中遗失' }));
  assert.equal(lost.status, 'lost');
  assert.equal(lost.lostBy.id, await t.userId('staff2'));
  assert.equal(await tile(), before + 1);
  const listed = ok(await head.get(`/api/v1/keys?status=lost&orgId=${b1}`));
  assert.equal(listed.total, before + 1, 'the tile counts what the register filter lists');
  assert.ok((await inbox(await cast.as('officer'))).some((n) => n.targetId === k.id && n.rule === 'key.lost'), 'the officer is told');
  // A lost set cannot be handed over.
  const branch1 = await cast.as('branch1');
  assertError(await branch1.post(`/api/v1/keys/${k.id}/handovers`, { toUserId: await t.userId('staff1') }), 422, 'KEY_SET_LOST');
  assertError(await staff2.post(`/api/v1/keys/${k.id}/lock-change`, { note: '已换锁' }), 403, 'FORBIDDEN');
  assertError(await staff2.post(`/api/v1/keys/${k.id}/loss`, { note: '再次' }), 409, 'INVALID_STATE');
  const officer = await cast.as('officer');
  const changed = ok(await officer.post(`/api/v1/keys/${k.id}/lock-change`, { note: '已更换机房门锁芯并配发新钥匙', version: lost.version }));
  assert.equal(changed.status, 'normal');
  assert.equal(changed.lockChangedBy.id, await t.userId('officer'));
  assert.equal(changed.lossCount, 1);
  assert.equal(await tile(), before);
  assertError(await officer.post(`/api/v1/keys/${k.id}/lock-change`, { note: '再换' }), 422, 'KEY_SET_NOT_LOST');
  // The officer may declare a loss too (not only a holder).
  assert.equal(ok(await officer.post(`/api/v1/keys/${k.id}/loss`, { note: '盘点时发现缺失' })).status, 'lost');
});

test('VIS-04: key sets need a restricted room and a named active holder; another unit’s key sets answer 404', async () => {
  const officer = await cast.as('officer');
  assertFieldError(await officer.post('/api/v1/keys', { siteId: branchRoom, description: 'x', copies: 1, holderIds: [] }), 'holderIds');
  assertFieldError(await officer.post('/api/v1/keys', { siteId: branchRoom, description: 'x', copies: 0, holderIds: [await t.userId('branch1')] }), 'copies');
  assertFieldError(await officer.post('/api/v1/keys', { siteId: branchRoom, description: 'x', copies: 1, holderIds: [await t.userId('former1')] }), 'holderIds', 422, 'NOT_ACTIVE_IN_UNIT');
  const hall = await siteId(officer, '城关信用社营业大厅');
  assertFieldError(await officer.post('/api/v1/keys', { siteId: hall, description: 'x', copies: 1, holderIds: [await t.userId('branch1')] }), 'siteId', 422, 'NOT_A_RESTRICTED_ROOM');
  const k = await newSet(['branch1']);
  const branch2 = await cast.as('branch2');
  assertError(await branch2.get(`/api/v1/keys/${k.id}`), 404, 'KEY_SET_NOT_FOUND');
  assertError(await branch2.post(`/api/v1/keys/${k.id}/loss`, { note: 'x' }), 404, 'KEY_SET_NOT_FOUND');
  assert.ok(!ok(await branch2.get('/api/v1/keys?pageSize=200')).items.some((x: { id: string }) => x.id === k.id));
  // The demo's vault and machine-room keys are there, with holders.
  const demo = ok(await (await cast.as('head')).get('/api/v1/keys?pageSize=200')).items as Array<{ description: string; holders: unknown[] }>;
  assert.ok(demo.some((x) => x.description.includes('金库') && x.holders.length === 2));
});
