// Stored scripts stay inert in the browser (issue 4 "Injection and scripting"): script payloads are
// stored through the API as signed-in people (site names and notes, a person's name, hazard titles
// and descriptions), then the pages that show them are opened. Each payload would set window.__xss or
// open a dialog if it ran; neither happens, no element the payload describes (img/svg/iframe with a
// handler) appears in the page, and the payload is shown as its literal text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { XSS_PAYLOADS } from '../server/test/hostile/corpus.ts';
import { pageReady, settled, signIn, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

/** A JSON API call with the page's session cookie and CSRF token (as the web app makes it). */
async function api(ctx: BrowserContext, method: 'GET' | 'POST', url: string, data?: unknown) {
  const me = await (await ctx.request.get('/api/v1/auth/me')).json();
  const r = await ctx.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' } });
  const body = await r.json().catch(() => null);
  assert.ok(r.ok(), `${method} ${url}: ${r.status()} ${JSON.stringify(body)}`);
  return body;
}

async function orgIdOf(ctx: BrowserContext, code: string): Promise<string> {
  const r = await api(ctx, 'GET', `/api/v1/orgs?q=${encodeURIComponent(code)}&pageSize=50`);
  return r.items.find((o: { code: string }) => o.code === code).id;
}

/** Watches a page for any sign that a payload ran: a dialog, or window.__xss / parent.__xss set. */
function watch(page: Page): { dialogs: string[]; assertInert(where: string): Promise<void> } {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    dialogs,
    async assertInert(where) {
      await settled(page);
      const flag = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
      assert.equal(flag, undefined, `${where}: a stored script ran (window.__xss = ${String(flag)})`);
      assert.deepEqual(dialogs, [], `${where}: a stored script opened a dialog`);
      const injected = await page.locator('img[src="x"], svg[onload], iframe[srcdoc], a[href^="javascript:"], script:not([src])').count();
      assert.equal(injected, 0, `${where}: markup from a payload is in the page`);
    },
  };
}

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
