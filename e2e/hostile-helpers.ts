// What the stored-script browser tests share (issue 4 "Injection and scripting": e2e/hostile.test.ts,
// e2e/hostile-modules.test.ts): API calls as a signed-in person, look-ups of the demo's units and
// people, and the watch that fails if a stored payload ran or put its markup into the page.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { E2E_PASSWORD, settled } from './harness.ts';

/** A JSON API call with the page's session cookie and CSRF token (as the web app makes it). */
export async function api(ctx: BrowserContext, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, data?: unknown) {
  const me = await (await ctx.request.get('/api/v1/auth/me')).json();
  const r = await ctx.request.fetch(url, { method, data, headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' } });
  const body = await r.json().catch(() => null);
  assert.ok(r.ok(), `${method} ${url}: ${r.status()} ${JSON.stringify(body)}`);
  return body;
}

export async function orgIdOf(ctx: BrowserContext, code: string): Promise<string> {
  const r = await api(ctx, 'GET', `/api/v1/orgs?q=${encodeURIComponent(code)}&pageSize=50`);
  return r.items.find((o: { code: string }) => o.code === code).id;
}

export async function userIdOf(ctx: BrowserContext, username: string): Promise<string> {
  const r = await api(ctx, 'GET', `/api/v1/users?q=${encodeURIComponent(username)}&pageSize=50`);
  const u = r.items.find((x: { username: string }) => x.username === username);
  assert.ok(u, `the demo person ${username} exists`);
  return u.id;
}

/** Signs a browser context in through the API (not for the three administrators, who need TOTP). */
export async function signInApi(ctx: BrowserContext, username: string): Promise<void> {
  const r = await ctx.request.post('/api/v1/auth/login', { data: { username, password: E2E_PASSWORD } });
  assert.ok(r.ok(), `${username} signs in: ${r.status()}`);
}

/**
 * A separate browser context signed in as `username`, for the steps another person takes through the
 * API (the receiver of a handover, the fixer of a fault …). The caller closes it.
 */
export async function actor(browser: Browser, baseURL: string, username: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL });
  await signInApi(ctx, username);
  return ctx;
}

/** Watches a page for any sign that a payload ran: a dialog, or window.__xss / parent.__xss set. */
export function watch(page: Page): { dialogs: string[]; assertInert(where: string): Promise<void> } {
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
