// npm run bench:generate -- --scale province|county [--url postgres://…] [--reset]
// Fills a database, through Anbao's own migrations, with a provincial union's data (issue 4): the org
// tree, sites, people with grants, hazards in every state, inspection records with 20 results each and
// an audit trail that verifies. PostgreSQL (DATABASE_URL or --url) or, for --scale county, PGlite in
// DATA_DIR. Prints the time of each phase; writes data/bench/<scale>.json (URL, key, API token) for
// `npm run bench`.
import { checkPasswordPolicy } from '../server/platform/auth/passwords.ts';
import { SECURITY_DEFAULTS } from '../server/platform/settings/security.ts';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/config.ts';
import { rows } from '../server/db/client.ts';
import { openRuntime } from '../server/cli/runtime.ts';
import { syncBuiltinRoles } from '../server/platform/access/roles-service.ts';
import { sealOnce } from '../server/platform/audit/sealer.ts';
import { createCheckpoint } from '../server/platform/audit/service.ts';
import { inSystemTx, ManualClock } from '../server/platform/context.ts';
import { startOfDayIn, yearIn } from '../server/platform/time.ts';
import { copyChain, insertChain } from './gen/audit-chain.ts';
import * as bulk from './gen/bulk.ts';
import { dropSecondaryIndexes, rebuildIndexes } from './gen/indexes.ts';
import { BENCH_USERNAME, Plan, SCALES, uid } from './gen/plan.ts';
import { benchTemplateSections, buildSkeleton } from './gen/skeleton.ts';
import { resetDatabase } from './gen/reset.ts';

const { values: args } = parseArgs({
  options: { scale: { type: 'string', default: 'county' }, url: { type: 'string' }, reset: { type: 'boolean', default: false }, password: { type: 'string', default: 'Patrol#Vault-2026' } },
});
const scale = SCALES[args.scale as keyof typeof SCALES];
if (!scale) throw new Error(`--scale must be province or county, got ${args.scale}`);
// The bench user signs in with it (the Chromium figure): a password the default policy would refuse
// (one containing the username `bench`, say) forces a password change at sign-in instead.
const weak = await checkPasswordPolicy(args.password, { username: BENCH_USERNAME, name: null }, SECURITY_DEFAULTS, false);
if (weak.length) throw new Error(`--password does not meet the default password policy: ${weak.map((v) => v.code).join(', ')}`);
const url = args.url ?? process.env.DATABASE_URL;
if (!url && scale.name === 'province') throw new Error('--scale province needs PostgreSQL: set DATABASE_URL or --url');
const plan = new Plan(scale);

const timings: Array<[string, number]> = [];
const t0 = Date.now();
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const s = Date.now();
  const out = await fn();
  timings.push([name, Date.now() - s]);
  console.log(`  ${name.padEnd(38)} ${((Date.now() - s) / 1000).toFixed(1).padStart(7)} s`);
  return out;
}

const secretKey = process.env.ANBAO_SECRET_KEY ?? randomBytes(32).toString('hex');
if (url && args.reset) await resetDatabase(url);
const config = loadConfig({ ...process.env, ...(url ? { DATABASE_URL: url } : {}), ANBAO_SECRET_KEY: secretKey, ANBAO_DEMO: '0', LOG_LEVEL: 'warn' });
console.log(`Generating --scale ${scale.name} into ${url ? url.replace(/:[^:@/]*@/, ':***@') : `PGlite ${config.dataDir}`}`);
const rt = await phase('migrate (server/db/migrate.ts)', () => openRuntime(config));
const { app, database } = rt;
const [{ n: existing }] = await rows<{ n: number }>(app.db, sql`select count(*)::int as n from orgs`);
if (existing > 0) throw new Error('the database already holds data: use a fresh database (or --reset on PostgreSQL)');

const now = new Date();
const tz = config.timeZone;
const year = yearIn(now, tz);
const from = startOfDayIn(`${year}-01-01`, tz);
const w: bulk.Window = { from, now, inspectionsTo: startOfDayIn(`${year + 1}-01-01`, tz), year, tz };
const clock = new ManualClock(from);
app.clock = clock;

await phase('roles (syncBuiltinRoles)', () => syncBuiltinRoles(app));
const sk = await phase(`org tree, sites, ${scale.people} people, grants`, () => buildSkeleton(app, plan, args.password));
await phase('seal the skeleton audit entries', () => sealOnce(app.db, () => clock.now(), 1e9));

const items = benchTemplateSections().flatMap((s) => s.items);
const itemInfo: bulk.ItemInfo = { keys: sk.itemKeys, failKey: sk.failKey, failGrade: sk.failGrade, failTitle: items[0].text, failCategory: items[0].category };
const [head] = await rows<{ id: number; seq: number; hash: string }>(app.db, sql`select max(id)::bigint as id, max(seq)::bigint as seq, (select hash from audit_events order by seq desc limit 1) as hash from audit_events`);
const chainStart = { id: Number(head.id) + 1, seq: Number(head.seq) + 1, prevHash: head.hash, from, now, year };

