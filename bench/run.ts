// npm run bench [-- --scale province|county] [--duration 20] [--connections 50] [--skip-extras] [--ops create,submit] [--verify-scale province|county]
// The real server (node bin/anbao.mjs serve, NODE_ENV=production, PostgreSQL, an API token) against the
// ceiling — the same SQL from a bare Fastify + pg server (bench/baseline/bare.ts) and Fastify's hello
// world — for four operations, then the audit, start-up, web and browser figures. Prints a table and
// writes bench/RESULTS.md. Needs `npm run bench:generate` first (data/bench/<scale>.json).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../server/config.ts';
import { openRuntime } from '../server/cli/runtime.ts';
import { uid } from './gen/plan.ts';
import { prepareDrafts, withdrawLeftoverDrafts } from './lib/drafts.ts';
import { prepareViewers, revokeViewers } from './lib/viewers.ts';
import { auditAppend, coldStart, dashboardInBrowser, firstLoadJs, verifyThroughput } from './lib/extras.ts';
import { type Figures, load } from './lib/load.ts';
import { machine, type Row, table, writeResults } from './lib/report.ts';
import { startChild } from './lib/servers.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'province' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    'verify-scale': { type: 'string', default: 'province' },
    'skip-extras': { type: 'boolean', default: false },
    'extras-only': { type: 'boolean', default: false },
    /** A comma-separated subset (e.g. create,submit): measured and printed, bench/RESULTS.md left as it is. */
    ops: { type: 'string' },
  },
});
const root = process.cwd();
const stateFile = path.join(root, 'data', 'bench', `${args.scale}.json`);
if (!existsSync(stateFile)) throw new Error(`${stateFile} is missing: run npm run bench:generate -- --scale ${args.scale} (on PostgreSQL) first`);
const state = JSON.parse(readFileSync(stateFile, 'utf8'));
if (!state.url) throw new Error('the HTTP benchmark needs the PostgreSQL data set (generate with --url or DATABASE_URL)');
const o = { connections: Number(args.connections), duration: Number(args.duration), warmup: Number(args.warmup) };
const started = new Date();
const m0 = machine();
console.log(`Benchmark --scale ${state.scale}: ${o.connections} connections, ${o.duration} s per operation; load average at start ${m0.load.map((x) => x.toFixed(1)).join(' ')}`);

// The measured instance serves requests only (ANBAO_SCHEDULER=0), as the bare server does: on freshly
// generated data the sweeps would spend the run catching up on 50,000 overdue hazards' escalations. In
// a deployment that work runs in another instance (README, ANBAO_SCHEDULER).
const env = { DATABASE_URL: state.url, ANBAO_SECRET_KEY: state.secretKey, NODE_ENV: 'production', LOG_LEVEL: 'warn', ANBAO_DEMO: '0', ANBAO_SCHEDULER: '0' };
const auth = { authorization: `Bearer ${state.token}` };
const branch = 0;
const county = 0;
const rootPath = `/${state.rootId}/`;
const hazardBody = (by?: string) => JSON.stringify({ title: '基准测试：营业厅灭火器压力不足', category: 'fire', orgId: uid('org-branch', branch), description: '巡查发现，已临时更换', ...(by ? { by } : {}) });

const db = new pg.Client({ connectionString: state.url });
await db.connect();
/** The items of `list` in turn, from the first again after the last. */
const rotate = <T>(list: T[]) => {
  let i = 0;
  return () => list[i++ % list.length];
};
const drafts = async (count: number) => rotate(await prepareDrafts(db, { count, branch, county, byUserId: state.benchUserId, itemKeys: state.itemKeys, failKey: state.failKey }));

