// RPT-02 "today" tiles (issue 5): a module's registered tile appears on the dashboard of everyone who
// holds its permission, in their language, counted over the dashboard's scope (orgId narrows it), with
// its register link; people without the permission do not see it.
import assert from 'node:assert/strict';
import { and, count, isNull, like } from 'drizzle-orm';
import { after, before, test } from 'node:test';
import { orgs } from '../../db/schema/index.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { HP } from '../hazards/permissions.ts';
import { registerTodayTile } from './tiles.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
  // A tile over a table every demo unit has rows in: the units of the scope's subtree.
  registerTodayTile({
    key: 'test.unitsInScope',
    label: { 'zh-CN': '范围内单位', en: 'Units in scope' },
    link: '/orgs?under={scope}',
    permission: HP.assess,
    tone: 'warn',
    count: async (ctx, root) => Number((await ctx.tx.select({ n: count() }).from(orgs).where(and(like(orgs.path, `${root.path}%`), isNull(orgs.withdrawnAt))))[0].n),
  });
});
after(async () => t.close());

test('RPT-02: a registered tile shows for holders of its permission, in their language, over the chosen scope, with its link', async () => {
  const head = await t.login('head');
  const county = await head.get('/api/v1/dashboard');
  assert.equal(county.status, 200);
  const tile = county.body.today.find((x: { key: string }) => x.key === 'test.unitsInScope');
  assert.ok(tile, JSON.stringify(county.body.today));
  assert.equal(tile.label, '范围内单位');
  assert.equal(tile.tone, 'warn');
  assert.equal(tile.link, `/orgs?under=${county.body.scope.orgId}`);
  const [{ n }] = await t.database.db.select({ n: count() }).from(orgs).where(isNull(orgs.withdrawnAt));
  assert.ok(tile.value > 6 && tile.value <= Number(n), `county subtree holds the branches: ${tile.value}`);

  const b1 = await t.orgId('SFX-001');
  const branch = await head.request('GET', `/api/v1/dashboard?orgId=${b1}`, undefined, { headers: { 'accept-language': 'en' } });
  const bt = branch.body.today.find((x: { key: string }) => x.key === 'test.unitsInScope');
  assert.equal(bt.label, 'Units in scope');
  assert.equal(bt.link, `/orgs?under=${b1}`);
  assert.ok(bt.value >= 1 && bt.value < tile.value, `a branch's subtree is smaller: ${bt.value}`);
});

test('RPT-02: a person without the tile\'s permission does not see it (branch1 may read hazards but not grade them)', async () => {
  const branch1 = await t.login('branch1');
  const r = await branch1.get('/api/v1/dashboard');
  assert.equal(r.status, 200);
  assert.equal(r.body.today.some((x: { key: string }) => x.key === 'test.unitsInScope'), false);
});
