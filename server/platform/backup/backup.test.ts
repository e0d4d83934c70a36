// Backup and restore (`anbao backup` / `anbao restore`): the demo cooperative, changed through the API
// (a unit, a person with phone and ID numbers, a site photo), is backed up from an EMBEDDED database
// and restored into a fresh empty one — PostgreSQL when TEST_DATABASE_URL is set (the move from the
// embedded database to a server), else PGlite.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, rows } from '../../db/client.ts';
import { appliedMigrations, expectedMigrations } from '../../db/migrate.ts';
import { attachmentBlobs, attachments, auditEvents, orgs, users } from '../../db/schema/index.ts';
import { sealOnce } from '../audit/sealer.ts';
import { verifyChain } from '../audit/verify.ts';
import { totpCode } from '../auth/totp.ts';
import { ManualClock } from '../context.ts';
import { KeyRing } from '../crypto/keyring.ts';
import { Client, startTestApp, TEST_PASSWORD, TEST_TOTP_SECRET, type TestApp } from '../../test/harness.ts';
import { TEST_SECRET_KEY } from '../../test/constants.ts';
import { firstSignIn, createPerson, GOOD_PASSWORDS } from '../../test/people-helpers.ts';
import { rowCounts } from '../../test/row-counts.ts';
import { freshDatabase as freshDatabaseFor } from '../../test/fresh-database.ts';
import { buildPgliteTemplate } from '../../test/template.ts';
import { PNG_1X1, upload } from '../../test/uploads.ts';
import { backupTo } from './backup.ts';
import { BackupRefusedError, type BackupSummary } from './format.ts';
import { restoreFrom } from './restore.ts';
import { migrateTo, nonEmptyTables, readCatalogue } from './target.ts';

const pgUrl = process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(path.join(os.tmpdir(), 'anbao-backup-test-'));
const file = (name: string) => path.join(dir, name);
const cleanups: (() => Promise<void>)[] = [];

let t: TestApp;
let target: Database;
let backup: BackupSummary;
let sourceHead: Awaited<ReturnType<typeof verifyChain>>;
let person: { id: string; username: string; password: string };

// The run's PostgreSQL server, if any (before() takes TEST_DATABASE_URL out of the environment).
const freshDatabase = () => freshDatabaseFor(cleanups, pgUrl);

/** Row counts of every schema table in any database (the harness helper reads only `database`). */
const countsOf = (database: Database) => rowCounts({ database } as TestApp);

/** Rewrites a backup's lines (small files only: tests). */
function rewrite(from: string, to: string, edit: (lines: string[]) => string[]): void {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').split('\n').filter(Boolean);
  writeFileSync(to, gzipSync(`${edit(lines).join('\n')}\n`));
}

/** Per table, the sorted row lines of a backup: equal when two databases hold exactly the same values. */
function contentOf(name: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of gunzipSync(readFileSync(name)).toString('utf8').split('\n').slice(1)) {
    if (line.startsWith('{"table":')) out.set(JSON.parse(line).table, (current = []));
    else if (line.startsWith('[')) current.push(line);
  }
  for (const v of out.values()) v.sort();
  return out;
}

async function refusal(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof BackupRefusedError, String(e));
    assert.match(e.message, pattern);
    return true;
  });
}

before(async () => {
  if (pgUrl) {
    // The source is an embedded database even in the PostgreSQL run: the harness is pointed at a
    // PGlite template built here (its own template is a PostgreSQL database in that run).
    await buildPgliteTemplate(file('source-template.tar.gz'));
    process.env.ANBAO_TEST_TEMPLATE = file('source-template.tar.gz');
    delete process.env.TEST_DATABASE_URL;
  }
  t = await startTestApp();
  assert.equal(t.database.kind, 'pglite');
  const sysadmin = await t.login('sysadmin');
  const secadmin = await t.login('secadmin');
  const unit = await sysadmin.post('/api/v1/orgs', { parentId: await t.orgId('SFX'), kind: 'department', name: '备份测试科', code: 'SFX-BAK' });
  assert.equal(unit.status, 201, JSON.stringify(unit.body));
  const p = await createPerson(t, secadmin, 'SFX-BAK', 'bkperson', { phone: '13766554321', idNumber: '11010519491231002X' });
  await firstSignIn(t, p, GOOD_PASSWORDS[0]);
  person = { id: p.id, username: p.username, password: GOOD_PASSWORDS[0] };
  const site = await sysadmin.post('/api/v1/sites', { orgId: unit.body.id, kind: 'vault', name: '备份测试金库' });
  assert.equal(site.status, 201, JSON.stringify(site.body));
  const photo = await upload(sysadmin, { fileName: '金库.png', data: PNG_1X1, contentType: 'image/png' }, { type: 'site', id: site.body.id });
  assert.equal(photo.status, 201, JSON.stringify(photo.body));
  await t.seal();
  // One more entry stays unsealed: the backup carries it as it is, and it is sealed after the restore.
  await t.login('officer');
  // A value with microseconds (PostgreSQL's now() has them): a Date would round it to milliseconds.
  await t.database.db.execute(sql`update ${orgs} set updated_at = '2026-03-01 08:00:00.123456+00' where code = 'SFX-BAK'`);
  sourceHead = await verifyChain(t.database.db);
  backup = await backupTo(t.database, createWriteStream(file('demo.anbao.gz')));
  target = await freshDatabase();
});