const VIEWERS = 50;
const viewers = await prepareViewers(db, { count: VIEWERS, rootId: state.rootId, benchUserId: state.benchUserId });
type Ops = Array<[string, Parameters<typeof load>[1] | (() => Promise<Parameters<typeof load>[1]>)]>;
const anbaoOps = (drafted: number): Ops => [
  ['register', { path: `/api/v1/hazards?open=true&orgId=${state.countyId}&sort=dueAt&page=1&pageSize=20`, headers: auth }],
  ['dashboard', { path: '/api/v1/dashboard', headers: auth }],
  ['dashboard@1', { path: '/api/v1/dashboard', headers: auth }],
  ['dashboard-viewers', () => { const next = rotate(viewers); return Promise.resolve({ path: '/api/v1/dashboard', headers: auth, nextHeaders: () => ({ authorization: `Bearer ${next().token}` }) }); }],
  ['create', { path: '/api/v1/hazards', method: 'POST', headers: auth, body: hazardBody() }],
  ['submit', async () => { const next = await drafts(drafted); return { path: '/', method: 'POST', headers: auth, body: '{}', nextPath: () => `/api/v1/inspections/${next()}/submit` }; }],
];
const bareReady = '/hazards?orgId=' + state.countyId + '&scope=' + encodeURIComponent(rootPath);
const bareOps = (drafted: number): Ops => [
  ['register', { path: `/hazards?orgId=${state.countyId}&scope=${encodeURIComponent(rootPath)}` }],
  ['dashboard', { path: `/dashboard?orgId=${state.rootId}&userId=${state.benchUserId}` }],
  ['dashboard@1', { path: `/dashboard?orgId=${state.rootId}&userId=${state.benchUserId}` }],
  ['dashboard-viewers', () => { const next = rotate(viewers); return Promise.resolve({ path: '/', nextPath: () => `/dashboard?orgId=${state.rootId}&userId=${next().userId}` }); }],
  ['create', { path: '/hazards', method: 'POST', body: hazardBody(state.benchUserId) }],
  ['submit', async () => { const next = await drafts(drafted); return { path: '/', method: 'POST', body: JSON.stringify({ by: state.benchUserId }), nextPath: () => `/inspections/${next()}/submit` }; }],
];

async function phase(name: string, cmd: string, cmdArgs: string[], ready: string, ops: Ops) {
  const server = await startChild(cmd, cmdArgs, env, ready);
  const out: Record<string, Figures> = {};
  try {
    for (const [op, spec] of ops) {
      const s = typeof spec === 'function' ? await spec() : spec;
      out[op] = await load(server, s, op.endsWith('@1') ? { ...o, connections: 1 } : o);
      console.log(`  ${name.padEnd(6)} ${op.padEnd(14)} ${out[op].reqPerSec.toFixed(1).padStart(8)} req/s  p50 ${String(out[op].p50).padStart(5)} ms  p99 ${String(out[op].p99).padStart(5)} ms  RSS ${out[op].rssMb.toFixed(0)} MB  non-2xx ${out[op].non2xx + out[op].errors}`);
    }
  } finally {
    await server.stop();
  }
  return out;
}

