// The hash chain (SEC-04, DESIGN §4): sealed entries verify; a changed or removed entry is named by
// seq and id; the table refuses UPDATE, DELETE and TRUNCATE; sealing under concurrent writers stays
// gap-free; signed checkpoints verify with plain node:crypto and expose a cut-off tail.
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { after, before, test } from 'node:test';
import { asc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { auditEvents } from '../../db/schema/index.ts';
import { withAuditTriggerOff } from '../../test/audit-helpers.ts';
import { auditRows } from '../../test/audit-rows.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';

let t: TestApp;
let auditor: Client;
let sysadmin: Client;

before(async () => {
  t = await startTestApp();
  auditor = await t.login('auditor');
  sysadmin = await t.login('sysadmin');
});
after(async () => t.close());

const db = () => t.database.db;

const withTriggerOff = (fn: () => Promise<unknown>) => withAuditTriggerOff(db(), fn);

async function entryAtSeq(seq: number) {
  const [e] = await db().select().from(auditEvents).where(eq(auditEvents.seq, seq));
  return e;
}

async function verifyViaApi() {
  const r = await auditor.post('/api/v1/audit/verify');
  assertStatus(r, 200);
  return r.body;
}

async function someWrites(n: number) {
  const b1 = await t.orgId('SFX-001');
  for (let i = 0; i < n; i++) assertStatus(await sysadmin.post('/api/v1/sites', { orgId: b1, kind: 'other', name: `链测试场所${i}` }), 201);
}

test('SEC-04: after sealing, the chain verifies: ok, every sealed entry checked, the head named', async () => {
  await someWrites(3);
  const before = (await auditRows(t)).length;
  const v = await verifyViaApi();
  assert.equal(v.ok, true, JSON.stringify(v.firstBroken));
  assert.equal(v.checked, before, 'verification seals what is committed, then checks all of it');
  assert.equal(v.headSeq, before);
  assert.equal(v.headHash, (await entryAtSeq(v.headSeq)).hash);
  assert.equal(v.firstBroken, null);
  const [rec] = (await auditRows(t, { action: 'audit.verify' })).slice(-1);
  assert.equal(rec.result, 'success');
  assert.equal(rec.actorId, await t.userId('auditor'));
});

test('SEC-04: the auditor can verify with every hash recomputed in Anbao instead of in the database; the way is recorded; an unknown way is refused naming the field', async () => {
  await someWrites(1);
  const inDb = await verifyViaApi();
  assert.deepEqual([inDb.ok, inDb.recompute, inDb.recomputedInApp, inDb.canonicalColumn], [true, 'database', 0, true], 'the database hashed its canonical column');
  const r = await auditor.post('/api/v1/audit/verify?recompute=app');
  assertStatus(r, 200);
  assert.deepEqual([r.body.ok, r.body.recompute, r.body.recomputedInApp], [true, 'app', r.body.checked]);
  assert.equal(r.body.headHash, (await entryAtSeq(r.body.headSeq)).hash);
  const [rec] = (await auditRows(t, { action: 'audit.verify' })).slice(-1);
  assert.equal((rec.detail as { recompute: string }).recompute, 'app');
  assertFieldError(await auditor.post('/api/v1/audit/verify?recompute=trust-me'), 'recompute');
  assertError(await sysadmin.post('/api/v1/audit/verify?recompute=app'), 403, 'FORBIDDEN');
});

test('SEC-04: a changed entry is named by seq and id (hash_mismatch); restoring it makes the chain whole again', async () => {
  await t.seal();
  const victim = await entryAtSeq(5);
  await withTriggerOff(() => db().update(auditEvents).set({ action: 'users.delete' }).where(eq(auditEvents.id, victim.id)));
  const v = await verifyViaApi();
  assert.equal(v.ok, false);
  assert.deepEqual({ seq: v.firstBroken.seq, id: v.firstBroken.id, reason: v.firstBroken.reason }, { seq: 5, id: victim.id, reason: 'hash_mismatch' });
  assert.equal(v.checked, 4, 'entries before the broken one are intact');
  const [rec] = (await auditRows(t, { action: 'audit.verify' })).slice(-1);
  assert.equal(rec.result, 'failure', 'a failed verification is itself recorded');
  assert.equal((rec.detail as { firstBroken: { seq: number } }).firstBroken.seq, 5);

  await withTriggerOff(() => db().update(auditEvents).set({ action: victim.action }).where(eq(auditEvents.id, victim.id)));
  assert.equal((await verifyViaApi()).ok, true);
});

test('SEC-04: a forged hash and a removed entry are each detected', async () => {
  await t.seal();
  const e7 = await entryAtSeq(7);
  await withTriggerOff(() => db().update(auditEvents).set({ hash: 'f'.repeat(64) }).where(eq(auditEvents.id, e7.id)));
  let v = await verifyViaApi();
  assert.deepEqual([v.ok, v.firstBroken.seq], [false, 7]);
  assert.match(v.firstBroken.reason, /hash_mismatch|prev_hash_mismatch/);
  await withTriggerOff(() => db().update(auditEvents).set({ hash: e7.hash }).where(eq(auditEvents.id, e7.id)));

  const e9 = await entryAtSeq(9);
  await withTriggerOff(() => db().delete(auditEvents).where(eq(auditEvents.id, e9.id)));
  v = await verifyViaApi();
  assert.equal(v.ok, false);
  assert.equal(v.firstBroken.reason, 'seq_gap');
  assert.equal(v.firstBroken.seq, 9, 'the missing seq is named');
  assert.equal(v.checked, 8);
  await db().insert(auditEvents).values(e9); // INSERT is allowed: put the original back
  assert.equal((await verifyViaApi()).ok, true);
});

test('SEC-04: the audit table refuses UPDATE, DELETE and TRUNCATE, and a second seal, while its trigger is on', async () => {
  assertStatus(await auditor.post('/api/v1/audit/checkpoints'), 201); // so the checkpoint table has a row to protect
  await t.seal();
  const [sealed] = await db().select().from(auditEvents).where(isNotNull(auditEvents.seq)).orderBy(asc(auditEvents.seq)).limit(1);
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['update', () => db().update(auditEvents).set({ action: 'x' }).where(eq(auditEvents.id, sealed.id))],
    ['reseal', () => db().update(auditEvents).set({ seq: 999_999 }).where(eq(auditEvents.id, sealed.id))],
    ['delete', () => db().delete(auditEvents).where(eq(auditEvents.id, sealed.id))],
    ['truncate', () => db().execute(sql`truncate audit_events`)],
    ['checkpoint delete', () => db().execute(sql`delete from audit_checkpoints`)],
    ['checkpoint truncate', () => db().execute(sql`truncate audit_checkpoints`)],
  ];
  for (const [what, run] of attempts) {
    await assert.rejects(run(), (e: Error & { cause?: Error }) => /append-only/.test(`${e.message} ${e.cause?.message}`), what);
  }
  assert.deepEqual(await entryAtSeq(sealed.seq!), sealed);
  assert.equal((await verifyViaApi()).ok, true);
});

