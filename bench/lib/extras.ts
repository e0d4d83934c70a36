// The figures beside the HTTP benchmark: audit append and verification throughput (in this process,
// through Anbao's own audit writer, sealer and verifier), cold start of `npm start` on an existing
// embedded database, the web app's first-load JavaScript, and the time until the dashboard shows its
// figures in headless Chromium.
import { asc, gt } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { auditEntryColumns, auditEvents } from '../../server/db/schema/index.ts';
import { audit } from '../../server/platform/audit/writer.ts';
import { canonicalJson, GENESIS_HASH, type AuditRow } from '../../server/platform/audit/chain.ts';
import { sealOnce } from '../../server/platform/audit/sealer.ts';
import { verifyChain } from '../../server/platform/audit/verify.ts';
import { type AppContext, inSystemTx } from '../../server/platform/context.ts';
import { startChild } from './servers.ts';

/** Entries/s appended through audit() (one entry per transaction, `concurrency` at once), then sealed. */
export async function auditAppend(app: AppContext, o: { seconds: number; concurrency: number }) {
  let n = 0;
  const until = Date.now() + o.seconds * 1000;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (Date.now() < until) {
        await inSystemTx(app, (ctx) => audit(ctx, { action: 'bench.append', targetType: 'bench', targetId: String(n), orgId: null, detail: { n } }));
        n++;
      }
    }),
  );
  const appendPerSec = n / ((Date.now() - t0) / 1000);
  const s0 = Date.now();
  const sealed = await sealOnce(app.db, () => new Date(), 1e9);
  return { appended: n, appendPerSec, sealed, sealPerSec: sealed / ((Date.now() - s0) / 1000) };
}

/**
 * verifyChain over the whole chain (hashes recomputed in the database, the default, and with every
 * hash recomputed in Anbao) vs. raw SHA-256 over the same bytes (prev_hash ‖ canonical JSON) of a sample.
 */
export async function verifyThroughput(app: AppContext, sample = 100_000) {
  const v = await verifyChain(app.db);
  const inApp = await verifyChain(app.db, { recompute: 'app' });
  const rows: AuditRow[] = [];
  for (let after = 0; rows.length < sample; ) {
    const batch = await app.db.select(auditEntryColumns).from(auditEvents).where(gt(auditEvents.seq, after)).orderBy(asc(auditEvents.seq)).limit(5000);
    if (!batch.length) break;
    rows.push(...batch);
    after = batch[batch.length - 1].seq!;
  }
  const bytes = rows.map((e) => [Buffer.from(e.prevHash ?? GENESIS_HASH), Buffer.from(canonicalJson(e, e.seq!))] as const);
  const t0 = process.hrtime.bigint();
  for (const [p, j] of bytes) createHash('sha256').update(p).update(j).digest('hex');
  const rawSec = Number(process.hrtime.bigint() - t0) / 1e9;
  const verifyPerSec = v.checked / (v.durationMs / 1000);
  const rawPerSec = bytes.length / rawSec;
  return { ok: v.ok && inApp.ok, checked: v.checked, verifyMs: v.durationMs, verifyPerSec, recomputedInApp: v.recomputedInApp, inAppMs: inApp.durationMs, inAppPerSec: inApp.checked / (inApp.durationMs / 1000), rawPerSec, ratio: verifyPerSec / rawPerSec, bytesPerEntry: bytes.reduce((s, [p, j]) => s + p.length + j.length, 0) / bytes.length };
}

/** `npm start` on an existing embedded database until /readyz answers 200 (median of `runs`). */
export async function coldStart(dataDir: string, runs = 3) {
  const times: number[] = [];
  // One start first, unmeasured: it applies any migration the data folder lacks.
  for (let i = -1; i < runs; i++) {
    const t0 = Date.now();
    const child = await startChild('npm', ['start', '--silent'], { DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', ANBAO_DEMO: '0' }, '/readyz', 60_000);
    if (i >= 0) times.push(Date.now() - t0);
    await child.stop();
  }
  return { runsMs: times, medianMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] };
}

/** index.html's entry script and its static imports (modulepreload), gzip-compressed. */
export function firstLoadJs(root: string) {
  const dist = path.join(root, 'dist', 'web');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  const sizes = files.map((f) => {
    const buf = readFileSync(path.join(dist, f.replace(/^\//, '')));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  return { files: sizes, rawKb: sizes.reduce((s, f) => s + f.raw, 0) / 1024, gzipKb: sizes.reduce((s, f) => s + f.gzip, 0) / 1024 };
}

/** Signs in as `username` and times a fresh load of the home page until the dashboard's figures show (median of `runs`). */
export async function dashboardInBrowser(baseUrl: string, username: string, password: string, runs = 3) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await page.goto('/login');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.locator('.dash-kpis').first().waitFor({ timeout: 60_000 });
      const t0 = Date.now();
      await page.goto('/');
      await page.locator('.dash-kpis').first().waitFor({ timeout: 60_000 });
      times.push(Date.now() - t0);
      await ctx.close();
    }
    return { runsMs: times, medianMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] };
  } finally {
    await browser.close();
  }
}
