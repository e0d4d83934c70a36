// Test harness: an app on its own database cloned from the seeded template (see template.ts), a
// movable clock, and clients that sign in as the demo people and carry cookie + CSRF token.
//   const t = await startTestApp();
//   const officer = await t.login('officer');
//   const r = await officer.post('/api/v1/sites', { … });   // r.status, r.body
//   await t.close();
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Database, openPglite, openPostgres } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { orgs, users } from '../db/schema/index.ts';
import { sealOnce } from '../platform/audit/sealer.ts';
import { ManualClock } from '../platform/context.ts';
import { totpCode } from '../platform/auth/totp.ts';
import { eq } from 'drizzle-orm';
import { adminUrl } from './template.ts';
import { TEST_PASSWORD, TEST_SECRET_KEY, TEST_TOTP_SECRET } from './constants.ts';

export { TEST_PASSWORD, TEST_TOTP_SECRET };
export const ADMINS = ['sysadmin', 'secadmin', 'auditor'];

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: string | Buffer;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Send without the CSRF header (to test the CSRF check). */
  noCsrf?: boolean;
}

export class Client {
  constructor(
    private readonly app: FastifyInstance,
    public cookie: string | null = null,
    public csrf: string | null = null,
    public readonly bearer: string | null = null,
  ) {}

  async request<T = any>(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = `anbao_sid=${this.cookie}`;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrf && !opts.noCsrf && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = this.csrf;
    let payload: string | Buffer | undefined;
    if (Buffer.isBuffer(body)) payload = body;
    else if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const r = await this.app.inject({ method: method as 'GET', url, headers, payload });
    const sid = /anbao_sid=([^;]*)/.exec(String(r.headers['set-cookie'] ?? ''));
    if (sid) this.cookie = sid[1] || null;
    const type = String(r.headers['content-type'] ?? '');
    const parsed = type.includes('json') && r.body ? JSON.parse(r.body) : r.rawPayload;
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed && typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: r.statusCode, body: parsed, headers: r.headers, raw: type.includes('json') || type.startsWith('text') ? r.body : r.rawPayload };
  }

  get<T = any>(url: string, opts?: RequestOptions) {
    return this.request<T>('GET', url, undefined, opts);
  }
  post<T = any>(url: string, body?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', url, body ?? {}, opts);
  }
  patch<T = any>(url: string, body: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', url, body, opts);
  }
}

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  database: Database;
  /** A client with no session. */
  anonymous(): Client;
  /** Signs in as a demo person (admins get their TOTP code); throws unless the login succeeds. */
  login(username: string, password?: string): Promise<Client>;
  /** A client using an API token. */
  withToken(token: string): Client;
  orgId(code: string): Promise<string>;
  userId(username: string): Promise<string>;
  /** Seals committed audit entries now (the background sealer is off in tests). */
  seal(): Promise<number>;
  close(): Promise<void>;
}

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  const template = process.env.ANBAO_TEST_TEMPLATE;
  if (url) {
    const name = `anbao_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    if (template) await admin.query(`create database "${name}" template "${template}"`);
    else await admin.query(`create database "${name}"`);
    await admin.end();
    const database = await openPostgres(adminUrl(url, name), 5);
    if (!template) await migrate(database);
    return {
      database,
      drop: async () => {
        const a = new pg.Client({ connectionString: adminUrl(url) });
        await a.connect();
        await a.query(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const database = template ? await openPglite({ loadDataDir: new Blob([readFileSync(template)]) }) : await openPglite({});
  if (!template) await migrate(database);
  return { database, drop: async () => {} };
}

export async function startTestApp(opts: { loginRateLimit?: number } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const clock = new ManualClock(new Date());
  const config = { ...loadConfig({ ANBAO_SECRET_KEY: TEST_SECRET_KEY, DATA_DIR: '.tmp/test-data' }), scheduler: false, serveWeb: false };
  const app = await buildApp(config, { database, clock, logger: false, loginRateLimit: opts.loginRateLimit ?? 100_000, migrate: false });
  const t: TestApp = {
    app,
    clock,
    database,
    anonymous: () => new Client(app),
    async login(username, password = TEST_PASSWORD) {
      const c = new Client(app);
      const body: Record<string, string> = { username, password };
      const [u] = await database.db.select({ totp: users.totpEnabledAt }).from(users).where(eq(users.username, username));
      if (u?.totp) {
        // A TOTP code is accepted once per 30 s step: move the clock to a fresh step.
        clock.advance(30_000);
        body.otp = totpCode(TEST_TOTP_SECRET, clock.now());
      }
      const r = await c.post('/api/v1/auth/login', body);
      if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return c;
    },
    withToken: (token) => new Client(app, null, null, token),
    async orgId(code) {
      const [o] = await database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, code));
      if (!o) throw new Error(`no org ${code}`);
      return o.id;
    },
    async userId(username) {
      const [u] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (!u) throw new Error(`no user ${username}`);
      return u.id;
    },
    seal: () => sealOnce(database.db, () => clock.now()),
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
  return t;
}
