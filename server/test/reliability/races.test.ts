// Races (issue 4, DESIGN §5): many requests at once on one record or one number sequence, through the
// real request path (write(): one transaction, optimistic version check, Idempotency-Key). Runs on
// PGlite (one connection: transactions queue) and on PostgreSQL (a pool: transactions truly overlap).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents, hazards } from '../../db/schema/index.ts';
import { localDay, report, tzOf } from '../../modules/hazards/testing.ts';
import { dateIn } from '../../platform/time.ts';
import { type Client, startTestApp, type TestApp } from '../harness.ts';
import { oneWinner } from './race-assert.ts';

const N = 50;
let t: TestApp;
let sysadmin: Client;
let officer: Client;
let head: Client;

before(async () => {
  t = await startTestApp();
  [sysadmin, officer, head] = [await t.login('sysadmin'), await t.login('officer'), await t.login('head')];
});
after(() => t?.close());


test(`ORG-01, DESIGN §5: ${N} concurrent changes of one site with the same version — one wins, ${N - 1} get 409, the stored site is the winner's`, async () => {
  const site = (await sysadmin.post('/api/v1/sites', { orgId: await t.orgId('SFX-004'), kind: 'vault', name: '竞争金库' })).body;
  assert.equal(site.version, 1);
  const names = Array.from({ length: N }, (_, i) => `竞争金库-${String(i).padStart(2, '0')}`);
  const rs = await Promise.all(names.map((name) => sysadmin.patch(`/api/v1/sites/${site.id}`, { name, version: 1 })));
  const w = oneWinner(rs);
  const stored = (await sysadmin.get(`/api/v1/sites/${site.id}`)).body;
  assert.equal(stored.name, names[w]);
  assert.equal(stored.version, 2);
  assert.deepEqual(stored, rs[w].body, 'what the winner was answered is what is stored');
  const history = (await sysadmin.get(`/api/v1/sites/${site.id}/history`)).body as Array<{ action: string; changes: unknown }>;
  assert.deepEqual(history.map((e) => e.action), ['sites.create', 'sites.update'], 'one update audited, none for the losers');
  assert.deepEqual(history[1].changes, { name: ['竞争金库', names[w]] });
});

test(`HAZ-02, DESIGN §5: ${N} concurrent assessments of one hazard with the same version — one applies, ${N - 1} get 409`, async () => {
  const h = await report(t, officer, 'SFX-001');
  // Each contender asks for a different deadline, so the stored one names the winner.
  const days = Array.from({ length: N }, (_, i) => localDay(t, 10 + i));
  const rs = await Promise.all(days.map((dueOn) => head.post(`/api/v1/hazards/${h.id}/assess`, { grade: 'general', dueOn, version: h.version })));
  const w = oneWinner(rs);
  const stored = (await head.get(`/api/v1/hazards/${h.id}`)).body;
  assert.equal(stored.status, 'assessed');
  assert.equal(stored.version, h.version + 1);
  assert.equal(dateIn(new Date(stored.dueAt), tzOf(t)), days[w], 'the deadline the winner asked for');
  assert.equal(stored.dueAt, rs[w].body.dueAt);
  const assessed = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, h.id), eq(auditEvents.action, 'hazards.assess')));
  assert.equal(assessed.length, 1, 'one assessment audited');
});

test(`HAZ-01, DESIGN §5: ${N} concurrent reports get ${N} distinct, consecutive YH-YYYY-NNNNNN numbers`, async () => {
  const orgId = await t.orgId('SFX-002');
  const rs = await Promise.all(Array.from({ length: N }, (_, i) => officer.post('/api/v1/hazards', { title: `并发上报 ${i}`, description: '同时上报', category: 'physical', orgId })));
  for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
  const numbers = rs.map((r) => r.body.number as string);
  for (const n of numbers) assert.match(n, /^YH-\d{4}-\d{6}$/);
  assert.equal(new Set(numbers).size, N, 'no number issued twice');
  const seqs = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
  for (let i = 1; i < N; i++) assert.equal(seqs[i], seqs[i - 1] + 1, `gap between ${seqs[i - 1]} and ${seqs[i]}`);
  // Across everything stored: per numbering unit (the county) and year, 1..n without a gap.
  const all = await t.database.db.select({ number: hazards.number, by: hazards.numberingOrgId }).from(hazards);
  const groups = new Map<string, number[]>();
  for (const h of all) groups.set(`${h.by} ${h.number.slice(3, 7)}`, [...(groups.get(`${h.by} ${h.number.slice(3, 7)}`) ?? []), Number(h.number.slice(-6))]);
  for (const [g, seqs] of groups) {
    seqs.sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), `numbers of ${g} run 1..n without a gap`);
  }
});

test('DESIGN §5: the same Idempotency-Key sent 20 times at once makes one hazard; every answer is the same 201 and body', async () => {
  const orgId = await t.orgId('SFX-003');
  const key = `race-${Date.now()}`;
  const body = { title: '重复提交的隐患', description: '网络抖动时客户端重试', category: 'fire', orgId };
  const before = await t.database.db.select({ id: hazards.id }).from(hazards).where(eq(hazards.title, body.title));
  assert.equal(before.length, 0);
  const rs = await Promise.all(Array.from({ length: 20 }, () => officer.post('/api/v1/hazards', body, { headers: { 'idempotency-key': key } })));
  // request-ctx.ts: a concurrent duplicate blocks on the key's row until the first commits, then
  // replays the stored answer (with `idempotent-replayed: true`); there is no "in progress" answer.
  for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
  const replayed = rs.filter((r) => r.headers['idempotent-replayed'] === 'true');
  assert.equal(replayed.length, 19, 'one ran, nineteen replayed');
  for (const r of rs) assert.deepEqual(r.body, rs[0].body);
  const stored = await t.database.db.select({ id: hazards.id }).from(hazards).where(eq(hazards.title, body.title));
  assert.deepEqual(stored.map((s) => s.id), [rs[0].body.id], 'exactly one record');
  const created = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, rs[0].body.id), eq(auditEvents.action, 'hazards.report')));
  assert.equal(created.length, 1, 'one creation audited');
  // The same key with another body is refused, not replayed.
  const other = await officer.post('/api/v1/hazards', { ...body, title: '另一个' }, { headers: { 'idempotency-key': key } });
  assert.equal(other.status, 422);
  assert.equal(other.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
});
