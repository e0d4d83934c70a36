// Stored scripts stay inert in the browser (issue 4 "Injection and scripting"): script payloads are
// stored through the API as signed-in people (site names and notes, a person's name, hazard titles
// and descriptions), then the pages that show them are opened. Each payload would set window.__xss or
// open a dialog if it ran; neither happens, no element the payload describes (img/svg/iframe with a
// handler) appears in the page, and the payload is shown as its literal text.
import { after, before, test } from 'node:test';
import { XSS_PAYLOADS } from '../server/test/hostile/corpus.ts';
import { pageReady, signIn, startE2e, type E2e } from './harness.ts';
import { api, orgIdOf, watch } from './hostile-helpers.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

test('issue 4: script payloads in site names and notes stay text in the sites register and on the site page', async () => {
  await e2e.scenario('xss sites', async (ctx) => {
    const page = await ctx.newPage();
    const w = watch(page);
    await signIn(page, 'sysadmin');
    const orgId = await orgIdOf(ctx, 'SFX-001');
    const ids: string[] = [];
    for (const p of XSS_PAYLOADS) ids.push((await api(ctx, 'POST', '/api/v1/sites', { orgId, kind: 'atm', name: p, notes: p, location: p })).id);

    await page.goto('/sites?pageSize=50');
    await pageReady(page, /场所/);
    for (const p of XSS_PAYLOADS) await page.getByText(p, { exact: true }).first().waitFor();
    await w.assertInert('sites register');
    for (const [i, id] of ids.entries()) {
      await page.goto(`/sites/${id}`);
      await page.getByRole('heading', { name: XSS_PAYLOADS[i] }).first().waitFor();
      await w.assertInert(`site page ${XSS_PAYLOADS[i]}`);
    }
  });
});

test('issue 4: a script payload as a person’s name stays text in the people register and on the person page', async () => {
  await e2e.scenario('xss users', async (ctx) => {
    const page = await ctx.newPage();
    const w = watch(page);
    await signIn(page, 'secadmin');
    const orgId = await orgIdOf(ctx, 'SFX-001');
    const short = XSS_PAYLOADS.filter((p) => [...p].length <= 50);
    const ids: string[] = [];
    for (const [i, p] of short.entries()) ids.push((await api(ctx, 'POST', '/api/v1/users', { orgId, username: `xss_${i}_${Date.now() % 100000}`, name: p })).user.id);
    await page.goto('/users?q=xss_&pageSize=50');
    await pageReady(page, /人员/);
    await page.getByText(short[0], { exact: true }).first().waitFor();
    await w.assertInert('people register');
    for (const [i, id] of ids.entries()) {
      await page.goto(`/users/${id}`);
      await page.getByText(short[i], { exact: true }).first().waitFor();
      await w.assertInert(`person page ${short[i]}`);
    }
  });
});

test('issue 4: script payloads in hazard titles and descriptions stay text in the register and on the hazard page', async () => {
  await e2e.scenario('xss hazards', async (ctx) => {
    const page = await ctx.newPage();
    const w = watch(page);
    await signIn(page, 'officer');
    const orgId = await orgIdOf(ctx, 'SFX-001');
    const ids: string[] = [];
    for (const p of XSS_PAYLOADS) ids.push((await api(ctx, 'POST', '/api/v1/hazards', { title: p, description: p, location: p, category: 'physical', orgId })).id);
    await page.goto('/hazards');
    await pageReady(page, /隐患/);
    await page.getByText(XSS_PAYLOADS[XSS_PAYLOADS.length - 1], { exact: true }).first().waitFor();
    await w.assertInert('hazard register');
    for (const [i, id] of ids.entries()) {
      await page.goto(`/hazards/${id}`);
      await page.getByText(XSS_PAYLOADS[i], { exact: true }).first().waitFor();
      await w.assertInert(`hazard page ${XSS_PAYLOADS[i]}`);
    }
  });
});
