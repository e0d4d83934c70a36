// Helpers of the reliability suites (not a test file): the real server as a child process
// (`node bin/anbao.mjs serve`, as an operator starts it), killed and restarted at will; the CLI; an
// HTTP client that signs in like the browser (session cookie + x-csrf-token); fresh PostgreSQL
// databases dropped at the end; row counts per table of a database opened directly.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { count, getTableName } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../db/client.ts';
import { schemaTables } from '../../platform/backup/tables.ts';
import { totpCode } from '../../platform/auth/totp.ts';
import { multipart } from '../uploads.ts';
import { adminUrl, buildPgliteTemplate } from '../template.ts';
import { TEST_PASSWORD, TEST_SECRET_KEY, TEST_TOTP_SECRET } from '../constants.ts';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(ROOT, 'bin/anbao.mjs');
/** The demo people's password: the template's (TEST_PASSWORD), also when a child seeds the demo itself. */
export const CHILD_PASSWORD = TEST_PASSWORD;
export const PG_URL = process.env.TEST_DATABASE_URL;

export async function freePort(): Promise<number> {
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

/** Only what the server needs: nothing leaks in from the test runner's environment (NODE_ENV=test…). */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    ANBAO_DEMO_PASSWORD: CHILD_PASSWORD,
    ANBAO_DEMO_TOTP_SECRET: TEST_TOTP_SECRET,
    ANBAO_LOGIN_RATE_LIMIT: '10000',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export interface ChildServer {
  url: string;
  pid: number;
  output(): string;
  /** SIGKILL (no shutdown code runs) or SIGTERM; resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `anbao serve` on a free port; resolves when /readyz answers 200. `env` must hold DATA_DIR.
 * `onSpawn` gets the PID at once (background work may start before the server answers).
 */
export async function startChild(env: Record<string, string>, opts: { onSpawn?: (pid: number) => void; readyWithinMs?: number } = {}): Promise<ChildServer> {
  // Generous: on a loaded 2-core machine a start takes a minute (normally a few seconds).
  const readyWithinMs = opts.readyWithinMs ?? 240_000;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: childEnv({ ...env, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  opts.onSpawn?.(child.pid!);
  let out = '';
  const keep = (b: Buffer) => void (out = (out + b.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      children.delete(child);
      resolve();
    }),
  );
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (!exited) child.kill(signal);
    await exit;
  };
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready:\n${out}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`the server was not ready within ${readyWithinMs} ms:\n${out}`);
    }
    await sleep(200);
  }
  return { url, pid: child.pid!, output: () => out, kill };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv(env) });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => (children.delete(child), resolve({ code, stdout, stderr }))));
}

export interface HttpRes<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A signed-in person talking to a child server over real HTTP. */
export class HttpClient {
  private cookie = '';
  private csrf = '';
  /** The signed-in person (from the login answer). */
  user: { id: string; name: string } | null = null;
  constructor(public url: string) {}

  /** Signs in; the three administrators (三员) with their current TOTP code. */
  static async login(url: string, username: string, password = CHILD_PASSWORD): Promise<HttpClient> {
    const c = new HttpClient(url);
    const otp = ['sysadmin', 'secadmin', 'auditor'].includes(username) ? { otp: totpCode(TEST_TOTP_SECRET, new Date()) } : {};
    const r = await c.request('POST', '/api/v1/auth/login', { username, password, ...otp });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    c.user = r.body.user;
    return c;
  }

  async request<T = any>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpRes<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = `anbao_sid=${this.cookie}`;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload: string | Buffer | undefined;
    if (Buffer.isBuffer(body)) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const r = await fetch(`${this.url}${p}`, { method, headers: h, body: payload as BodyInit | undefined });
    const sid = /anbao_sid=([^;]*)/.exec(r.headers.get('set-cookie') ?? '');
    if (sid) this.cookie = sid[1];
    const text = await r.text();
    const parsed = (r.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
    if (parsed && typeof parsed === 'object' && typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: r.status, body: parsed, headers: r.headers };
  }

  get<T = any>(p: string) {
    return this.request<T>('GET', p);
  }
  /** A GET whose body is read as bytes (a download). */
  async bytes(p: string): Promise<{ status: number; data: Buffer }> {
    const r = await fetch(`${this.url}${p}`, { headers: { cookie: `anbao_sid=${this.cookie}` } });
    return { status: r.status, data: Buffer.from(await r.arrayBuffer()) };
  }
  post<T = any>(p: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request<T>('POST', p, body, headers);
  }
  put<T = any>(p: string, body: unknown) {
    return this.request<T>('PUT', p, body);
  }