test('SEC-04: 20 concurrent writes interleaved with sealers: verify ok and seq gap-free', async () => {
  const b2 = await t.orgId('SFX-002');
  const writes = Array.from({ length: 20 }, (_, i) => sysadmin.post('/api/v1/sites', { orgId: b2, kind: 'atm', name: `并发场所${i}` }));
  const results = await Promise.all([...writes, t.seal(), t.seal(), t.seal()]);
  for (const r of results.slice(0, 20)) assertStatus(r as Awaited<(typeof writes)[number]>, 201);
  await t.seal();
  const v = await verifyViaApi();
  assert.equal(v.ok, true, JSON.stringify(v.firstBroken));
  const seqs = (await db().select({ seq: auditEvents.seq }).from(auditEvents).where(isNotNull(auditEvents.seq)).orderBy(asc(auditEvents.seq))).map((r) => r.seq);
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
  assert.equal(v.checked, seqs.length);
  assert.equal((await auditRows(t, { action: 'sites.create' })).filter((e) => e.targetLabel?.startsWith('并发场所')).length, 20);
});

test('SEC-04: a checkpoint is signed (Ed25519) over its payload and verifies with node:crypto; its export is audited', async () => {
  const cp = await auditor.post('/api/v1/audit/checkpoints');
  assertStatus(cp, 201);
  const head = await entryAtSeq(cp.body.seq);
  assert.equal(cp.body.hash, head.hash);
  const exp = await auditor.get(`/api/v1/audit/checkpoints/${cp.body.id}/export`);
  assertStatus(exp, 200);
  assert.match(String(exp.headers['content-disposition']), new RegExp(`anbao-audit-checkpoint-${cp.body.seq}\\.json`));
  const file = typeof exp.body === 'string' ? JSON.parse(exp.body) : exp.body;
  assert.equal(file.format, 'anbao-audit-checkpoint/1');
  assert.ok(file.payload.includes(`seq=${cp.body.seq}`) && file.payload.includes(`hash=${head.hash}`));
  assert.equal(verify(null, Buffer.from(file.payload, 'utf8'), createPublicKey(file.publicKey), Buffer.from(file.signature, 'base64')), true);
  const forged = file.payload.replace(`seq=${cp.body.seq}`, `seq=${cp.body.seq - 1}`);
  assert.equal(verify(null, Buffer.from(forged, 'utf8'), createPublicKey(file.publicKey), Buffer.from(file.signature, 'base64')), false);
  assert.equal((await auditRows(t, { action: 'audit.checkpoint.export', targetId: cp.body.id })).length, 1);
  const list = await auditor.get('/api/v1/audit/checkpoints');
  assert.ok(list.body.some((c: { id: string }) => c.id === cp.body.id));
});