const BIG = ['hazards', 'hazard_updates', 'inspections', 'inspection_results', 'audit_events'];
const STEP = scale.name === 'province' ? 100_000 : scale.hazards;
async function tablePhases(run: bulk.RunSql) {
  for (let lo = 0; lo < scale.inspections; lo += STEP) {
    await phase(`inspections ${lo}…`, () => bulk.inspections(run, plan, w, lo, Math.min(scale.inspections, lo + STEP)));
  }
  for (let lo = 0; lo < scale.hazards; lo += 2 * STEP) {
    await phase(`hazards ${lo}…`, () => bulk.hazards(run, plan, w, itemInfo, lo, Math.min(scale.hazards, lo + 2 * STEP)));
  }
  await phase('hazard report steps', () => bulk.reportSteps(run, uid('hz', 0), uid('hz', scale.hazards)));
  for (let lo = 0; lo < scale.inspections; lo += STEP / 2) {
    await phase(`inspection results ${lo * 20}…`, () => bulk.results(run, plan, itemInfo, lo, Math.min(scale.inspections, lo + STEP / 2)));
  }
  await phase('document number counters', () => bulk.numberCounters(run, year));
}

let headHash: string;
if (database.kind === 'postgres') {
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, application_name: 'anbao-bench-generate' });
    await c.connect();
    // The rows are consistent by construction: skip per-row foreign-key triggers during the load.
    await c.query(`set session_replication_role = replica; set synchronous_commit = off; set maintenance_work_mem = '512MB'; set work_mem = '128MB'`);
    return c;
  };
  const [a, b] = [await connect(), await connect()];
  const dropped = await phase('drop secondary indexes', () => dropSecondaryIndexes(a, BIG));
  let copied = 0;
  [headHash] = await phase('tables ∥ audit chain (COPY)', () =>
    Promise.all([
      phase(`audit chain: ${scale.auditEntries} entries (COPY)`, () => copyChain(b, plan, chainStart, (n) => (copied = n) && console.log(`    audit ${n}`))),
      tablePhases(async (t) => void (await a.query(t))),
    ]),
  );
  void copied;
  await phase(`rebuild ${dropped.length} indexes`, () => rebuildIndexes([a, b], dropped));
  await phase('dashboard counters (anbao_dash_rebuild)', () => a.query('select anbao_dash_rebuild()'));
  await phase('vacuum analyze', async () => {
    await Promise.all([a.query('vacuum analyze hazards, inspections, orgs, users, grants, dashboard_counts'), b.query('analyze hazard_updates, inspection_results, audit_events')]);
  });
  await a.end();
  await b.end();
} else {
  const run: bulk.RunSql = async (t) => void (await database.pglite!.exec(t));
  await tablePhases(run);
  headHash = await phase(`audit chain: ${scale.auditEntries} entries`, () => insertChain(app.db, plan, chainStart));
  await phase('dashboard counters (anbao_dash_rebuild)', () => database.pglite!.exec('select anbao_dash_rebuild()'));
  await database.pglite!.exec('analyze');
}
await app.db.execute(sql`select setval(pg_get_serial_sequence('audit_events', 'id'), (select max(id) from audit_events))`);
clock.set(new Date());
await phase('signed checkpoint of the chain head', async () => {
  await inSystemTx(app, (ctx) => createCheckpoint(ctx));
  await sealOnce(app.db, () => clock.now(), 1e9);
});

const counts = await rows<Record<string, number>>(
  app.db,
  sql`select (select count(*) from orgs)::int as orgs, (select count(*) from sites)::int as sites, (select count(*) from users)::int as users,
    (select count(*) from grants)::int as grants, (select count(*) from hazards)::int as hazards,
    (select count(*) from hazards where status <> 'closed' and due_at < now())::int as overdue,
    (select count(*) from inspections)::int as inspections, (select count(*) from inspection_results)::int as results,
    (select count(*) from audit_events)::int as audit`,
);
await rt.close();
const total = (Date.now() - t0) / 1000;
console.log(`Done in ${total.toFixed(1)} s:`, counts[0], `head ${headHash.slice(0, 16)}…`);

const stateDir = path.resolve('data/bench');
mkdirSync(stateDir, { recursive: true });
const state = { scale: scale.name, url: url ?? null, dataDir: url ? null : config.dataDir, secretKey, token: sk.token, password: args.password, rootId: sk.rootId, countyId: sk.countyIds[0], benchUserId: sk.benchUserId, itemKeys: sk.itemKeys, failKey: sk.failKey, generatedAt: now.toISOString(), seconds: total, timings, counts: counts[0] };
const stateName = `${scale.name}${url ? '' : '-pglite'}`;
writeFileSync(path.join(stateDir, `${stateName}.json`), JSON.stringify(state, null, 2), { mode: 0o600 });
console.log(`State (URL, secret key, API token) written to data/bench/${stateName}.json`);
