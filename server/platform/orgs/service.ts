// The org tree (ORG-01): create, edit, move a subtree, withdraw an empty unit. Structure changes take
// one transaction-scoped lock so two concurrent moves can never make a cycle.
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { orgs } from '../../db/schema/index.ts';
import type { OrgKind } from '../../db/schema/orgs.ts';
import { P } from '../access/platform-permissions.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../access/scope.ts';
import { recordMeta } from '../access/records.ts';
import { audit, diff } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { conflict, forbidden, notFound, ruleRefused } from '../http/errors.ts';
import { pageOf, type PageParams } from '../http/paging.ts';
import { updateVersioned } from '../http/versions.ts';
import { orgActions, parentAllowed } from './policy.ts';
import { findOrg, findOrgByCode, listOrgs, orgTree, type OrgRow, rewriteSubtree } from './repository.ts';
import { runOrgCreated } from './hooks.ts';
import { orgUsage } from './usage.ts';

const TREE_LOCK = 7_240_003;
const FIELDS = ['name', 'shortName', 'code', 'address', 'sortOrder'] as const;

export function presentOrg(ctx: Ctx, o: OrgRow) {
  return {
    id: o.id,
    parentId: o.parentId,
    kind: o.kind,
    name: o.name,
    shortName: o.shortName,
    code: o.code,
    address: o.address,
    sortOrder: o.sortOrder,
    depth: o.depth,
    ...recordMeta(o),
    allowedActions: orgActions(ctx, o),
  };
}

/** A unit the caller may read, else 404 (audited when it exists but lies outside their scope). */
export async function visibleOrg(ctx: Ctx, id: string, perm = P.orgs.read): Promise<OrgRow> {
  const o = await findOrg(ctx.tx, id);
  if (!o) throw notFound('ORG_NOT_FOUND');
  if (!can(requireActor(ctx), perm, o.path) && !can(ctx.actor, P.orgs.read, o.path)) {
    throw notFound('ORG_NOT_FOUND', { action: perm, targetType: 'org', targetId: id, orgId: id, reason: 'out of scope' });
  }
  return o;
}

/** A unit the caller may act on with `perm` (404 outside scope, 403 without the permission there). */
export async function orgFor(ctx: Ctx, id: string, perm: string): Promise<OrgRow> {
  const o = await visibleOrg(ctx, id, perm);
  if (!can(ctx.actor, perm, o.path)) throw forbidden('FORBIDDEN', { action: perm, targetType: 'org', targetId: id, orgId: id, reason: `missing ${perm}` });
  if (o.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  return o;
}

export async function list(ctx: Ctx, q: { parentId?: string; within?: string; kind?: OrgKind; q?: string; includeWithdrawn?: boolean; sort?: string }, p: PageParams) {
  const scope = inSubtrees(orgs.id, scopePaths(requireActor(ctx), P.orgs.read));
  const within = q.within ? (await visibleOrg(ctx, q.within)).path : undefined;
  const r = await listOrgs(ctx.tx, { scope, parentId: q.parentId, withinPath: within, kind: q.kind, q: q.q, includeWithdrawn: q.includeWithdrawn }, p, q.sort);
  return pageOf(r.items.map((o) => presentOrg(ctx, o)), r.total, p);
}

export async function tree(ctx: Ctx, includeWithdrawn: boolean) {
  const scope = inSubtrees(orgs.id, scopePaths(requireActor(ctx), P.orgs.read));
  return (await orgTree(ctx.tx, scope, includeWithdrawn)).map((o) => presentOrg(ctx, o));
}

async function assertCodeFree(ctx: Ctx, code: string, exceptId?: string) {
  const other = await findOrgByCode(ctx.tx, code);
  if (other && other.id !== exceptId) throw conflict('ORG_CODE_TAKEN', { code });
}

function assertParentKind(kind: OrgKind, parent: OrgRow | null) {
  if (!parentAllowed(kind, parent?.kind ?? null)) throw ruleRefused('ORG_PARENT_KIND', { kind, parentKind: parent?.kind ?? '-' }, [{ path: 'parentId', code: 'ORG_PARENT_KIND', params: { kind, parentKind: parent?.kind ?? '-' } }]);
}

export async function create(ctx: Ctx, input: { parentId: string; kind: OrgKind; name: string; shortName?: string | null; code: string; address?: string | null; sortOrder?: number }) {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`);
  const parent = await orgFor(ctx, input.parentId, P.orgs.manage);
  assertParentKind(input.kind, parent);
  await assertCodeFree(ctx, input.code);
  const id = randomUUID();
  const by = ctx.actor!.userId;
  const [o] = await ctx.tx
    .insert(orgs)
    .values({
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      kind: input.kind,
      name: input.name,
      shortName: input.shortName ?? null,
      code: input.code,
      address: input.address ?? null,
      sortOrder: input.sortOrder ?? 0,
      createdAt: ctx.now,
      createdBy: by,
      updatedAt: ctx.now,
      updatedBy: by,
    })
    .returning();
  await audit(ctx, { action: 'orgs.create', targetType: 'org', targetId: id, targetLabel: o.name, orgId: id, changes: diff(null, o, ['parentId', 'kind', ...FIELDS]) });
  await runOrgCreated(ctx, o);
  return presentOrg(ctx, o);
}

export async function update(ctx: Ctx, id: string, patch: Partial<Pick<OrgRow, (typeof FIELDS)[number]>>, version: number) {
  // A new code is checked under the tree lock, like a create: the unique index is case-sensitive,
  // the rule is not, so two concurrent writers could otherwise take "abc" and "ABC".
  if (patch.code !== undefined) await ctx.tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`);
  const before = await orgFor(ctx, id, P.orgs.manage);
  if (patch.code !== undefined) await assertCodeFree(ctx, patch.code, id);
  const after = await updateVersioned(ctx.tx, orgs, id, version, { ...patch, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'orgs.update', targetType: 'org', targetId: id, targetLabel: after.name, orgId: id, changes: diff(before, after, FIELDS) });
  return presentOrg(ctx, after);
}

