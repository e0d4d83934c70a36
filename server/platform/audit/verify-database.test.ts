// SEC-04: verification recomputes the hashes in the database by default and walks in Anbao only the
// ranges the database does not clear; `recompute: 'app'` recomputes every hash in Anbao. Both ways
// must give the same verdict: the same first break (reason, seq, entry), the same count before it,
// for breaks inside and on the edges of a range, and for values the database writes differently from
// Anbao (then Anbao decides). Migration 0012 rewrote earlier jsonb values as canonical text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { canonicalJsonText } from '../../db/canonical-json.ts';
import { type Database, rows } from '../../db/client.ts';
import { migrate, MIGRATIONS_DIR } from '../../db/migrate.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { auditEntryArb } from '../../test/audit-arbitraries.ts';
import { withAuditTriggerOff } from '../../test/audit-helpers.ts';
import { freshDatabase } from '../../test/fresh-database.ts';
import { migrateTo } from '../backup/target.ts';
import { sealOnce } from './sealer.ts';
import { type VerifyResult, verifyChain } from './verify.ts';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

type NewEntry = typeof auditEvents.$inferInsert;

const entry = (i: number, over: Partial<NewEntry> = {}): NewEntry => ({
  occurredAt: new Date(Date.UTC(2026, 0, 1, 8, 0, i, 123)),
  actorType: 'system',
  action: `verify.test.${i}`,
  targetLabel: `条目 ${i}`,
  result: 'success',
  changes: { status: ['reported', 'assessed'] },
  detail: { n: i },
  ...over,
});

async function chainOf(db: Database, entries: NewEntry[]) {
  await db.db.insert(auditEvents).values(entries);
  await sealOnce(db.db, () => new Date());
}

const verdict = (v: VerifyResult) => ({ ok: v.ok, checked: v.checked, headSeq: v.headSeq, headHash: v.headHash, firstBroken: v.firstBroken });

/** Verifies both ways and asserts the same verdict; returns the database way's result. */
async function bothWays(db: Database, range: number, what: string) {
  const inDb = await verifyChain(db.db, { range });
  const inApp = await verifyChain(db.db, { recompute: 'app' });
  assert.deepEqual(verdict(inDb), verdict(inApp), what);
  assert.equal(inApp.recomputedInApp, inApp.checked, 'the in-app way hashes every entry it checks');
  return inDb;
}

const tampered = (db: Database, fn: () => Promise<unknown>) => withAuditTriggerOff(db.db, fn);

test('SEC-04: the database recomputes the same hashes as Anbao for tricky values (quotes, backslashes, control, CJK and astral characters, U+2028, nested keys in JavaScript order): no entry needs Anbao', async () => {
  const db = await freshDatabase(cleanups);
  await migrate(db);
  const arb = auditEntryArb({ storable: true });
  const entries = fc.sample(arb, { numRuns: 300, seed: 20261206 }) as NewEntry[];
  entries.push(entry(1, { detail: { '10': 'a', '2': 'b', '': 'c', b: { z: 1, a: [1.5, -0, 1e21] }, a: null } }));
  await chainOf(db, entries);
  const v = await bothWays(db, 40, 'intact chain of fuzzed entries');
  assert.equal(v.ok, true, JSON.stringify(v.firstBroken));
  assert.equal(v.checked, entries.length);
  assert.equal(v.recomputedInApp, 0, 'every range cleared by the database: its bytes equal canonicalJson');
  const [row] = await db.db.select({ detail: sql<string>`detail::text` }).from(auditEvents).where(eq(auditEvents.seq, entries.length));
  assert.equal(row.detail, '{"2":"b","10":"a","":"c","a":null,"b":{"a":[1.5,0,1e+21],"z":1}}', 'stored as canonical text');
});

