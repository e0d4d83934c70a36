// What every service receives. AppContext lives as long as the process; Ctx lives for one request
// (or one background job) and carries the transaction, the actor and the language.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db, Executor } from '../db/client.ts';
import type { auditEvents } from '../db/schema/index.ts';
import type { KeyRing } from './crypto/keyring.ts';
import type { Lang } from './http/i18n.ts';

/** Injectable clock: tests move time; everything that reads "now" reads it from here. */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private t: Date = new Date()) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  set(t: Date): void {
    this.t = new Date(t.getTime());
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  keys: KeyRing;
  log: FastifyBaseLogger;
  /** Ask the audit sealer to run soon (called after commits that appended entries). */
  kickSealer(): void;
}

export interface ActorGrant {
  grantId: string;
  roleCode: string;
  orgId: string;
  /** Materialised path of the granted subtree root. */
  path: string;
  permissions: ReadonlySet<string>;
}

export interface Actor {
  kind: 'user' | 'token';
  userId: string;
  username: string;
  name: string;
  orgId: string;
  orgPath: string;
  sessionId?: string;
  tokenId?: string;
  grants: ActorGrant[];
}

export interface Ctx {
  app: AppContext;
  tx: Executor;
  actor: Actor | null;
  lang: Lang;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  now: Date;
  /**
   * The database snapshot the request saw after it arrived (authenticate.ts), for reads on the shared
   * pool: a shared read started under the same snapshot may be joined (platform/coalesce.ts).
   */
  snapshot?: string;
  /** Runs after the transaction commits (never on rollback). */
  afterCommit(fn: () => void): void;
  /**
   * Audit entries held until the write's transaction ends, then appended in one statement (write()
   * sets it and flushes it before commit; without it, audit() appends at once). Never shared with
   * work under a savepoint that may roll back: its entries would outlive it.
   */
  auditBuffer?: Array<typeof auditEvents.$inferInsert>;
}

/** A context for work that no request started (CLI, scheduler); the actor is the system. */
export function systemCtx(app: AppContext, tx: Executor = app.db, afterCommit: (fn: () => void) => void = (fn) => fn()): Ctx {
  return { app, tx, actor: null, lang: 'zh-CN', ip: null, userAgent: null, requestId: null, now: app.clock.now(), afterCommit };
}

/** Run fn in one transaction with a system context; afterCommit callbacks fire once it commits. */
export async function inSystemTx<T>(app: AppContext, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const after: Array<() => void> = [];
  const out = await app.db.transaction((tx) => fn(systemCtx(app, tx, (f) => after.push(f))));
  for (const f of after) f();
  return out;
}