test('SEC-04: tampering with the entry a checkpoint covers is reported', async () => {
  const cp = await auditor.post('/api/v1/audit/checkpoints');
  assertStatus(cp, 201);
  const at = await entryAtSeq(cp.body.seq);
  await withTriggerOff(() => db().update(auditEvents).set({ targetLabel: '篡改' }).where(eq(auditEvents.id, at.id)));
  const v = await verifyViaApi();
  assert.equal(v.ok, false);
  assert.equal(v.firstBroken.seq, cp.body.seq);
  assert.match(v.firstBroken.reason, /checkpoint_mismatch|hash_mismatch/);
  await withTriggerOff(() => db().update(auditEvents).set({ targetLabel: at.targetLabel }).where(eq(auditEvents.id, at.id)));
  assert.equal((await verifyViaApi()).ok, true);
});

test('SEC-04: cutting off the tail of the chain (entries from a checkpoint on) is caught by the checkpoint', async () => {
  const cp = await auditor.post('/api/v1/audit/checkpoints');
  assertStatus(cp, 201);
  await t.seal();
  // Remove the checkpointed entry and everything after it: what remains is a consistent, shorter chain.
  await withTriggerOff(() => db().delete(auditEvents).where(gte(auditEvents.seq, cp.body.seq)));
  await withTriggerOff(() => db().delete(auditEvents).where(sql`${auditEvents.seq} is null`));
  const r = await auditor.post('/api/v1/audit/verify');
  assertStatus(r, 200);
  assert.equal(r.body.ok, false);
  assert.deepEqual([r.body.firstBroken.reason, r.body.firstBroken.seq], ['checkpoint_mismatch', cp.body.seq]);
  assert.equal(r.body.checked, cp.body.seq - 1);
  assertError(await sysadmin.post('/api/v1/audit/verify'), 403, 'FORBIDDEN');
});

test('SEC-04: when the canonical column is no longer generated by Anbao\'s expression, verification says so (canonicalColumn false, recorded) and still names an entry changed behind it', async () => {
  await someWrites(1);
  await t.seal();
  const target = await entryAtSeq(2);
  await db().execute(sql`alter table audit_events alter column canonical drop expression`);
  await withTriggerOff(() => db().update(auditEvents).set({ targetLabel: '篡改' }).where(eq(auditEvents.id, target.id)));
  const v = await verifyViaApi();
  assert.deepEqual([v.ok, v.canonicalColumn, v.firstBroken?.reason, v.firstBroken?.seq], [false, false, 'hash_mismatch', 2]);
  const [rec] = (await auditRows(t, { action: 'audit.verify' })).slice(-1);
  assert.equal((rec.detail as { canonicalColumn: boolean }).canonicalColumn, false);
});
