// Human document numbers (DESIGN §4): per kind, per year (in the org's time zone), per org; unique and
// gap-free under concurrent creation; a rolled-back creation gives its number back. Tested at the
// service level: no route allocates numbers in the platform itself.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import { docCounters } from '../../db/schema/index.ts';
import { allocateDocNumber, docNumber } from '../numbering.ts';

let t: TestApp;
const TZ = 'Asia/Shanghai';
const MID_2026 = new Date('2026-06-15T02:00:00Z');

before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

const seq = (prefix: string, year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${year}-${String(from + i).padStart(6, '0')}`);

class Rollback extends Error {}

test('50 concurrent transactions get 50 unique, gap-free numbers formatted YH-2026-000001', async () => {
  const org = randomUUID();
  const numbers = await Promise.all(Array.from({ length: 50 }, () => t.database.db.transaction((tx) => allocateDocNumber(tx, org, 'YH', MID_2026, TZ))));
  assert.equal(new Set(numbers).size, 50);
  assert.deepEqual([...numbers].sort(), seq('YH', 2026, 1, 50));
  for (const n of numbers) assert.match(n, /^YH-2026-\d{6}$/);
});

test('a rolled-back transaction gives its number back; concurrent rollbacks leave no gap', async () => {
  const org = randomUUID();
  assert.equal(await t.database.db.transaction((tx) => allocateDocNumber(tx, org, 'YH', MID_2026, TZ)), 'YH-2026-000001');
  await assert.rejects(
    t.database.db.transaction(async (tx) => {
      assert.equal(await allocateDocNumber(tx, org, 'YH', MID_2026, TZ), 'YH-2026-000002');
      throw new Rollback('the record failed a rule after taking its number');
    }),
    Rollback,
  );
  assert.equal(await t.database.db.transaction((tx) => allocateDocNumber(tx, org, 'YH', MID_2026, TZ)), 'YH-2026-000002');

  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      t.database.db.transaction(async (tx) => {
        const n = await allocateDocNumber(tx, org, 'YH', MID_2026, TZ);
        if (i % 2) throw new Rollback(n);
        return n;
      }),
    ),
  );
  const kept = outcomes.filter((o): o is PromiseFulfilledResult<string> => o.status === 'fulfilled').map((o) => o.value);
  assert.equal(kept.length, 10);
  assert.deepEqual(kept.sort(), seq('YH', 2026, 3, 12), 'the committed numbers continue without a gap');
});

test('series are separate per kind, per org and per year, the year taken in the org’s time zone', async () => {
  const org = randomUUID();
  const other = randomUUID();
  const next = (o: string, kind: string, at: Date, tz = TZ) => t.database.db.transaction((tx) => allocateDocNumber(tx, o, kind, at, tz));
  assert.equal(await next(org, 'YH', MID_2026), 'YH-2026-000001');
  assert.equal(await next(org, 'JC', MID_2026), 'JC-2026-000001');
  assert.equal(await next(other, 'YH', MID_2026), 'YH-2026-000001');
  // 16:30 UTC on 31 December is already 1 January in Shanghai.
  const newYearInShanghai = new Date('2026-12-31T16:30:00Z');
  assert.equal(await next(org, 'YH', newYearInShanghai), 'YH-2027-000001');
  assert.equal(await next(org, 'YH', newYearInShanghai, 'UTC'), 'YH-2026-000002');
});

test('past 999999 a series keeps counting with a seventh digit instead of cutting the number', async () => {
  const org = randomUUID();
  await t.database.db.insert(docCounters).values({ orgId: org, kind: 'YH', year: 2026, value: 999_998 });
  const next = () => t.database.db.transaction((tx) => allocateDocNumber(tx, org, 'YH', MID_2026, TZ));
  assert.equal(await next(), 'YH-2026-999999');
  assert.equal(await next(), 'YH-2026-1000000');
});

test('docNumber, the expression a record’s INSERT writes as its number, continues the same series', async () => {
  const org = randomUUID();
  assert.equal(await t.database.db.transaction((tx) => allocateDocNumber(tx, org, 'SB', MID_2026, TZ)), 'SB-2026-000001');
  const [r] = await rows<{ number: string }>(t.database.db, sql`select ${docNumber(org, 'SB', MID_2026, TZ)} as number`);
  assert.equal(r.number, 'SB-2026-000002');
});
