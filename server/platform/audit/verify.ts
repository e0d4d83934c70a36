// Walks the chain in seq order and names the first broken entry (SEC-04): a changed entry (hash
// mismatch), a removed or reordered one (seq gap, prev_hash mismatch), or a checkpoint the chain no
// longer matches (a cut-off tail). Also reports entries not yet sealed and how old the oldest is.
//
// Two ways to recompute the hashes:
// - 'database' (the default): the chain is cut into ranges of RANGE entries and each range is checked
//   by one statement — the database assembles every entry's canonical JSON (changes/detail already
//   hold theirs, schema/audit.ts), hashes it with pg_catalog.sha256 and compares it and the link to the
//   previous entry with what is stored. Only a yes/no per range travels, and two ranges run at once.
//   A range it does not clear is walked again in Anbao, entry by entry, and that walk alone decides and
//   names the break: the database's recomputation can only clear a range, never condemn one. It clears
//   an entry only when the bytes it assembled hash to the stored hash, and it assembles them from the
//   stored values with injective encodings (JSON string escaping, the canonical json text as stored),
//   so what it accepts Anbao's own recomputation accepts too.
// - 'app' (`anbao verify-audit --in-app`): every entry is read and hashed in Anbao. It does not rely on
//   the database's functions — for a check that must not trust whoever administers the database.
import { asc, count, eq, inArray, isNull, max, min, sql } from 'drizzle-orm';
import { type Executor, rows } from '../../db/client.ts';
import { auditCheckpoints, auditEvents } from '../../db/schema/index.ts';
import { KeyRing } from '../crypto/keyring.ts';
import { type AuditRow, chainHash, GENESIS_HASH } from './chain.ts';
import type { RECOMPUTE_WAYS } from './schema.ts';

export type BreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'checkpoint_mismatch' | 'checkpoint_signature';
export type Recompute = (typeof RECOMPUTE_WAYS)[number];

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  firstBroken: null | { seq: number; id: number | null; reason: BreakReason; occurredAt: string | null; action: string | null };
  unsealed: { count: number; oldestAt: string | null };
  checkpoints: number;
  durationMs: number;
  recompute: Recompute;
  /** Entries hashed in Anbao: all of them with 'app'; with 'database', those of ranges it did not clear. */
  recomputedInApp: number;
}

/** Entries per range the database checks in one statement. */
const RANGE = 5000;
/** Ranges checked at once (each on its own connection on PostgreSQL; PGlite runs them in turn). */
const PARALLEL = 2;
/** Rows per read when walking in Anbao. */
const BATCH = 5000;

type Broken = NonNullable<VerifyResult['firstBroken']>;
type RawAudit = Record<keyof AuditRow, unknown>;

/**
 * Entries in (afterSeq, uptoSeq], in seq order, read as plain rows (no per-row mapping by the ORM,
 * which cost more than hashing) and typed the way the ORM types them: int8 as number, timestamps as
 * Date, json parsed.
 */
