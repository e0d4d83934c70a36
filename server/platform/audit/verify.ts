// Walks the chain in seq order and names the first broken entry (SEC-04): a changed entry (hash
// mismatch), a removed or reordered one (seq gap, prev_hash mismatch), or a checkpoint the chain no
// longer matches (a cut-off tail). Also reports entries not yet sealed and how old the oldest is.
import { asc, count, isNull, min, sql } from 'drizzle-orm';
import { type Executor, rows } from '../../db/client.ts';
import { auditCheckpoints, auditEvents } from '../../db/schema/index.ts';
import { KeyRing } from '../crypto/keyring.ts';
import { type AuditRow, chainHash, GENESIS_HASH } from './chain.ts';

export type BreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'checkpoint_mismatch' | 'checkpoint_signature';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  firstBroken: null | { seq: number; id: number | null; reason: BreakReason; occurredAt: string | null; action: string | null };
  unsealed: { count: number; oldestAt: string | null };
  checkpoints: number;
  durationMs: number;
}

const BATCH = 5000;

type RawAudit = Record<keyof AuditRow, unknown>;

/**
 * Entries after `afterSeq`, in seq order, read as plain rows (no per-row mapping by the ORM, which
 * cost more than hashing) and typed the way the ORM types them: int8 as number, timestamps as Date,
 * jsonb parsed.
 */
async function readBatch(ex: Executor, afterSeq: number): Promise<AuditRow[]> {
  const raw = await rows<RawAudit>(
    ex,
    sql`select id, occurred_at as "occurredAt", actor_type as "actorType", actor_id as "actorId", actor_name as "actorName", token_id as "tokenId",
          org_id as "orgId", ip, user_agent as "userAgent", action, target_type as "targetType", target_id as "targetId", target_label as "targetLabel",
          result, changes, detail, request_id as "requestId", seq, prev_hash as "prevHash", hash
        from audit_events where seq > ${afterSeq} order by seq limit ${BATCH}`,
  );
  return raw.map((r) => ({
    ...(r as AuditRow),
    id: Number(r.id),
    seq: Number(r.seq),
    occurredAt: r.occurredAt instanceof Date ? r.occurredAt : new Date(String(r.occurredAt)),
    changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : (r.changes as AuditRow['changes']),
    detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : (r.detail as AuditRow['detail']),
    sealedAt: null,
  }));
}

export async function verifyChain(ex: Executor, opts: { onProgress?: (checked: number) => void } = {}): Promise<VerifyResult> {
  const started = Date.now();
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  let firstBroken: VerifyResult['firstBroken'] = null;
  const hashAt = new Map<number, string>();
  const checkpoints = await ex.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq));
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const broken = (e: AuditRow | null, seq: number, reason: BreakReason) => {
    firstBroken = { seq, id: e?.id ?? null, reason, occurredAt: e?.occurredAt.toISOString() ?? null, action: e?.action ?? null };
  };

  // The next batch is already being read while this one is hashed (the database works beside us).
  let next = readBatch(ex, 0);
  outer: for (;;) {
    const batch = await next;
    if (batch.length === BATCH) {
      next = readBatch(ex, batch[batch.length - 1].seq!);
      next.catch(() => undefined); // a read still in flight when a break is found must not go unhandled
    }
    for (const e of batch) {
      const seq = e.seq!;
      if (seq !== expectedSeq) {
        broken(e, expectedSeq, 'seq_gap');
        break outer;
      }
      if (e.prevHash !== prev) {
        broken(e, seq, 'prev_hash_mismatch');
        break outer;
      }
      const h = chainHash(prev, e, seq);
      if (h !== e.hash) {
        broken(e, seq, 'hash_mismatch');
        break outer;
      }
      if (wanted.has(seq)) hashAt.set(seq, h);
      prev = h;
      expectedSeq++;
      checked++;
    }
    opts.onProgress?.(checked);
    if (batch.length < BATCH) break;
  }

  if (!firstBroken) {
    for (const c of checkpoints) {
      if (!KeyRing.verifySignature(c.publicKey, checkpointPayload(c.seq, c.hash, c.createdAt), c.signature)) {
        broken(null, c.seq, 'checkpoint_signature');
        break;
      }
      if (hashAt.get(c.seq) !== c.hash) {
        broken(null, c.seq, 'checkpoint_mismatch');
        break;
      }
    }
  }

  const [u] = await ex.select({ n: count(), oldest: min(auditEvents.occurredAt) }).from(auditEvents).where(isNull(auditEvents.seq));
  return {
    ok: !firstBroken,
    checked,
    headSeq: expectedSeq - 1,
    headHash: prev,
    firstBroken,
    unsealed: { count: Number(u.n), oldestAt: u.oldest ? new Date(u.oldest).toISOString() : null },
    checkpoints: checkpoints.length,
    durationMs: Date.now() - started,
  };
}

/** The exact bytes a checkpoint signs. */
export function checkpointPayload(seq: number, hash: string, createdAt: Date): string {
  return `anbao-audit-checkpoint\nseq=${seq}\nhash=${hash}\ncreatedAt=${createdAt.toISOString()}`;
}