test('SEC-04: both ways name the same first break — an entry changed (even to a time no date can hold), forged or removed inside a range and on its edges — and an entry rewritten in another JSON form of the same value still verifies', async () => {
  const db = await freshDatabase(cleanups);
  await migrate(db);
  await chainOf(db, Array.from({ length: 13 }, (_, i) => entry(i + 1)));
  const at = async (seq: number) => (await db.db.select().from(auditEvents).where(eq(auditEvents.seq, seq)))[0];
  const range = 4; // ranges (0,4] (4,8] (8,12] (12,13]

  const intact = await bothWays(db, range, 'intact');
  assert.deepEqual([intact.ok, intact.checked, intact.recomputedInApp], [true, 13, 0]);

  const e5 = await at(5);
  await tampered(db, () => db.db.update(auditEvents).set({ action: 'users.delete' }).where(eq(auditEvents.id, e5.id)));
  let v = await bothWays(db, range, 'first entry of a range changed');
  assert.deepEqual([v.firstBroken?.reason, v.firstBroken?.seq, v.firstBroken?.id, v.checked], ['hash_mismatch', 5, e5.id, 4]);
  await tampered(db, () => db.db.update(auditEvents).set({ action: e5.action }).where(eq(auditEvents.id, e5.id)));

  const e4 = await at(4);
  await tampered(db, () => db.db.update(auditEvents).set({ hash: 'f'.repeat(64) }).where(eq(auditEvents.id, e4.id)));
  v = await bothWays(db, range, 'last entry of a range forged');
  assert.deepEqual([v.firstBroken?.reason, v.firstBroken?.seq, v.checked], ['hash_mismatch', 4, 3]);
  await tampered(db, () => db.db.update(auditEvents).set({ hash: e4.hash }).where(eq(auditEvents.id, e4.id)));

  const [e8, e9] = [await at(8), await at(9)];
  await tampered(db, () => db.db.delete(auditEvents).where(eq(auditEvents.id, e8.id)));
  v = await bothWays(db, range, 'last entry of a range removed');
  assert.deepEqual([v.firstBroken?.reason, v.firstBroken?.seq, v.firstBroken?.id, v.checked], ['seq_gap', 8, e9.id, 7], 'named by the entry after the gap');
  await db.db.insert(auditEvents).values(e8);

  const e10 = await at(10);
  await tampered(db, () => db.db.execute(sql`update audit_events set detail = '{"n":99}'::json where id = ${e10.id}`));
  v = await bothWays(db, range, 'a value inside json changed');
  assert.deepEqual([v.firstBroken?.reason, v.firstBroken?.seq], ['hash_mismatch', 10]);

  // The same value written with spaces: not the canonical text, so the database does not clear the
  // range, and Anbao, which hashes the value, finds it intact.
  await tampered(db, () => db.db.execute(sql`update audit_events set detail = '{ "n" : 10 }'::json where id = ${e10.id}`));
  v = await bothWays(db, range, 'same value, another JSON form');
  assert.deepEqual([v.ok, v.checked, v.recomputedInApp], [true, 13, 4], 'only the range (8,12] walked in Anbao');

  const e13 = await at(13);
  await tampered(db, () => db.db.update(auditEvents).set({ occurredAt: new Date(e13.occurredAt.getTime() + 1) }).where(eq(auditEvents.id, e13.id)));
  v = await bothWays(db, range, 'the time moved by a millisecond on the head entry');
  assert.deepEqual([v.firstBroken?.reason, v.firstBroken?.seq, v.checked], ['hash_mismatch', 13, 12]);
  await tampered(db, () => db.db.update(auditEvents).set({ occurredAt: e13.occurredAt }).where(eq(auditEvents.id, e13.id)));

  // A time no JavaScript date can hold is a changed entry too, named like any other (not a crash).
  const e6 = await at(6);
  await tampered(db, () => db.db.execute(sql`update audit_events set occurred_at = 'infinity' where id = ${e6.id}`));
  v = await bothWays(db, range, 'the time set to infinity');
  assert.deepEqual(v.firstBroken, { seq: 6, id: e6.id, reason: 'hash_mismatch', occurredAt: null, action: e6.action });
  await tampered(db, () => db.db.update(auditEvents).set({ occurredAt: e6.occurredAt }).where(eq(auditEvents.id, e6.id)));
  assert.equal((await bothWays(db, range, 'restored')).ok, true);
});

test('SEC-04: migration 0012 rewrites earlier jsonb changes/detail as canonical text; the chain still verifies both ways, and only values it cannot write canonically are left to Anbao', async () => {
  const db = await freshDatabase(cleanups);
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
  await migrateTo(db, journal.entries.findIndex((e) => e.tag === '0012_audit_canonical_json'));
  const values: Record<string, unknown>[] = [
    { status: ['rectifying', 'rectified'] },
    { b: 1, a: { d: [1, 2.5, 'x', true], c: null }, 报告: '整改完毕' },
    { '10': 'x', '2': 'y', a: 'z', '': 'e' },
    { '': [[], {}], 'quote"key': 'back\\slash\nnewline' },
    { big: 1e21 }, // jsonb keeps 1000000000000000000000; JSON.stringify writes 1e+21
    { '𪚥': 1, '\uffff': 2 }, // JavaScript sorts UTF-16 units (astral first), the database code points
  ];
  await chainOf(db, values.map((detail, i) => entry(i + 1, { detail })));
  // Written as jsonb (spaces, jsonb's key order) at this level.
  const [before] = await rows<{ t: string }>(db.db, sql`select detail::text as t from audit_events where seq = 2`);
  assert.notEqual(before.t, canonicalJsonText(values[1]));
  assert.equal((await verifyChain(db.db, { recompute: 'app' })).ok, true);

  await migrate(db);
  const stored = await db.db.select({ seq: auditEvents.seq, t: sql<string>`detail::text` }).from(auditEvents).orderBy(auditEvents.seq);
  for (const [i, v] of values.slice(0, 4).entries()) assert.equal(stored[i].t, canonicalJsonText(v), `seq ${i + 1} rewritten canonically`);
  const v = await bothWays(db, 1, 'after the migration');
  assert.deepEqual([v.ok, v.checked], [true, values.length]);
  assert.equal(v.recomputedInApp, 2, 'the two values the migration could not write canonically are recomputed in Anbao');
  // Still append-only, and tampering is still caught after the rewrite.
  await assert.rejects(db.db.execute(sql`update audit_events set action = 'x' where seq = 1`));
  await tampered(db, () => db.db.execute(sql`update audit_events set detail = '{"n":1}'::json where seq = 3`));
  const broken = await bothWays(db, 1, 'tampered after the migration');
  assert.deepEqual([broken.firstBroken?.reason, broken.firstBroken?.seq], ['hash_mismatch', 3]);
});