async function readBatch(ex: Executor, afterSeq: number, uptoSeq: number, limit = BATCH): Promise<AuditRow[]> {
  const raw = await rows<RawAudit>(
    ex,
    sql`select id, occurred_at as "occurredAt", actor_type as "actorType", actor_id as "actorId", actor_name as "actorName", token_id as "tokenId",
          org_id as "orgId", ip, user_agent as "userAgent", action, target_type as "targetType", target_id as "targetId", target_label as "targetLabel",
          result, changes, detail, request_id as "requestId", seq, prev_hash as "prevHash", hash
        from audit_events where seq > ${afterSeq} and seq <= ${uptoSeq} order by seq limit ${limit}`,
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

/** A time JavaScript cannot write (infinity, or beyond year 275760) exists only if someone wrote it behind the trigger. */
const isoOrNull = (d: Date | undefined) => (d && !Number.isNaN(d.getTime()) ? d.toISOString() : null);

const brokenAt = (e: AuditRow | null, seq: number, reason: BreakReason): Broken => ({ seq, id: e?.id ?? null, reason, occurredAt: isoOrNull(e?.occurredAt), action: e?.action ?? null });

/** The entry's hash, or null when its values cannot be written canonically (such an entry was changed). */
function hashOrNull(prev: string, e: AuditRow, seq: number): string | null {
  if (Number.isNaN(e.occurredAt.getTime())) return null;
  return chainHash(prev, e, seq);
}

/**
 * Walks (afterSeq, uptoSeq] in Anbao from `prev`, the hash of entry afterSeq: every entry read, its
 * place and link checked and its hash recomputed here.
 */
async function walkInApp(ex: Executor, afterSeq: number, uptoSeq: number, prev: string, onProgress?: (walked: number) => void) {
  let expectedSeq = afterSeq + 1;
  let walked = 0;
  // The next batch is already being read while this one is hashed (the database works beside us).
  let next = readBatch(ex, afterSeq, uptoSeq);
  for (;;) {
    const batch = await next;
    if (batch.length === BATCH) {
      next = readBatch(ex, batch[batch.length - 1].seq!, uptoSeq);
      next.catch(() => undefined); // a read still in flight when a break is found must not go unhandled
    }
    for (const e of batch) {
      const seq = e.seq!;
      if (seq !== expectedSeq) return { broken: brokenAt(e, expectedSeq, 'seq_gap'), walked, prev };
      if (e.prevHash !== prev) return { broken: brokenAt(e, seq, 'prev_hash_mismatch'), walked, prev };
      const h = hashOrNull(prev, e, seq);
      if (h === null || h !== e.hash) return { broken: brokenAt(e, seq, 'hash_mismatch'), walked, prev };
      prev = h;
      expectedSeq++;
      walked++;
    }
    onProgress?.(walked);
    if (batch.length < BATCH) break;
  }
  // Entries missing at the end of the range: named by the first entry after the gap, as a walk of
  // the whole chain would (there is one: the range ends at or before the head).
  if (expectedSeq <= uptoSeq) {
    const [after] = await readBatch(ex, expectedSeq - 1, Number.MAX_SAFE_INTEGER, 1);
    return { broken: brokenAt(after ?? null, expectedSeq, 'seq_gap'), walked, prev };
  }
  return { broken: null, walked, prev };
}

/** An entry's canonical JSON assembled in SQL: the same bytes as canonicalJson in chain.ts. */
const CANONICAL = sql.raw(`'{"action":' || to_json(action)::text || ',"actorId":' || coalesce('"' || actor_id || '"', 'null')
  || ',"actorName":' || coalesce(to_json(actor_name)::text, 'null') || ',"actorType":' || to_json(actor_type)::text
  || ',"changes":' || coalesce(changes::text, 'null') || ',"detail":' || coalesce(detail::text, 'null') || ',"id":' || id
  || ',"ip":' || coalesce(to_json(ip)::text, 'null')
  || ',"occurredAt":"' || to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
  || ',"orgId":' || coalesce('"' || org_id || '"', 'null') || ',"requestId":' || coalesce(to_json(request_id)::text, 'null')
  || ',"result":' || to_json(result)::text || ',"seq":' || seq
  || ',"targetId":' || coalesce(to_json(target_id)::text, 'null') || ',"targetLabel":' || coalesce(to_json(target_label)::text, 'null')
  || ',"targetType":' || coalesce(to_json(target_type)::text, 'null') || ',"tokenId":' || coalesce('"' || token_id || '"', 'null')
  || ',"userAgent":' || coalesce(to_json(user_agent)::text, 'null') || '}'`);

/**
 * Whether the database clears (afterSeq, uptoSeq]: every entry present, each linked to the stored hash
 * of the one before it, and each stored hash equal to SHA-256 of its prev_hash and canonical JSON.
 */
async function clearedByDatabase(ex: Executor, afterSeq: number, uptoSeq: number): Promise<boolean> {
  const start = afterSeq === 0 ? sql`${GENESIS_HASH}::text` : sql`(select hash from audit_events where seq = ${afterSeq})`;
  const [r] = await rows<{ n: number; ok: boolean }>(
    ex,
    sql`with r as (
          select hash, prev_hash, lag(hash) over (order by seq) as before,
                 pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(prev_hash || ${CANONICAL}, 'UTF8')), 'hex') as computed
            from audit_events where seq > ${afterSeq} and seq <= ${uptoSeq})
        select count(*)::int as n, coalesce(bool_and(coalesce(computed = hash and prev_hash = coalesce(before, ${start}), false)), true) as ok from r`,
  );
  return r.n === uptoSeq - afterSeq && r.ok;
}

/** The stored hash of entry `seq` (the genesis hash before the first). */
async function storedHash(ex: Executor, seq: number): Promise<string> {
  if (seq === 0) return GENESIS_HASH;
  const [r] = await ex.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.seq, seq));
  return r?.hash ?? GENESIS_HASH;
}

