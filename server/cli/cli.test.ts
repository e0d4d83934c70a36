// The real CLI as an operator runs it (`node bin/anbao.mjs …`), each command a child process. One
// embedded data folder is reused across tests where the assertion allows (a first PGlite start costs
// seconds); every server started here is stopped by its PID, also when a test fails.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import pg from 'pg';
import { openPglite } from '../db/client.ts';
import { DEMO_PEOPLE } from '../demo/people.ts';
import { TEST_SECRET_KEY, TEST_TOTP_SECRET } from '../test/constants.ts';
import { adminUrl } from '../test/template.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/anbao.mjs');
const pgUrl = process.env.TEST_DATABASE_URL;
const work = mkdtempSync(path.join(os.tmpdir(), 'anbao-cli-test-'));
const DATA = path.join(work, 'data');
const DEMO_PASSWORD = 'Cli#Demo-2026-xq';
const children = new Set<ChildProcess>();
const databases: string[] = [];

/** Only what the commands need: nothing leaks in from the test runner's own environment. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: DATA, ANBAO_DEMO_PASSWORD: DEMO_PASSWORD, ANBAO_DEMO_TOTP_SECRET: TEST_TOTP_SECRET, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function anbao(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extra) });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => (children.delete(child), resolve({ code, stdout, stderr }))));
}

interface Server {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** `anbao serve`, resolved once it prints its address and /readyz answers ready. */
async function serve(extra: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: env(extra) });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (children.delete(child), resolve(code))));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /is running: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    }, 100);
    void exited.then((code) => reject(new Error(`serve exited with ${code} before it was ready:\n${out}`))).finally(() => clearInterval(timer));
  });
  let ready = await fetch(`${url}/readyz`);
  for (let i = 0; i < 50 && ready.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 200));
    ready = await fetch(`${url}/readyz`);
  }
  assert.equal(ready.status, 200, await ready.text());
  return {
    child,
    url,
    output: () => out,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function freshPostgres(): Promise<string> {
  const name = `anbao_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(pgUrl!) });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  databases.push(name);
  return adminUrl(pgUrl!, name);
}

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (pgUrl && databases.length) {
    const admin = new pg.Client({ connectionString: adminUrl(pgUrl) });
    await admin.connect();
    for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  rmSync(work, { recursive: true, force: true });
});

const BACKUP = path.join(work, 'demo.anbao.gz');
/** The rows of one table in the counts a backup or restore prints. */
const printedRows = (out: string, table: string) => Number(new RegExp(`^\\s+${table}\\s+(\\d+)$`, 'm').exec(out)?.[1]);

test('the first start on a new data folder seeds the demo and prints the address and the demo accounts', async () => {
  const server = await serve();
  try {
    const out = server.output();
    assert.match(out, /A demo cooperative was created/);
    assert.match(out, /Demo accounts/);
    assert.match(out, /sysadmin/);
    assert.ok(out.includes(DEMO_PASSWORD), out);
    assert.equal((await (await fetch(`${server.url}/readyz`)).json()).status, 'ready');
  } finally {
    assert.equal(await server.stop(), 0);
  }
  assert.equal(existsSync(path.join(DATA, 'anbao.lock')), false);
});

test('a second start reuses the data without seeding again; another process on the same folder is refused', async () => {
  const server = await serve();
  try {
    assert.doesNotMatch(server.output(), /A demo cooperative was created/);
    assert.ok(server.output().includes(DEMO_PASSWORD), 'the stored demo credentials are printed again');
    const [second, backup] = await Promise.all([anbao(['serve']), anbao(['backup', path.join(work, 'while-running.anbao.gz')])]);
    for (const r of [second, backup]) {
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, new RegExp(`in use by another Anbao process \\(PID ${server.child.pid}\\)`));
    }
    assert.equal(existsSync(path.join(work, 'while-running.anbao.gz')), false);
  } finally {
    assert.equal(await server.stop(), 0);
  }
  // Stopped, the folder is free again: its backup shows the demo people once, not twice.
  const b = await anbao(['backup', BACKUP]);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(printedRows(b.stdout, 'users'), DEMO_PEOPLE.length);
  assert.ok(printedRows(b.stdout, 'audit_events') > 0);
});

test('invalid configuration stops the start with a message naming the variable', async () => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://anbao@127.0.0.1:5432/anbao' }, 'ANBAO_SECRET_KEY'],
    [{ ANBAO_EMBEDDED_CACHE_MB: '0' }, 'ANBAO_EMBEDDED_CACHE_MB'],
  ];
  const runs = await Promise.all(cases.map(([extra]) => anbao(['serve'], { ...extra, DATA_DIR: path.join(work, 'never-used') })));
  runs.forEach((r, i) => {
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`Invalid configuration.*${cases[i][1]}`));
  });
});

test('backup, then restore into an empty data folder (with the source key); verify-audit exits 0 on the restored folder', async () => {
  const file = BACKUP;
  const restored = path.join(work, 'restored');
  // A new data folder gets a new key: the encrypted fields of the backup cannot be read with it.
  const refused = await anbao(['restore', file], { DATA_DIR: restored });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /secret\.key/);
  assert.equal(existsSync(path.join(restored, 'pgdata')), false, 'refused before a database is created');
  cpSync(path.join(DATA, 'secret.key'), path.join(restored, 'secret.key'));
  const r = await anbao(['restore', file], { DATA_DIR: restored });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(printedRows(r.stdout, 'users'), DEMO_PEOPLE.length);
  assert.match(r.stdout, /Audit chain intact/);
  const v = await anbao(['verify-audit'], { DATA_DIR: restored });
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /Audit chain intact/);
});

test('verify-audit names the broken entry after an entry was changed behind the trigger, recomputing in the database and with --in-app', async () => {
  const tampered = path.join(work, 'tampered');
  cpSync(DATA, tampered, { recursive: true });
  const db = await openPglite({ dataDir: path.join(tampered, 'pgdata') });
  let id: number;
  try {
    await db.pglite!.exec('alter table audit_events disable trigger audit_events_no_change');
    id = Number((await db.pglite!.query<{ id: number }>("update audit_events set action = 'orgs.tampered' where seq = 5 returning id")).rows[0].id);
    await db.pglite!.exec('alter table audit_events enable trigger audit_events_no_change');
  } finally {
    await db.close();
  }
  for (const args of [['verify-audit'], ['verify-audit', '--in-app']]) {
    const broken = await anbao(args, { DATA_DIR: tampered });
    assert.equal(broken.code, 1, args.join(' '));
    assert.match(broken.stderr, new RegExp(`BROKEN at seq 5 \\(entry id ${id}, hash_mismatch`));
  }
  const copy = path.join(work, 'in-app');
  cpSync(DATA, copy, { recursive: true });
  const intact = await anbao(['verify-audit', '--in-app'], { DATA_DIR: copy });
  assert.equal(intact.code, 0, intact.stderr);
  assert.match(intact.stdout, /Audit chain intact: .*every hash recomputed in Anbao/);
  const inDb = await anbao(['verify-audit'], { DATA_DIR: copy });
  assert.equal(inDb.code, 0, inDb.stderr);
  assert.match(inDb.stdout, /Audit chain intact: .*hashes recomputed in the database from its canonical column, 0 entries again in Anbao/);
});

test('create-admin on a new PostgreSQL database creates the top unit and a one-time password that must be changed', { skip: !pgUrl && 'TEST_DATABASE_URL not set' }, async () => {
  const pgEnv = { DATABASE_URL: await freshPostgres(), ANBAO_SECRET_KEY: TEST_SECRET_KEY };
  const r = await anbao(['create-admin', '--username', 'firstadmin', '--name', '首位管理员', '--role', 'secadmin', '--org-name', '某某县农村信用合作联社', '--org-code', 'TOP'], pgEnv);
  assert.equal(r.code, 0, r.stderr);
  const password = /One-time password \/ 一次性密码: (\S+)/.exec(r.stdout)?.[1];
  assert.ok(password, r.stdout);
  const server = await serve(pgEnv);
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'firstadmin', password }) });
    assert.equal(login.status, 200);
    const body = await login.json();
    assert.equal(body.state, 'change_password');
    assert.equal(body.user.orgName, '某某县农村信用合作联社');
  } finally {
    await server.stop();
  }
});

test('the embedded backup restores into an empty PostgreSQL database through the CLI', { skip: !pgUrl && 'TEST_DATABASE_URL not set' }, async () => {
  const pgEnv = { DATABASE_URL: await freshPostgres(), ANBAO_SECRET_KEY: readFileSync(path.join(DATA, 'secret.key'), 'utf8').trim() };
  const r = await anbao(['restore', BACKUP], pgEnv);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /into PostgreSQL/);
  assert.equal(printedRows(r.stdout, 'users'), DEMO_PEOPLE.length);
  // restore verifies the chain it restored (backup.test.ts backs a PostgreSQL database up in turn).
  assert.match(r.stdout, /Audit chain intact/);
});
