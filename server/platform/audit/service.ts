// The auditor's view of the trail (SEC-04): search within their subtree, verify the chain, make and
// export signed checkpoints, export to Excel. Nobody else can read it; every verification, checkpoint
// and export is itself audited.
import { count, desc, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { auditCheckpoints, auditEvents, orgs } from '../../db/schema/index.ts';
import type { AuditResult } from '../../db/schema/audit.ts';
import { P } from '../access/platform-permissions.ts';
import { iso } from '../access/records.ts';
import { inSubtrees, requireActor, scopePaths } from '../access/scope.ts';
import type { Ctx } from '../context.ts';
import { buildXlsx, type ExportColumn } from '../export/xlsx.ts';
import { conflict, invalidField, notFound, ruleRefused } from '../http/errors.ts';
import { pageOf, type PageParams } from '../http/paging.ts';
import { visibleOrg } from '../orgs/service.ts';
import { sealOnce } from './sealer.ts';
import { checkpointPayload, type Recompute, verifyChain } from './verify.ts';
import { audit } from './writer.ts';
import { auditEventById, auditWhere, exportRows, searchAudit } from './repository.ts';

export const EXPORT_LIMIT = 100_000;

export interface AuditQuery {
  actorId?: string;
  orgId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  result?: AuditResult;
  from?: string;
  to?: string;
  q?: string;
  sort?: string;
}

/**
 * Events that concern no unit (system events, sign-in attempts with an unknown username) cannot be
 * attributed to a branch; they are shown to the auditors of a whole cooperative or union — an auditor
 * whose grant covers a top-level unit, a province union or a county union (cooperative).
 */
async function seesUnattributed(ctx: Ctx, paths: string[]): Promise<boolean> {
  const roots = paths.map((p) => p.split('/').filter(Boolean).at(-1)!).filter(Boolean);
  if (!roots.length) return false;
  const rs = await ctx.tx.select({ kind: orgs.kind, depth: orgs.depth }).from(orgs).where(inArray(orgs.id, roots));
  return rs.some((o) => o.depth === 1 || o.kind === 'province_union' || o.kind === 'county_union');
}

async function whereFor(ctx: Ctx, q: AuditQuery) {
  const paths = scopePaths(requireActor(ctx), P.audit.read);
  const withinPath = q.orgId ? (await visibleOrg(ctx, q.orgId, P.audit.read)).path : undefined;
  return auditWhere(
    {
      scope: inSubtrees(auditEvents.orgId, paths),
      includeUnscoped: !withinPath && (await seesUnattributed(ctx, paths)),
      withinPath,
      actorId: q.actorId,
      action: q.action,
      targetType: q.targetType,
      targetId: q.targetId,
      result: q.result,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      q: q.q,
    },
    (path) => inSubtrees(auditEvents.orgId, [path]),
  );
}

type EventRow = Awaited<ReturnType<typeof searchAudit>>['items'][number];

function present(r: EventRow) {
  const e = r.e;
  return {
    id: e.id,
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    tokenId: e.tokenId,
    orgId: e.orgId,
    orgName: r.orgName,
    ip: e.ip,
    userAgent: e.userAgent,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    result: e.result,
    changes: e.changes as Record<string, unknown[]> | null,
    detail: e.detail,
    requestId: e.requestId,
    hash: e.hash,
    sealedAt: iso(e.sealedAt),
  };
}

export async function search(ctx: Ctx, q: AuditQuery, p: PageParams) {
  // The trail is read in time order only; any other sort is refused like on every list (DESIGN §5).
  if (q.sort && !['occurredAt', '-occurredAt'].includes(q.sort)) throw invalidField('sort', 'V_ENUM', { allowed: 'occurredAt, -occurredAt' });
  const r = await searchAudit(ctx.tx, await whereFor(ctx, q), p, q.sort === 'occurredAt');
  return pageOf(r.items.map(present), r.total, p);
}

export async function get(ctx: Ctx, id: number) {
  const r = await auditEventById(ctx.tx, id, await whereFor(ctx, {}));
  if (!r) {
    // An entry of a unit outside the auditor's subtree is "not found" too, and the refusal is audited (SEC-02).
    const [other] = await ctx.tx.select({ orgId: auditEvents.orgId }).from(auditEvents).where(eq(auditEvents.id, id));
    throw notFound('AUDIT_EVENT_NOT_FOUND', other ? { action: P.audit.read, targetType: 'audit_event', targetId: String(id), orgId: other.orgId, reason: 'out of scope' } : undefined);
  }
  return present(r);
}

/**
 * Seals what is committed, then walks the whole chain. Runs outside any request transaction (on
 * PGlite there is one connection, so it must not be held meanwhile); recordVerification audits it.
 */
export async function runVerification(app: Ctx['app'], recompute: Recompute = 'database') {
  await sealOnce(app.db, () => app.clock.now());
  return verifyChain(app.db, { recompute });
}

export async function recordVerification(ctx: Ctx, result: Awaited<ReturnType<typeof verifyChain>>) {
  await audit(ctx, { action: 'audit.verify', targetType: 'audit_chain', result: result.ok ? 'success' : 'failure', detail: { checked: result.checked, headSeq: result.headSeq, firstBroken: result.firstBroken, unsealed: result.unsealed.count, recompute: result.recompute, recomputedInApp: result.recomputedInApp, canonicalColumn: result.canonicalColumn } });
  return result;
}

function presentCheckpoint(c: typeof auditCheckpoints.$inferSelect) {
  return { ...c, createdAt: c.createdAt.toISOString(), payload: checkpointPayload(c.seq, c.hash, c.createdAt) };
}

/**
 * Signs the current chain head (Ed25519, key derived from ANBAO_SECRET_KEY) so it can be proven later.
 * Call sealOnce first, outside the transaction.
 */
export async function createCheckpoint(ctx: Ctx) {
  const [head] = await ctx.tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).where(sql`${auditEvents.seq} is not null`).orderBy(desc(auditEvents.seq)).limit(1);
  if (!head?.seq || !head.hash) throw conflict('AUDIT_CHAIN_EMPTY');
  const createdAt = ctx.app.clock.now();
  const [c] = await ctx.tx
    .insert(auditCheckpoints)
    .values({ id: randomUUID(), seq: head.seq, hash: head.hash, createdAt, createdBy: ctx.actor?.userId ?? null, publicKey: ctx.app.keys.publicKeyPem, signature: ctx.app.keys.sign(checkpointPayload(head.seq, head.hash, createdAt)) })
    .returning();
  await audit(ctx, { action: 'audit.checkpoint', targetType: 'audit_checkpoint', targetId: c.id, targetLabel: `seq ${c.seq}`, orgId: null, detail: { seq: c.seq, hash: c.hash } });
  return presentCheckpoint(c);
}

