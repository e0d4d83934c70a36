// The delivery worker: sends what notify() queued in the outbox (notification_deliveries).
//  1. claim — a short transaction takes due rows with FOR UPDATE SKIP LOCKED, so several instances
//     never take the same row, and marks them 'sending' for CLAIM_MS (a crashed instance's claims
//     expire and are taken again);
//  2. send — outside any transaction: PGlite has one connection, and no lock may be held while
//     waiting on a mail server or a webhook;
//  3. record — another short statement: sent, or back to pending with back-off, or failed after
//     MAX_ATTEMPTS. A stale worker (its claim expired and another took the row) changes nothing.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rows } from '../../db/client.ts';
import { notificationChannels, notificationDeliveries } from '../../db/schema/index.ts';
import type { ChannelKind } from '../../db/schema/notify.ts';
import type { AppContext } from '../context.ts';
import { startLoop, type Loop } from '../scheduler/loop.ts';
import { decryptConfig } from './channel-config.ts';
import { send, type SendResult } from './senders/index.ts';

export const CLAIM_MS = 2 * 60_000;
/** Wait before attempt 2, 3, 4, 5. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
export const MAX_ATTEMPTS = 5;
export const WORKER_INTERVAL_MS = 5_000;
/** Rows per claim; sent in parallel, so a batch takes at most about one send timeout. */
const BATCH = 10;

interface Claimed {
  id: string;
  channelId: string;
  recipient: string | null;
  subject: string;
  body: string;
  attempts: number;
  isTest: boolean;
}

export interface DeliveryOutcome {
  id: string;
  status: 'sent' | 'pending' | 'failed';
  attempts: number;
  error: string | null;
}

type ChannelRow = Pick<typeof notificationChannels.$inferSelect, 'id' | 'kind' | 'enabled' | 'withdrawnAt' | 'configEnc'>;

async function claim(app: AppContext, now: Date, ids?: readonly string[]): Promise<Array<{ d: Claimed; ch: ChannelRow | undefined }>> {
  return app.db.transaction(async (tx) => {
    const only = ids ? sql` and id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})` : sql``;
    const claimed = await rows<{ id: string; channel_id: string; recipient: string | null; subject: string; body: string; attempts: number; is_test: boolean }>(
      tx,
      sql`update notification_deliveries d
          set status = 'sending', claimed_until = ${new Date(now.getTime() + CLAIM_MS)}, attempts = d.attempts + 1
          where d.id in (
            select id from notification_deliveries
            where ((status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and claimed_until < ${now}))${only}
            order by next_attempt_at, id
            limit ${BATCH}
            for update skip locked)
          returning d.id, d.channel_id, d.recipient, d.subject, d.body, d.attempts, d.is_test`,
    );
    if (!claimed.length) return [];
    const channels = await tx
      .select({ id: notificationChannels.id, kind: notificationChannels.kind, enabled: notificationChannels.enabled, withdrawnAt: notificationChannels.withdrawnAt, configEnc: notificationChannels.configEnc })
      .from(notificationChannels)
      .where(inArray(notificationChannels.id, [...new Set(claimed.map((c) => c.channel_id))]));
    const byId = new Map(channels.map((c) => [c.id, c]));
    return claimed.map((c) => ({
      d: { id: c.id, channelId: c.channel_id, recipient: c.recipient, subject: c.subject, body: c.body, attempts: Number(c.attempts), isTest: !!c.is_test },
      ch: byId.get(c.channel_id),
    }));
  });
}

/** A send's result; `final` when trying again cannot help (the channel is gone or switched off). */
type Attempt = SendResult | { ok: false; error: string; final: true };

async function attempt(app: AppContext, d: Claimed, ch: ChannelRow | undefined, now: Date): Promise<Attempt> {
  // A test message may be sent before the channel is enabled; queued reminders go only through live channels.
  if (!ch || ch.withdrawnAt) return { ok: false, error: 'channel withdrawn', final: true };
  if (!ch.enabled && !d.isTest) return { ok: false, error: 'channel disabled', final: true };
  let config: Record<string, unknown>;
  try {
    config = decryptConfig(app, ch.configEnc);
  } catch (e) {
    return { ok: false, error: `cannot read the channel settings: ${(e as Error).message}` };
  }
  return send(ch.kind as ChannelKind, config, { recipient: d.recipient, subject: d.subject, body: d.body }, now);
}

async function record(app: AppContext, d: Claimed, result: Attempt, now: Date): Promise<DeliveryOutcome> {
  // A test is tried once: the administrator is waiting for its outcome.
  const final = !result.ok && (d.isTest || d.attempts >= MAX_ATTEMPTS || 'final' in result);
  const outcome: DeliveryOutcome = { id: d.id, status: result.ok ? 'sent' : final ? 'failed' : 'pending', attempts: d.attempts, error: result.ok ? null : result.error };
  const set = result.ok
    ? { status: 'sent' as const, sentAt: now, claimedUntil: null, lastError: null }
    : final
      ? { status: 'failed' as const, claimedUntil: null, lastError: outcome.error }
      : { status: 'pending' as const, claimedUntil: null, lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + BACKOFF_MS[Math.min(d.attempts, BACKOFF_MS.length) - 1]) };
  await app.db
    .update(notificationDeliveries)
    .set(set)
    .where(and(eq(notificationDeliveries.id, d.id), eq(notificationDeliveries.status, 'sending'), eq(notificationDeliveries.attempts, d.attempts)));
  return outcome;
}

/**
 * Sends every delivery due at `now` (default: the app clock), batch after batch; with `ids`, only
 * those. Never throws for a failed send: the outcome is recorded and returned.
 */
export async function deliverDue(app: AppContext, now?: Date, opts: { ids?: readonly string[] } = {}): Promise<DeliveryOutcome[]> {
  const at = () => now ?? app.clock.now();
  const out: DeliveryOutcome[] = [];
  for (;;) {
    const batch = await claim(app, at(), opts.ids);
    const results = await Promise.all(
      batch.map(async ({ d, ch }) => {
        const result = await attempt(app, d, ch, at());
        if (!result.ok) app.log.warn({ deliveryId: d.id, channelId: d.channelId, attempt: d.attempts, error: result.error }, 'notification delivery failed');
        return record(app, d, result, at());
      }),
    );
    out.push(...results);
    if (batch.length < BATCH || opts.ids) break;
  }
  return out;
}

const workers = new WeakMap<AppContext, Loop>();

/** Runs deliverDue every few seconds in this instance (buildApp, when the scheduler is on). */
export function startDeliveryWorker(app: AppContext, intervalMs = WORKER_INTERVAL_MS): Loop {
  const loop = startLoop(() => deliverDue(app), { intervalMs, onError: (e) => app.log.error({ err: e }, 'delivery worker failed') });
  workers.set(app, loop);
  return {
    ...loop,
    async stop() {
      workers.delete(app);
      await loop.stop();
    },
  };
}

/** Deliver soon (after a commit that queued deliveries) instead of at the next tick; no-op without a worker. */
export function kickDeliveries(app: AppContext): void {
  workers.get(app)?.kick();
}
