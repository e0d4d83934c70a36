// Seals committed audit entries into the chain, in the order the sealer sees them committed
// (DESIGN §4). Business transactions only insert; they never wait on a chain-wide lock. One sealer
// at a time across all instances holds a transaction-scoped advisory lock; a batch is all or nothing.
import { asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.ts';
import { auditEntryColumns, auditEvents } from '../../db/schema/index.ts';
import { type AuditRow, chainHash, GENESIS_HASH } from './chain.ts';

export const SEAL_LOCK = 7_240_002;
const BATCH = 2000;

/** Seals up to `max` entries; returns how many were sealed (0 if another sealer holds the lock). */
export async function sealOnce(db: Db, now: () => Date, max = 20_000): Promise<number> {
  let total = 0;
  while (total < max) {
    const n = await db.transaction(async (tx) => {
      const [{ locked }] = await rows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as locked`);
      if (!locked) return -1;
      const [head] = await tx
        .select({ seq: auditEvents.seq, hash: auditEvents.hash })
        .from(auditEvents)
        .where(isNotNull(auditEvents.seq))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      const pending: AuditRow[] = await tx.select(auditEntryColumns).from(auditEvents).where(isNull(auditEvents.seq)).orderBy(asc(auditEvents.id)).limit(BATCH);
      if (!pending.length) return 0;
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      const sealedAt = now();
      const values = pending.map((e) => {
        seq += 1;
        const hash = chainHash(prev, e, seq);
        const v = sql`(${e.id}::bigint, ${seq}::bigint, ${prev}, ${hash})`;
        prev = hash;
        return v;
      });
      await tx.execute(sql`
        update audit_events as a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, sealed_at = ${sealedAt}
        from (values ${sql.join(values, sql`, `)}) as v(id, seq, prev_hash, hash)
        where a.id = v.id`);
      return pending.length;
    });
    if (n <= 0) break;
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/**
 * Runs the sealer on a timer and soon after each kick (debounced), never two at once in this process.
 * Returns stop(), which waits for a running seal to finish.
 */
export function startSealer(db: Db, now: () => Date, onError: (e: unknown) => void, intervalMs = 1000) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let kickTimer: NodeJS.Timeout | null = null;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sealOnce(db, now)
      .then(() => undefined)
      .catch(onError)
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    kick() {
      if (stopped || kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        run();
      }, 50);
      kickTimer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
      await running;
    },
  };
}
