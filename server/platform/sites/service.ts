// Sites inside units (ORG-01): vault, machine room, monitoring room, ATM, business hall, dormitory.
import { randomUUID } from 'node:crypto';
import { sites } from '../../db/schema/index.ts';
import type { SiteKind } from '../../db/schema/orgs.ts';
import { P } from '../access/platform-permissions.ts';
import { loadScoped, recordMeta } from '../access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../access/scope.ts';
import { audit, diff } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { conflict, forbidden } from '../http/errors.ts';
import { pageOf, type PageParams } from '../http/paging.ts';
import { updateVersioned } from '../http/versions.ts';
import { orgFor, visibleOrg } from '../orgs/service.ts';
import { registerAttachmentOwner } from '../files/owners.ts';
import { siteActions } from './policy.ts';
import { listSites } from './repository.ts';

type SiteRow = typeof sites.$inferSelect;
const FIELDS = ['kind', 'name', 'location', 'notes'] as const;

export function presentSite(ctx: Ctx, s: SiteRow, org: { name: string; path: string }) {
  return {
    id: s.id,
    orgId: s.orgId,
    orgName: org.name,
    kind: s.kind,
    name: s.name,
    location: s.location,
    notes: s.notes,
    ...recordMeta(s),
    allowedActions: siteActions(ctx, org.path, s),
  };
}

export async function visibleSite(ctx: Ctx, id: string) {
  return loadScoped(ctx, sites, id, { readPerm: P.orgs.read, notFoundCode: 'SITE_NOT_FOUND', targetType: 'site' });
}

async function siteFor(ctx: Ctx, id: string) {
  const r = await visibleSite(ctx, id);
  if (!can(ctx.actor, P.sites.manage, r.orgPath)) throw forbidden('FORBIDDEN', { action: P.sites.manage, targetType: 'site', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw conflict('ALREADY_WITHDRAWN');
  return r;
}

export async function get(ctx: Ctx, id: string) {
  const r = await visibleSite(ctx, id);
  const org = await visibleOrg(ctx, r.row.orgId);
  return presentSite(ctx, r.row, org);
}

export async function list(ctx: Ctx, q: { orgId?: string; kind?: SiteKind; q?: string; includeWithdrawn?: boolean; sort?: string }, p: PageParams) {
  const scope = inSubtrees(sites.orgId, scopePaths(requireActor(ctx), P.orgs.read));
  const within = q.orgId ? (await visibleOrg(ctx, q.orgId)).path : undefined;
  const r = await listSites(ctx.tx, { scope, withinPath: within, kind: q.kind, q: q.q, includeWithdrawn: q.includeWithdrawn }, p, q.sort);
  return pageOf(r.items.map((x) => presentSite(ctx, x.site, { name: x.orgName, path: x.orgPath })), r.total, p);
}

export async function create(ctx: Ctx, input: { orgId: string; kind: SiteKind; name: string; location?: string | null; notes?: string | null }) {
  const org = await orgFor(ctx, input.orgId, P.sites.manage);
  const by = ctx.actor!.userId;
  const [s] = await ctx.tx
    .insert(sites)
    .values({ id: randomUUID(), orgId: org.id, kind: input.kind, name: input.name, location: input.location ?? null, notes: input.notes ?? null, createdAt: ctx.now, createdBy: by, updatedAt: ctx.now, updatedBy: by })
    .returning();
  await audit(ctx, { action: 'sites.create', targetType: 'site', targetId: s.id, targetLabel: s.name, orgId: org.id, changes: diff(null, s, FIELDS) });
  return presentSite(ctx, s, org);
}

export async function update(ctx: Ctx, id: string, patch: Partial<Pick<SiteRow, (typeof FIELDS)[number]>>, version: number) {
  const { row: before } = await siteFor(ctx, id);
  const after = await updateVersioned(ctx.tx, sites, id, version, { ...patch, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'sites.update', targetType: 'site', targetId: id, targetLabel: after.name, orgId: after.orgId, changes: diff(before, after, FIELDS) });
  return presentSite(ctx, after, await visibleOrg(ctx, after.orgId));
}

export async function withdraw(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const { row } = await siteFor(ctx, id);
  const after = await updateVersioned(ctx.tx, sites, id, version ?? row.version, {
    withdrawnAt: ctx.now,
    withdrawnBy: ctx.actor!.userId,
    withdrawnReason: reason,
    updatedAt: ctx.now,
    updatedBy: ctx.actor!.userId,
  });
  await audit(ctx, { action: 'sites.withdraw', targetType: 'site', targetId: id, targetLabel: row.name, orgId: row.orgId, detail: { reason } });
  return presentSite(ctx, after, await visibleOrg(ctx, after.orgId));
}

// Photos and plans of a site are attachments owned by it: seen by whoever sees the site, added by
// whoever may manage it.
registerAttachmentOwner('site', {
  visible: async (ctx, id) => ({ orgId: (await visibleSite(ctx, id)).row.orgId }),
  canAttach: async (ctx, id) => ({ orgId: (await siteFor(ctx, id)).row.orgId }),
});