const only = args.ops?.split(',');
const lines: string[] = [];
if (only) {
  const cleaned = await withdrawLeftoverDrafts(db, state.benchUserId);
  if (cleaned) console.log(`  withdrew ${cleaned} unused drafts of an earlier run`);
  const n = Math.max(2000, (o.duration + o.warmup) * 200);
  // Anbao and bare alternately, operation by operation, twice: on a shared machine the ratio of
  // neighbouring runs is steadier than that of runs minutes apart.
  for (const round of [1, 2]) {
    for (const op of only) {
      const a = await phase('anbao', 'node', ['bin/anbao.mjs', 'serve'], '/readyz', anbaoOps(n).filter(([k]) => k === op));
      const b = await phase('bare', 'node', ['--import', 'tsx', 'bench/baseline/bare.ts'], bareReady, bareOps(n).filter(([k]) => k === op));
      const failed = a[op].non2xx + a[op].errors + b[op].non2xx + b[op].errors;
      console.log(`  round ${round} ${op}: Anbao / bare = ${(a[op].reqPerSec / b[op].reqPerSec).toFixed(2)}${failed ? ` — NOT COMPARABLE: ${failed} requests failed` : ''}`);
    }
  }
  await withdrawLeftoverDrafts(db, state.benchUserId);
} else if (!args['extras-only']) {
  const cleaned = await withdrawLeftoverDrafts(db, state.benchUserId);
  if (cleaned) console.log(`  withdrew ${cleaned} unused drafts of an earlier run`);
  const draftsNeeded = Math.max(2000, (o.duration + o.warmup) * 200);
  const anbao = await phase('anbao', 'node', ['bin/anbao.mjs', 'serve'], '/readyz', anbaoOps(draftsNeeded));
  const bare = await phase('bare', 'node', ['--import', 'tsx', 'bench/baseline/bare.ts'], bareReady, bareOps(draftsNeeded * 2));
  await withdrawLeftoverDrafts(db, state.benchUserId);
  const hello = await phase('hello', 'node', ['--import', 'tsx', 'bench/baseline/hello.ts'], '/', [['hello', { path: '/' }]]);

  const ratio = (op: string) => anbao[op].reqPerSec / bare[op].reqPerSec;
  const rows: Row[] = [
    { op: '1. Hazard register page (county subtree, open, by due date, page 1 of 20)', anbao: anbao.register, bare: bare.register, target: '≥ 0.5 of bare', met: ratio('register') >= 0.5 },
    { op: `2. Dashboard, provincial root (${o.connections} connections)`, anbao: anbao.dashboard, bare: bare.dashboard, target: 'p99 < 50 ms', met: anbao.dashboard.reqPerSec > 0 && anbao.dashboard.p99 < 50 },
    { op: '2b. Dashboard, provincial root (1 connection)', anbao: anbao['dashboard@1'], bare: bare['dashboard@1'], target: 'p99 < 50 ms', met: anbao['dashboard@1'].reqPerSec > 0 && anbao['dashboard@1'].p99 < 50 },
    { op: `2c. Dashboard, provincial root, ${VIEWERS} different viewers (${o.connections} connections)`, anbao: anbao['dashboard-viewers'], bare: bare['dashboard-viewers'], target: 'p99 < 50 ms', met: anbao['dashboard-viewers'].reqPerSec > 0 && anbao['dashboard-viewers'].p99 < 50 },
    { op: '3. Create a hazard', anbao: anbao.create, bare: bare.create, target: '≥ 0.5 of bare', met: ratio('create') >= 0.5 },
    { op: '4. Submit an inspection (20 items, 1 failure → 1 hazard)', anbao: anbao.submit, bare: bare.submit, target: '≥ 0.5 of bare', met: ratio('submit') >= 0.5 },
    { op: 'Fastify hello world', anbao: null, bare: hello.hello, target: 'ceiling of the HTTP layer', met: null },
  ];
  lines.push(table(rows));
  console.log('\n' + lines[0]);
}
await revokeViewers(db, { count: VIEWERS, benchUserId: state.benchUserId });
await db.end();

