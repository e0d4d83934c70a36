// Races on the daily-operations modules (issue 5 born inside issue 4's race suite, DESIGN §5): many
// requests at once on one number sequence or one record, through the real request path. Runs on
// PGlite (one connection: transactions queue) and on PostgreSQL (a pool: transactions truly overlap).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents, equipment, keyHandovers, visitors } from '../../db/schema/index.ts';
import { Cast, localDay, ok, siteId } from '../../modules/visitors/testing.ts';
import { type Res, startTestApp, TEST_PASSWORD, type TestApp } from '../harness.ts';

const N = 50;
let t: TestApp;
let cast: Cast;

before(async () => {
  t = await startTestApp();
  cast = new Cast(t);
  cast.moveTo(localDay(t), 10);
});
after(() => t?.close());

/** Every stored number of a series, per numbering unit and year, runs 1..n without a gap or a repeat. */
function assertGapFree(stored: Array<{ number: string; by: string }>, prefix: string): void {
  const groups = new Map<string, number[]>();
  for (const s of stored) {
    assert.match(s.number, new RegExp(`^${prefix}-\\d{4}-\\d{6}$`));
    const g = `${s.by} ${s.number.slice(prefix.length + 1, prefix.length + 5)}`;
    groups.set(g, [...(groups.get(g) ?? []), Number(s.number.slice(-6))]);
  }
  for (const [g, seqs] of groups) {
    seqs.sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), `${prefix} numbers of ${g} run 1..n without a gap`);
  }
}

function allCreated(rs: Res[], prefix: string): string[] {
  for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
  const numbers = rs.map((r) => r.body.number as string);
  assert.equal(new Set(numbers).size, rs.length, `no ${prefix} number issued twice`);
  return numbers;
}

test(`EQP-01, DESIGN §5: ${N} concurrent registrations get ${N} distinct, gap-free SB-YYYY-NNNNNN numbers`, async () => {
  const officer = await cast.as('officer');
  const orgId = await t.orgId('SFX-002');
  const rs = await Promise.all(Array.from({ length: N }, (_, i) => officer.post('/api/v1/equipment', { kind: 'camera', name: `并发登记摄像机 ${i}`, orgId })));
  allCreated(rs, 'SB');
  assertGapFree(await t.database.db.select({ number: equipment.number, by: equipment.numberingOrgId }).from(equipment), 'SB');
});

test(`VIS-01, DESIGN §5: ${N} walk-ins registered at once at two desks get ${N} distinct, gap-free FK numbers`, async () => {
  const desks = [await cast.as('guard1'), await cast.as('officer')];
  const body = { kind: 'walk_in', orgId: await t.orgId('SFX-001'), documentType: 'resident_id', purpose: '并发登记', hostId: await t.userId('staff1'), siteIds: [] };
  const rs = await Promise.all(
    Array.from({ length: N }, (_, i) => desks[i % 2].post('/api/v1/visitors', { ...body, name: `访客${i}`, documentNumber: `11010119900101${String(1000 + i)}` })),
  );
  allCreated(rs, 'FK');
  const stored = await t.database.db.select({ number: visitors.number, by: visitors.numberingOrgId }).from(visitors);
  assertGapFree(stored, 'FK');
});

test(`EQP-01, DESIGN §5: ${N} concurrent edits of one equipment card with the same version — one wins, the rest get 409, one change audited`, async () => {
  const officer = await cast.as('officer');
  const e = ok(await officer.post('/api/v1/equipment', { kind: 'ups', name: '竞争 UPS', orgId: await t.orgId('SFX-003') }), 201);
  const models = Array.from({ length: N }, (_, i) => `UPS-${String(i).padStart(2, '0')}`);
  const rs = await Promise.all(models.map((model) => officer.patch(`/api/v1/equipment/${e.id}`, { model, version: e.version })));
  const winners = rs.flatMap((r, i) => (r.status === 200 ? [i] : []));
  assert.equal(winners.length, 1, JSON.stringify(rs.map((r) => r.status)));
  for (const r of rs) if (r.status !== 200) assert.equal(r.body.error.code, 'VERSION_CONFLICT');
  const stored = ok(await officer.get(`/api/v1/equipment/${e.id}`));
  assert.equal(stored.model, models[winners[0]], 'the stored model is the winner’s');
  assert.equal(stored.version, e.version + 1);
  const updates = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, e.id))).filter((a) => a.action === 'equipment.update');
  assert.equal(updates.length, 1, 'one update audited, none for the losers');
});

test('VIS-04, DESIGN §5: the receiver confirms one key handover 10 times at once — the set changes hands once', async () => {
  const officer = await cast.as('officer');
  const [branch1, receiver] = [await cast.as('branch1'), await cast.as('staff2')];
  const room = await siteId(officer, '城关信用社网点机房');
  const k = ok(await officer.post('/api/v1/keys', { siteId: room, description: '并发确认钥匙', copies: 1, holderIds: [await t.userId('branch1')] }), 201);
  const h = ok(await branch1.post(`/api/v1/keys/${k.id}/handovers`, { toUserId: await t.userId('staff2') }), 201).handovers.at(-1);
  const rs = await Promise.all(Array.from({ length: 10 }, () => receiver.post(`/api/v1/keys/${k.id}/handovers/${h.id}/confirm`, { password: TEST_PASSWORD })));
  const done = rs.filter((r) => r.status === 200);
  assert.equal(done.length, 1, JSON.stringify(rs.map((r) => [r.status, r.body?.error?.code])));
  for (const r of rs) if (r.status !== 200) assert.ok(r.status === 409 && ['INVALID_STATE', 'VERSION_CONFLICT'].includes(r.body.error.code), JSON.stringify(r.body));
  const stored = ok(await officer.get(`/api/v1/keys/${k.id}`));
  assert.deepEqual(stored.holders.map((x: { id: string }) => x.id), [await t.userId('staff2')], 'held by the receiver alone');
  const [row] = await t.database.db.select().from(keyHandovers).where(eq(keyHandovers.id, h.id));
  assert.equal(row.status, 'confirmed');
  const confirmed = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, k.id))).filter((a) => a.action === 'keys.confirm' && a.result === 'success');
  assert.equal(confirmed.length, 1, 'one confirmation audited');
});