export interface VerifyOptions {
  onProgress?: (checked: number) => void;
  recompute?: Recompute;
  /** Entries per range ('database'); tests use small ranges to put breaks on their edges. */
  range?: number;
}

export async function verifyChain(ex: Executor, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const started = Date.now();
  const recompute = opts.recompute ?? 'database';
  const checkpoints = await ex.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq));
  // The chain as it stands now: entries sealed while we verify are left for the next run.
  const [h] = await ex.select({ head: max(auditEvents.seq) }).from(auditEvents);
  const head = Number(h.head ?? 0);
  let checked = 0;
  let prev = GENESIS_HASH;
  let firstBroken: Broken | null = null;
  let recomputedInApp = 0;

  if (recompute === 'app') {
    const w = await walkInApp(ex, 0, head, GENESIS_HASH, opts.onProgress);
    ({ prev, broken: firstBroken } = w);
    checked = recomputedInApp = w.walked;
  } else {
    const ranges: [number, number][] = [];
    const size = opts.range ?? RANGE;
    for (let a = 0; a < head; a += size) ranges.push([a, Math.min(a + size, head)]);
    const inFlight: Promise<boolean>[] = [];
    const launch = (i: number) => {
      if (i >= ranges.length) return;
      const p = clearedByDatabase(ex, ...ranges[i]);
      p.catch(() => undefined); // may still be in flight when a break ends the walk
      inFlight.push(p);
    };
    for (let i = 0; i < PARALLEL; i++) launch(i);
    for (let i = 0; i < ranges.length; i++) {
      const cleared = await inFlight[i];
      launch(i + PARALLEL);
      const [a, b] = ranges[i];
      if (cleared) {
        checked += b - a;
      } else {
        // Every range before this one is intact, so the stored hash at `a` is the recomputed one.
        const w = await walkInApp(ex, a, b, await storedHash(ex, a));
        recomputedInApp += w.walked;
        checked += w.walked;
        if (w.broken) {
          firstBroken = w.broken;
          prev = w.prev;
          break;
        }
      }
      opts.onProgress?.(checked);
    }
    if (!firstBroken && head > 0) prev = await storedHash(ex, head);
  }

  if (!firstBroken && checkpoints.length) {
    // Every entry up to the head is intact, so its stored hash is the recomputed one.
    const seqs = checkpoints.map((c) => c.seq).filter((s) => s <= head);
    const found = seqs.length ? await ex.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).where(inArray(auditEvents.seq, seqs)) : [];
    const hashAt = new Map(found.map((r) => [Number(r.seq), r.hash]));
    for (const c of checkpoints) {
      if (!KeyRing.verifySignature(c.publicKey, checkpointPayload(c.seq, c.hash, c.createdAt), c.signature)) {
        firstBroken = brokenAt(null, c.seq, 'checkpoint_signature');
        break;
      }
      if (hashAt.get(c.seq) !== c.hash) {
        firstBroken = brokenAt(null, c.seq, 'checkpoint_mismatch');
        break;
      }
    }
  }

  const [u] = await ex.select({ n: count(), oldest: min(auditEvents.occurredAt) }).from(auditEvents).where(isNull(auditEvents.seq));
  return {
    ok: !firstBroken,
    checked,
    headSeq: checked,
    headHash: prev,
    firstBroken,
    unsealed: { count: Number(u.n), oldestAt: u.oldest ? new Date(u.oldest).toISOString() : null },
    checkpoints: checkpoints.length,
    durationMs: Date.now() - started,
    recompute,
    recomputedInApp,
  };
}

/** The exact bytes a checkpoint signs. */
export function checkpointPayload(seq: number, hash: string, createdAt: Date): string {
  return `anbao-audit-checkpoint\nseq=${seq}\nhash=${hash}\ncreatedAt=${createdAt.toISOString()}`;
}