if (!args['skip-extras'] && !only) {
  const rt = await openRuntime(loadConfig({ ...process.env, ...env }), { migrate: false });
  const append = await auditAppend(rt.app, { seconds: 10, concurrency: 10 });
  console.log(`  audit append: ${append.appendPerSec.toFixed(0)} entries/s (1 per transaction, 10 at once); sealed ${append.sealed} at ${append.sealPerSec.toFixed(0)} entries/s`);
  await rt.close();
  // Verification walks the whole chain, by default the provincial one (~8 s in the database, ~90 s in Anbao on
  // these machines); `--verify-scale county` for a quick run.
  const vs = JSON.parse(readFileSync(path.join(root, 'data', 'bench', `${args['verify-scale']}.json`), 'utf8'));
  // Migrated first: data generated by an older Anbao gets the audit trail's canonical text and column (0012, 0013).
  const vrt = await openRuntime(loadConfig({ ...process.env, ...env, DATABASE_URL: vs.url, ANBAO_SECRET_KEY: vs.secretKey }), { migrate: true });
  const verify = await verifyThroughput(vrt.app);
  console.log(`  verify: ${verify.ok ? 'intact' : 'BROKEN'}, ${verify.checked} entries in ${(verify.verifyMs / 1000).toFixed(1)} s = ${verify.verifyPerSec.toFixed(0)}/s (${verify.recomputedInApp} again in Anbao); --in-app ${verify.inAppPerSec.toFixed(0)}/s; raw SHA-256 ${verify.rawPerSec.toFixed(0)}/s; ratio ${verify.ratio.toFixed(2)}`);
  await vrt.close();
  lines.push(
    '',
    '| Figure | Value | Target |',
    '|---|---:|---|',
    `| Audit append through audit() (1 entry per transaction, 10 concurrent) | ${append.appendPerSec.toFixed(0)} entries/s | — |`,
    `| Audit sealing (sealOnce, chaining) | ${append.sealPerSec.toFixed(0)} entries/s | — |`,
    `| verify-audit (verifyChain, hashes recomputed in the database; whole ${vs.scale} chain: ${verify.checked} entries, ${verify.ok ? 'intact' : 'BROKEN'}, ${verify.recomputedInApp} again in Anbao) | ${verify.verifyPerSec.toFixed(0)} entries/s (${(verify.verifyMs / 1000).toFixed(1)} s) | — |`,
    `| verify-audit --in-app (every hash recomputed in Anbao) | ${verify.inAppPerSec.toFixed(0)} entries/s (${(verify.inAppMs / 1000).toFixed(1)} s) | — |`,
    `| Raw SHA-256 over the same bytes (${verify.bytesPerEntry.toFixed(0)} B/entry, same process) | ${verify.rawPerSec.toFixed(0)} entries/s | — |`,
    `| verify / raw SHA-256 | ${verify.ratio.toFixed(2)} | ≥ 0.5 ${verify.ratio >= 0.5 ? '✅ met' : '❌ missed'} |`,
  );
  const pgliteState = path.join(root, 'data', 'bench', 'county-pglite.json');
  if (existsSync(pgliteState)) {
    const cold = await coldStart(JSON.parse(readFileSync(pgliteState, 'utf8')).dataDir);
    console.log(`  cold start npm start → /readyz: ${cold.runsMs.join(', ')} ms`);
    lines.push(`| Cold start \`npm start\` → /readyz, embedded county data (median of ${cold.runsMs.join(', ')} ms) | ${cold.medianMs} ms | < 2000 ms ${cold.medianMs < 2000 ? '✅ met' : '❌ missed'} |`);
  }
  if (existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
    const js = firstLoadJs(root);
    console.log(`  first-load JS: ${js.files.length} files, ${js.rawKb.toFixed(0)} KB raw, ${js.gzipKb.toFixed(0)} KB gzip`);
    lines.push(`| Web first-load JavaScript (entry + ${js.files.length - 1} static imports, gzip -9) | ${js.gzipKb.toFixed(0)} KB (${js.rawKb.toFixed(0)} KB raw) | — |`);
    const countyState = path.join(root, 'data', 'bench', 'county.json');
    if (existsSync(countyState)) {
      const cs = JSON.parse(readFileSync(countyState, 'utf8'));
      const web = await startChild('node', ['bin/anbao.mjs', 'serve'], { ...env, DATABASE_URL: cs.url, ANBAO_SECRET_KEY: cs.secretKey }, '/readyz');
      try {
        const b = await dashboardInBrowser(web.url, 'bench', cs.password).catch((e: Error) => e);
        if (b instanceof Error) {
          console.log(`  dashboard in Chromium (county data): not measured: ${b.message.split('\n')[0]}`);
          lines.push(`| Home page → dashboard figures visible, headless Chromium, county data | not measured: ${b.message.split('\n')[0].replace(/\|/g, '/')} | — |`);
        } else {
          console.log(`  dashboard in Chromium (county data): ${b.runsMs.join(', ')} ms`);
          lines.push(`| Home page → dashboard figures visible, headless Chromium, county data (median of ${b.runsMs.join(', ')} ms) | ${b.medianMs} ms | — |`);
        }
      } finally {
        await web.stop();
      }
    }
  }
}

const m1 = machine();
const gen = state.seconds ? `Data: generated ${state.generatedAt} in ${state.seconds.toFixed(0)} s (${Object.entries(state.counts).map(([k, v]) => `${k} ${v}`).join(', ')}).` : '';
const block = [
  `### ${state.scale} — ${started.toISOString()}`,
  '',
  `Machine: ${m1.cpu}, ${m1.cores} cores, ${m1.ramGb.toFixed(0)} GB RAM, Node ${m1.node}; commit ${m1.commit}. ${o.connections} connections, ${o.duration} s per operation (autocannon).`,
  `Load average (1/5/15 min) at start ${m0.load.map((x) => x.toFixed(1)).join(' / ')}, at end ${m1.load.map((x) => x.toFixed(1)).join(' / ')} — other processes shared the ${m1.cores} cores during the run.`,
  gen,
  '',
  ...lines,
].join('\n');
if (only) console.log('\n(--ops: bench/RESULTS.md left as it is)');
else {
  writeResults(path.join(root, 'bench', 'RESULTS.md'), state.scale, block);
  console.log(`\nWritten to bench/RESULTS.md`);
}
