// Browser test harness: the real built server (`node bin/anbao.mjs serve`) on a fresh embedded
// database with the demo cooperative, Debian's Chromium through playwright-core (STACK.md), sign-in
// as the demo people would (TOTP for the three administrators), axe checks and screenshots on failure.
//   const e2e = await startE2e();                 // in before(): one server + one browser per file
//   await e2e.scenario('name', async (ctx) => {   // a fresh browser context per scenario
//     const page = await ctx.newPage();
//     await signIn(page, 'officer');
//     await checkA11y(page, 'home');
//   });
//   await e2e.close();                            // in after()
import { AxeBuilder } from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { totpCode } from '../server/platform/auth/totp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Fixed test credentials of the demo accounts (the server seeds them into its new database). */
export const E2E_PASSWORD = 'E2e#Demo-Pass-2026';
export const E2E_TOTP_SECRET = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA';
/** The three administrators (三员) sign in with a TOTP code as well. */
export const ADMINS: readonly string[] = ['sysadmin', 'secadmin', 'auditor'];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const SHOTS = path.join(root, '.tmp', 'e2e-shots');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface E2eServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the real server and waits for /readyz; its output is kept for the error message if it dies. */
export async function startServer(): Promise<E2eServer> {
  if (!existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web/index.html is missing: run npm run build first');
  }
  const dataDir = path.join(root, '.tmp', `e2e-${randomBytes(6).toString('hex')}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['bin/anbao.mjs', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ANBAO_DEMO_PASSWORD: E2E_PASSWORD,
      ANBAO_DEMO_TOTP_SECRET: E2E_TOTP_SECRET,
      ANBAO_LOGIN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // Whatever happens to the test process, the server does not outlive it.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(10_000)]);
      if (!exited) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`the server exited before it was ready:\n${output}`);
    }
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within 180 s:\n${output}`);
    }
    await sleep(250);
  }
  return { url, dataDir, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface E2e {
  server: E2eServer;
  browser: Browser;
  /** A new browser context (zh-CN, desktop unless told) for one scenario; screenshots of its pages on failure. */
  scenario(name: string, fn: (ctx: BrowserContext) => Promise<void>, viewport?: { width: number; height: number }): Promise<void>;
  close(): Promise<void>;
}

export async function startE2e(): Promise<E2e> {
  const server = await startServer();
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const contexts = new Set<BrowserContext>();
  return {
    server,
    browser,
    async scenario(name, fn, viewport = DESKTOP) {
      // Reduced motion: dialogs open and close at once, so a click never lands on a dialog that is
      // still zooming in (antd then loses it — the cause of a failed CI run). The app's animated
      // path is the same components with antd's motion on.
      // A cooperative's staff work in China: the browser's clock is in the org's zone (ANBAO_TIMEZONE,
      // Asia/Shanghai), as the pages that default to "today" assume. In UTC (this machine's zone) the
      // browser's today and the server's differ from 16:00 to 24:00 UTC, and the desk's and the
      // machine-room register's "today" missed what the server had just recorded.
      const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport, baseURL: server.url, reducedMotion: 'reduce' });
      ctx.setDefaultTimeout(15_000);
      contexts.add(ctx);
      try {
        await fn(ctx);
      } catch (e) {
        await screenshots(ctx, name);
        throw e;
      } finally {
        contexts.delete(ctx);
        await ctx.close();
      }
    },
    async close() {
      for (const ctx of contexts) await ctx.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}

async function screenshots(ctx: BrowserContext, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const base = name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 80);
  let i = 0;
  for (const page of ctx.pages()) {
    const file = path.join(SHOTS, `${base}-${++i}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`# screenshot: ${path.relative(root, file)} (${page.url()})`);
  }
}

// The server accepts a TOTP code once per 30-s step and refuses a step at or before the last one it
// accepted for that account: a second sign-in of one administrator within a step waits for the next.
// (The code of step s is accepted as step s anywhere within one step of drift, so no margin is needed
// at the end of a step.)
const lastTotpStep = new Map<string, number>();

async function freshTotp(username: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30_000);
    if (step > (lastTotpStep.get(username) ?? -1)) {
      lastTotpStep.set(username, step);
      return totpCode(E2E_TOTP_SECRET, new Date(now));
    }
    await sleep(30_000 - (now % 30_000) + 50);
  }
}

/**
 * A duty shift that is on now and stays on for hours, whatever the hour: from two hours ago to ten
 * hours ahead on the Asia/Shanghai clock, dated by its start. A whole-day shift "today" ended at
 * midnight in Shanghai (16:00 UTC), so a test rostered just before it found the shift already over
 * on its page (a failed CI run).
 */
export function liveShift(now = Date.now()): { dutyDate: string; startTime: string; endTime: string } {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const at = (ms: number) => Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const start = at(now - 2 * 3_600_000);
  const end = at(now + 10 * 3_600_000);
  return { dutyDate: `${start.year}-${start.month}-${start.day}`, startTime: `${start.hour}:${start.minute}`, endTime: `${end.hour}:${end.minute}` };
}

/** The TOTP code an authenticator app would show now for a secret (enrolment tests). */
export function currentTotp(secret: string): string {
  return totpCode(secret, new Date());
}

/**
 * Signs in on the sign-in page as a person would: 用户名 and 密码, 登录, and for the three
 * administrators the 动态码 step. Leaves the page wherever the app sends the person next.
 */
export async function signIn(page: Page, username: string, password = E2E_PASSWORD): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (ADMINS.includes(username)) {
    const otp = page.getByLabel('动态码');
    await otp.waitFor();
    await otp.fill(await freshTotp(username));
    await page.getByRole('button', { name: '验证并登录' }).click();
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Opens the signed-in person's menu in the header and signs out. */
export async function signOut(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `用户菜单：${name}` }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

/**
 * Polls until `check` holds (playwright-core has no `expect`); the error names what was awaited and
 * the last value seen.
 */
export async function waitUntil<T>(what: string, get: () => Promise<T>, check: (v: T) => boolean = Boolean, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T;
  for (;;) {
    last = await get();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

/** Waits until nothing on the page is loading (antd spinners) or moving (open/close animations). */
export async function settled(page: Page): Promise<void> {
  // The click ripple (.ant-wave) lasts seconds and changes no colour that axe checks.
  const moving = ['appear', 'enter', 'leave'].map((m) => `[class*="-${m}-active"]:not(.ant-wave)`);
  const busy = page.locator(['.ant-spin-spinning', '.ant-skeleton-active', ...moving].join(', '));
  await waitUntil('the page to finish loading and animating', () => busy.count(), (n) => n === 0);
}

/** A page of the signed-in layout is ready when its <h1> shows and nothing is loading any more. */
export async function pageReady(page: Page, title: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await settled(page);
}

const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe on the page as it is now; fails listing every serious or critical violation. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  // axe must see the final state and colours, not a half-faded dialog.
  await settled(page);
  const result = await new AxeBuilder({ page }).analyze();
  const blocking = result.violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  if (!blocking.length) return;
  const lines = blocking.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `      ${n.target.join(' ')}\n        ${n.failureSummary?.replace(/\n\s*/g, ' | ') ?? ''}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
  });
  throw new Error(`axe: ${blocking.length} serious/critical violation(s) on "${label}" (${page.url()}):\n${lines.join('\n')}`);
}