  /** POST /api/v1/attachments with one file; returns the attachment id. */
  async upload(fileName: string, data: Buffer): Promise<string> {
    const { payload, contentType } = multipart({ fileName, data });
    const r = await this.request('POST', '/api/v1/attachments', payload, { 'content-type': contentType });
    if (r.status !== 201) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id;
  }
}

/** Throws with the answer unless it has the expected status; returns the body. */
export function expect<T = any>(r: HttpRes<T>, status: number, what: string): T {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const created: string[] = [];
const folders: string[] = [];

/** A new empty database on the TEST_DATABASE_URL server (dropped by dropCreatedDatabases), or a copy of `template`. */
export async function freshPgDatabase(prefix: string, template?: string): Promise<string> {
  const name = `anbao_${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(PG_URL!) });
  await admin.connect();
  await admin.query(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  await admin.end();
  created.push(name);
  return adminUrl(PG_URL!, name);
}

/** A new temporary folder (removed by dropCreatedDatabases). */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `anbao-${prefix}-`));
  folders.push(dir);
  return dir;
}

export interface DataSet {
  /** DATA_DIR, the key and, on PostgreSQL, DATABASE_URL: what `serve` and the CLI need. */
  env: Record<string, string>;
  /** Opens the database directly (only while no server holds an embedded one). */
  open(): Promise<Database>;
}

/**
 * A data set with the demo cooperative, from the seeded template of this test run when there is one
 * (seeding costs a child tens of seconds on a busy machine), else seeded by the first `serve`.
 */
export async function demoDataSet(prefix: string, on: 'pglite' | 'postgres'): Promise<DataSet> {
  const dataDir = path.join(tempFolder(prefix), 'data');
  const template = process.env.ANBAO_TEST_TEMPLATE;
  if (on === 'postgres') {
    const pgTemplate = template && !existsSync(template) ? template : undefined;
    const url = await freshPgDatabase(prefix, pgTemplate);
    return { env: { DATA_DIR: dataDir, DATABASE_URL: url, ANBAO_SECRET_KEY: TEST_SECRET_KEY, ANBAO_DEMO: '1' }, open: () => openPostgres(url, 2) };
  }
  const pgdata = path.join(dataDir, 'pgdata');
  mkdirSync(dataDir, { recursive: true });
  // On a PostgreSQL run the template is a database name, not a PGlite dump: seed one here (cheaper
  // than a child seeding it on its first start).
  if (!template || !existsSync(template)) {
    const dump = path.join(tempFolder(`${prefix}-tpl`), 'template.tar.gz');
    await buildPgliteTemplate(dump);
    await (await openPglite({ dataDir: pgdata, loadDataDir: new Blob([readFileSync(dump)]) })).close();
  } else await (await openPglite({ dataDir: pgdata, loadDataDir: new Blob([readFileSync(template)]) })).close();
  return { env: { DATA_DIR: dataDir, ANBAO_SECRET_KEY: TEST_SECRET_KEY }, open: () => openPglite({ dataDir: pgdata }) };
}

export async function dropCreatedDatabases(): Promise<void> {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (!PG_URL || !created.length) return;
  const admin = new pg.Client({ connectionString: adminUrl(PG_URL) });
  await admin.connect();
  for (const name of created.splice(0)) await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}

// The tables a backup holds: derived read models (dashboard_counts) are rebuilt by triggers on restore
// and keep no zero rows, so their row counts may differ while their figures are the same.
const TABLES = schemaTables();

/** Rows per table of every table a backup holds (the Drizzle schema less derived read models). */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ n }] = await database.db.select({ n: count() }).from(table);
    out[getTableName(table)] = Number(n);
  }
  return out;
}

/**
 * Which of `pids` owns the TCP socket bound to local `port` (Linux /proc): how a test tells which
 * server process is behind a PostgreSQL backend (pg_stat_activity.client_port).
 */
export function pidOfLocalPort(port: number, pids: readonly number[]): number | null {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && parseInt(cols[1].split(':')[1], 16) === port) inodes.add(cols[9]);
    }
  }
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return pid;
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return null;
}

/** A progress line: in the test's report, and on stdout at once (visible even when a run is cancelled). */
export function say(t: { diagnostic(m: string): void }, message: string): void {
  t.diagnostic(message);
  console.log(`[reliability] ${message}`);
}