after(async () => {
  await t?.close();
  for (const c of cleanups.reverse()) await c().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

test('a backup made by a newer Anbao is refused, and the empty database is left untouched', async () => {
  rewrite(file('demo.anbao.gz'), file('newer.anbao.gz'), ([h, ...rest]) => [JSON.stringify({ ...JSON.parse(h), migrations: expectedMigrations() + 1 }), ...rest]);
  await refusal(restoreFrom(target, createReadStream(file('newer.anbao.gz'))), /newer Anbao/);
  assert.equal(await appliedMigrations(target), 0);
});

test('a truncated backup file is refused and leaves the database empty', async () => {
  const bytes = readFileSync(file('demo.anbao.gz'));
  writeFileSync(file('cut.anbao.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  await refusal(restoreFrom(target, createReadStream(file('cut.anbao.gz'))), /damaged or incomplete/);
  assert.deepEqual(await nonEmptyTables(target), []);
  // A complete gzip whose last lines are missing is refused as well.
  rewrite(file('demo.anbao.gz'), file('no-end.anbao.gz'), (lines) => lines.slice(0, -1));
  await refusal(restoreFrom(target, createReadStream(file('no-end.anbao.gz'))), /end line is missing/);
  assert.deepEqual(await nonEmptyTables(target), []);
});

test('a backup whose encrypted fields need a key this installation lacks is refused', async () => {
  assert.deepEqual(backup.header.keyIds, [new KeyRing(Buffer.from(TEST_SECRET_KEY, 'hex')).keyId]);
  const otherKey = new KeyRing(randomBytes(32)).keyId;
  await refusal(restoreFrom(target, createReadStream(file('demo.anbao.gz')), { keyIds: [otherKey] }), /ANBAO_SECRET_KEY/);
  assert.deepEqual(await nonEmptyTables(target), []);
});

test('SEC-04: a restore into an empty database recreates every row and an audit chain with the same head', async () => {
  const restored = await restoreFrom(target, createReadStream(file('demo.anbao.gz')), { keyIds: [new KeyRing(Buffer.from(TEST_SECRET_KEY, 'hex')).keyId] });
  assert.deepEqual(restored.counts, backup.counts);
  assert.deepEqual(await countsOf(target), await countsOf(t.database));
  assert.equal(await appliedMigrations(target), expectedMigrations());

  for (const table of [orgs, users, attachments]) {
    assert.deepEqual(await target.db.select().from(table).orderBy(asc(table.id)), await t.database.db.select().from(table).orderBy(asc(table.id)));
  }
  const [u] = await target.db.select().from(users).where(eq(users.id, person.id));
  assert.match(u.phoneEnc!, /^v1:/);
  const micro = sql`select extract(epoch from updated_at)::text as e from orgs where code = 'SFX-BAK'`;
  assert.deepEqual(await rows(target.db, micro), [{ e: '1772352000.123456' }]);

  const [blob] = await target.db.select().from(attachmentBlobs);
  const [meta] = await target.db.select().from(attachments).where(eq(attachments.id, blob.attachmentId));
  assert.ok(Buffer.from(blob.data).equals(PNG_1X1));
  assert.equal(createHash('sha256').update(blob.data).digest('hex'), meta.sha256);

  const chain = await verifyChain(target.db);
  assert.equal(chain.ok, true);
  assert.equal(chain.headHash, sourceHead.headHash);
  assert.equal(chain.headSeq, sourceHead.headSeq);
  assert.equal(chain.unsealed.count, sourceHead.unsealed.count);
  assert.ok(chain.unsealed.count > 0);
  // New entries continue after the restored ids, and the restored unsealed ones seal onto the chain.
  await target.db.insert(auditEvents).values({ occurredAt: new Date(), actorType: 'system', action: 'backup.test', result: 'success' });
  const [maxId] = await rows<{ n: number }>(target.db, sql`select max(id)::int as n from audit_events`);
  const [srcMax] = await rows<{ n: number }>(t.database.db, sql`select max(id)::int as n from audit_events`);
  assert.equal(maxId.n, srcMax.n + 1);
  assert.equal(await sealOnce(target.db, () => new Date()), sourceHead.unsealed.count + 1);
  assert.equal((await verifyChain(target.db)).ok, true);
});

test('a backup of the restored database holds exactly the same values as the original', async () => {
  await backupTo(target, createWriteStream(file('again.anbao.gz')));
  const before = contentOf(file('demo.anbao.gz'));
  const again = contentOf(file('again.anbao.gz'));
  for (const [table, lines] of before) {
    if (table === 'audit_events') {
      // The test's own entry and the seal above are the only differences.
      assert.equal(again.get(table)!.length, lines.length + 1);
      continue;
    }
    assert.deepEqual(again.get(table), lines, table);
  }
});

test('people sign in on the restored database, encrypted fields decrypt, built-in roles are left alone', async () => {
  const syncs = async () => (await rows<{ n: number }>(target.db, sql`select count(*)::int as n from audit_events where action = 'roles.sync'`))[0].n;
  const syncsBefore = await syncs();
  const clock = new ManualClock(new Date(t.clock.now().getTime() + 60_000));
  const config = { ...loadConfig({ ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: path.join(dir, 'unused') }), scheduler: false, serveWeb: false };
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { database: target, clock, logger: false, loginRateLimit: 100_000, migrate: false });
    assert.equal(await syncs(), syncsBefore);
    const c = new Client(app);
    const login = await c.post('/api/v1/auth/login', { username: person.username, password: person.password });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.state, 'active');
    const secadmin = new Client(app);
    clock.advance(30_000);
    const admin = await secadmin.post('/api/v1/auth/login', { username: 'secadmin', password: TEST_PASSWORD, otp: totpCode(TEST_TOTP_SECRET, clock.now()) });
    assert.equal(admin.status, 200, JSON.stringify(admin.body));
    const phone = await secadmin.post(`/api/v1/users/${person.id}/reveal`, { field: 'phone', reason: '核对恢复后的数据' });
    assert.equal(phone.status, 200, JSON.stringify(phone.body));
    assert.equal(phone.body.value, '13766554321');
    const found = await secadmin.get('/api/v1/users?phone=13766554321');
    assert.deepEqual(found.body.items.map((x: { id: string }) => x.id), [person.id]);
  } finally {
    await app?.close();
  }
});

test('a restore into a database that is not empty is refused and changes nothing', async () => {
  const countsBefore = await countsOf(target);
  await refusal(restoreFrom(target, createReadStream(file('demo.anbao.gz'))), /not empty/);
  assert.deepEqual(await countsOf(target), countsBefore);
});

test('an older backup is restored at its own migration level, then brought up to date', async () => {
  const older = await freshDatabase();
  const level = expectedMigrations() - 1;
  await migrateTo(older, level);
  // What an Anbao one migration older would have written: only the tables and columns it had.
  const catalogue = await readCatalogue(older);
  let keep: string[] | null = null;
  let keepColumns: number[] = [];
  rewrite(file('demo.anbao.gz'), file('older.anbao.gz'), ([h, ...lines]) => {
    const header = JSON.parse(h);
    const out = [JSON.stringify({ ...header, migrations: level, tables: header.tables.filter((x: string) => catalogue.has(x)) })];
    for (const line of lines) {
      if (line.startsWith('{"table":')) {
        const { table, columns } = JSON.parse(line) as { table: string; columns: string[] };
        keep = catalogue.has(table) ? columns : null;
        keepColumns = columns.flatMap((c, i) => (catalogue.get(table)?.has(c) ? [i] : []));
        if (keep) out.push(JSON.stringify({ table, columns: keepColumns.map((i) => columns[i]) }));
      } else if (line.startsWith('[')) {
        if (keep) out.push(JSON.stringify(keepColumns.map((i) => JSON.parse(line)[i])));
      } else {
        const end = JSON.parse(line);
        out.push(JSON.stringify({ end: true, counts: Object.fromEntries(Object.entries(end.counts).filter(([x]) => catalogue.has(x))) }));
      }
    }
    return out;
  });
  const restored = await restoreFrom(older, createReadStream(file('older.anbao.gz')));
  assert.equal(restored.header.migrations, level);
  assert.equal(await appliedMigrations(older), expectedMigrations());
  for (const [table, n] of Object.entries(restored.counts)) assert.equal(n, backup.counts[table], table);
  const chain = await verifyChain(older.db);
  assert.equal(chain.ok, true);
  assert.equal(chain.headHash, sourceHead.headHash);
  // The audit trail is append-only again after the later migrations.
  await assert.rejects(older.db.execute(sql`update audit_events set action = 'x' where seq = 1`), (e: Error) => /append-only/.test(String((e.cause as Error | undefined)?.message)));
});