/** Moves a unit with its whole subtree under another parent (ORG-01). */
export async function move(ctx: Ctx, id: string, parentId: string, version: number) {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`);
  const o = await orgFor(ctx, id, P.orgs.manage);
  if (!o.parentId) throw ruleRefused('ORG_IS_ROOT');
  const parent = await orgFor(ctx, parentId, P.orgs.manage);
  if (parent.path.startsWith(o.path)) throw ruleRefused('ORG_MOVE_INTO_SUBTREE', {}, [{ path: 'parentId', code: 'ORG_MOVE_INTO_SUBTREE' }]);
  assertParentKind(o.kind, parent);
  const moved = await updateVersioned(ctx.tx, orgs, id, version, { parentId: parent.id, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  const newPath = `${parent.path}${id}/`;
  await rewriteSubtree(ctx.tx, o.path, newPath, parent.depth + 1 - o.depth);
  await audit(ctx, {
    action: 'orgs.move',
    targetType: 'org',
    targetId: id,
    targetLabel: o.name,
    orgId: id,
    changes: { parentId: [o.parentId, parent.id] },
    detail: { fromParent: o.parentId, toParent: parent.id, toParentName: parent.name },
  });
  return presentOrg(ctx, { ...moved, path: newPath, depth: parent.depth + 1 });
}

/** Withdraws an empty unit; anything still in it is listed in the refusal (ORG-01, SEC-05). */
export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`);
  const o = await orgFor(ctx, id, P.orgs.manage);
  if (!o.parentId) throw ruleRefused('ORG_IS_ROOT');
  const usage = await orgUsage(ctx.tx, id);
  if (usage.length) {
    const zh = usage.map((u) => `${u.zh} ${u.n} 项`).join('、');
    const en = usage.map((u) => `${u.n} ${u.en}`).join(', ');
    throw ruleRefused('ORG_NOT_EMPTY', { summary: ctx.lang === 'en' ? en : zh, blocking: usage.map((u) => ({ key: u.key, count: u.n })) });
  }
  const after = await updateVersioned(ctx.tx, orgs, id, version ?? o.version, {
    withdrawnAt: ctx.now,
    withdrawnBy: ctx.actor!.userId,
    withdrawnReason: reason,
    updatedAt: ctx.now,
    updatedBy: ctx.actor!.userId,
  });
  await audit(ctx, { action: 'orgs.withdraw', targetType: 'org', targetId: id, targetLabel: o.name, orgId: id, detail: { reason } });
  return presentOrg(ctx, after);
}
