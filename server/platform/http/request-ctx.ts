// Builds the per-request Ctx, and runs writes: one transaction per write request, holding the
// change, its audit entries and (with an Idempotency-Key) the stored first response, so a retry —
// even a concurrent one — gets that response instead of a second record (DESIGN §5).
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { idempotencyKeys } from '../../db/schema/index.ts';
import { flushAudit } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { AppError, badRequest } from './errors.ts';

export function requestCtx(req: FastifyRequest, tx: Executor = req.server.anbao.db, after?: Array<() => void>, auditBuffer?: Ctx['auditBuffer']): Ctx {
  const app = req.server.anbao;
  return {
    app,
    tx,
    actor: req.actor ?? null,
    lang: req.lang ?? 'zh-CN',
    ip: req.ip ?? null,
    userAgent: (req.headers['user-agent'] as string | undefined) ?? null,
    requestId: String(req.id),
    now: app.clock.now(),
    // Only reads on the shared pool may use it; inside a transaction the reads see its own writes.
    snapshot: tx === app.db ? (req.dbSnapshot ?? undefined) : undefined,
    afterCommit: (fn) => (after ? after.push(fn) : fn()),
    auditBuffer,
  };
}

const KEY = /^[\x21-\x7e]{1,100}$/;

function redacted(value: unknown, fields: string[] = []): unknown {
  const copy = JSON.parse(JSON.stringify(value ?? null));
  if (copy && typeof copy === 'object') for (const f of fields) if (f in copy) copy[f] = null;
  return copy;
}

/**
 * Runs fn in one transaction. `status` is the success code (201 for creates). `redact` names
 * top-level response fields that hold a secret shown once (a token, a one-time password): the stored
 * copy for idempotent replay has them emptied, so no secret is kept in clear.
 */
type StoredRefusal = { status: number; code: string; params: Record<string, unknown>; details: AppError['details'] };

/** A service's `{ refused: AppError }` result: the change committed, and the route answers with the error. */
function refusalOf(v: unknown): AppError | null {
  return v && typeof v === 'object' && 'refused' in v && v.refused instanceof AppError ? v.refused : null;
}

/**
 * The response is what `fn` returns, built inside the transaction: a service that takes a document
 * number assembles its answer from what it wrote rather than reading it back (the number's row stays
 * locked until commit). The write's audit entries are appended in one statement before the commit.
 */
export async function write<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx) => Promise<T>,
  opts: { status?: number; redact?: string[] } = {},
): Promise<T> {
  const db = req.server.anbao.db;
  const status = opts.status ?? 200;
  const after: Array<() => void> = [];
  const rawKey = req.headers['idempotency-key'];
  if (rawKey === undefined) {
    const value = await db.transaction(async (tx) => {
      const ctx = requestCtx(req, tx, after, []);
      const done = await fn(ctx);
      await flushAudit(ctx);
      return done;
    });
    for (const f of after) f();
    reply.code(status);
    return value;
  }
  if (typeof rawKey !== 'string' || !KEY.test(rawKey)) throw badRequest('IDEMPOTENCY_KEY_INVALID');
  const principal = req.actor ? (req.actor.tokenId ? `token:${req.actor.tokenId}` : `user:${req.actor.userId}`) : `ip:${req.ip}`;
  const route = req.routeOptions.url ?? req.url;
  const requestHash = createHash('sha256')
    .update(`${req.method} ${route}\n${JSON.stringify(req.params ?? {})}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
  const outcome = await db.transaction(async (tx) => {
    // A concurrent retry blocks here until the first commits (then replays) or rolls back (then runs).
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ principal, key: rawKey, method: req.method, route, requestHash, createdAt: req.server.anbao.clock.now() })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!claimed.length) {
      const [prior] = await tx.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, rawKey)));
      if (!prior || prior.requestHash !== requestHash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
      const stored = (prior.response as { refused?: StoredRefusal } | null)?.refused;
      if (stored) return { replay: true as const, status: stored.status, value: { refused: new AppError(stored.status, stored.code, stored.params, stored.details) } as T };
      return { replay: true as const, status: prior.statusCode ?? status, value: prior.response as T };
    }
    const ctx = requestCtx(req, tx, after, []);
    const value = await fn(ctx);
    await flushAudit(ctx);
    // A refusal that must still be recorded (a wrong current password counts towards the lock, SEC-01)
    // commits and is thrown by the route: a retry with the same key replays the refusal, not a 200.
    const refused = refusalOf(value);
    await tx
      .update(idempotencyKeys)
      .set(refused ? { statusCode: refused.status, response: { refused: { status: refused.status, code: refused.code, params: refused.params, details: refused.details } } } : { statusCode: status, response: redacted(value, opts.redact) })
      .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, rawKey)));
    return { replay: false as const, status, value };
  });
  for (const f of after) f();
  if (outcome.replay) reply.header('idempotent-replayed', 'true');
  reply.code(outcome.status);
  return outcome.value;
}