export async function listCheckpoints(ctx: Ctx) {
  return (await ctx.tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.createdAt)).limit(200)).map(presentCheckpoint);
}

export async function exportCheckpoint(ctx: Ctx, id: string) {
  const [c] = await ctx.tx.select().from(auditCheckpoints).where(eq(auditCheckpoints.id, id));
  if (!c) throw notFound('CHECKPOINT_NOT_FOUND');
  await audit(ctx, { action: 'audit.checkpoint.export', targetType: 'audit_checkpoint', targetId: id, targetLabel: `seq ${c.seq}`, orgId: null });
  return {
    format: 'anbao-audit-checkpoint/1',
    ...presentCheckpoint(c),
    howToVerify: 'Ed25519: verify `signature` (base64) over the UTF-8 bytes of `payload` with `publicKey` (PEM); then `anbao verify-audit` must report the entry at `seq` with this `hash`.',
  };
}

const COLUMNS: ExportColumn<EventRow>[] = [
  { key: 'seq', zh: '链序号', en: 'Seq', width: 10, value: (r) => r.e.seq },
  { key: 'time', zh: '时间', en: 'Time', width: 20, value: (r) => r.e.occurredAt },
  { key: 'actor', zh: '操作人', en: 'Actor', value: (r) => r.e.actorName ?? r.e.actorType },
  { key: 'org', zh: '机构', en: 'Unit', value: (r) => r.orgName },
  { key: 'action', zh: '操作', en: 'Action', width: 24, value: (r) => r.e.action },
  { key: 'targetType', zh: '对象类型', en: 'Target type', value: (r) => r.e.targetType },
  { key: 'target', zh: '对象', en: 'Target', width: 28, value: (r) => r.e.targetLabel ?? r.e.targetId },
  { key: 'result', zh: '结果', en: 'Result', width: 10, value: (r) => r.e.result },
  { key: 'ip', zh: 'IP 地址', en: 'IP', value: (r) => r.e.ip },
  { key: 'changes', zh: '变更内容', en: 'Changes', width: 50, value: (r) => (r.e.changes ? JSON.stringify(r.e.changes) : null) },
  { key: 'detail', zh: '详情', en: 'Detail', width: 40, value: (r) => (r.e.detail ? JSON.stringify(r.e.detail) : null) },
  { key: 'hash', zh: '哈希', en: 'Hash', width: 66, value: (r) => r.e.hash },
];

export async function exportXlsx(ctx: Ctx, q: AuditQuery) {
  const where = await whereFor(ctx, q);
  const [{ n }] = await ctx.tx.select({ n: count() }).from(auditEvents).where(where);
  if (Number(n) > EXPORT_LIMIT) throw ruleRefused('EXPORT_TOO_LARGE', { limit: EXPORT_LIMIT });
  const rowsOut = await exportRows(ctx.tx, where, EXPORT_LIMIT);
  await audit(ctx, { action: 'audit.export', targetType: 'audit_events', targetLabel: `${rowsOut.length} entries`, detail: { filter: q, rows: rowsOut.length } });
  return buildXlsx({ zh: '审计日志', en: 'Audit trail' }, COLUMNS, rowsOut, ctx.lang, ctx.app.config.timeZone);
}
