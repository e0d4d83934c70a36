// Patrol routes (巡逻路线, PAT-01): per unit, ordered checkpoints (a site of the unit or a named place,
// each with a random QR token and a window in minutes), and a schedule (times of day, weekdays).
// Editing keeps a checkpoint's QR code when it stays on the route; one taken off is kept, marked removed.
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { orgs, patrolCheckpoints, patrolRoutes, sites } from '../../db/schema/index.ts';
import { allowedActions, loadScoped, recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, invalidField, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { siteOfUnit } from './common.ts';
import { PP } from './permissions.ts';

type RouteRow = typeof patrolRoutes.$inferSelect;
type CheckpointRow = typeof patrolCheckpoints.$inferSelect;

export const newToken = () => randomBytes(16).toString('base64url');

export async function visibleRoute(ctx: Ctx, id: string) {
  return loadScoped(ctx, patrolRoutes, id, { readPerm: PP.read, notFoundCode: 'PATROL_ROUTE_NOT_FOUND', targetType: 'patrol_route' });
}

export async function checkpointsOf(ctx: Ctx, routeIds: string[], includeRemoved = false) {
  if (!routeIds.length) return [];
  return ctx.tx
    .select({ c: patrolCheckpoints, siteName: sites.name })
    .from(patrolCheckpoints)
    .leftJoin(sites, eq(sites.id, patrolCheckpoints.siteId))
    .where(and(inArray(patrolCheckpoints.routeId, routeIds), includeRemoved ? undefined : isNull(patrolCheckpoints.removedAt)))
    .orderBy(asc(patrolCheckpoints.seq));
}

function presentRoute(ctx: Ctx, r: RouteRow, orgName: string, orgPath: string, cps: Array<{ c: CheckpointRow; siteName: string | null }>) {
  const manage = can(ctx.actor, PP.manage_routes, orgPath);
  return {
    id: r.id,
    orgId: r.orgId,
    orgName,
    name: r.name,
    description: r.description,
    scheduleTimes: r.scheduleTimes,
    scheduleDays: r.scheduleDays,
    checkpoints: cps.map(({ c, siteName }) => ({ id: c.id, seq: c.seq, name: c.name, siteId: c.siteId, siteName, windowMinutes: c.windowMinutes, token: manage ? c.token : null })),
    ...recordMeta(r),
    allowedActions: r.withdrawnAt
      ? []
      : allowedActions(ctx, orgPath, { update: { perm: PP.manage_routes }, withdraw: { perm: PP.manage_routes }, labels: { perm: PP.manage_routes }, start: { perm: PP.patrol } }),
  };
}

export async function getRoute(ctx: Ctx, id: string) {
  const r = await visibleRoute(ctx, id);
  const [o] = await ctx.tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, r.row.orgId));
  return presentRoute(ctx, r.row, o.name, r.orgPath, await checkpointsOf(ctx, [id]));
}

export async function listRoutes(ctx: Ctx, q: { orgId?: string; q?: string; includeWithdrawn?: boolean; sort?: string }, p: PageParams) {
  const c: SQL[] = [inSubtrees(patrolRoutes.orgId, scopePaths(requireActor(ctx), PP.read))];
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId, PP.read)).path));
  if (!q.includeWithdrawn) c.push(isNull(patrolRoutes.withdrawnAt));
  if (q.q) c.push(or(ilike(patrolRoutes.name, `%${likeEscape(q.q)}%`), ilike(patrolRoutes.description, `%${likeEscape(q.q)}%`))!);
  const where = and(...c)!;
  const order = sortOrder(q.sort, { name: patrolRoutes.name, createdAt: patrolRoutes.createdAt }, 'name', patrolRoutes.id);
  const [rows, [{ n }]] = await Promise.all([
    ctx.tx.select({ r: patrolRoutes, orgName: orgs.name, orgPath: orgs.path }).from(patrolRoutes).innerJoin(orgs, eq(orgs.id, patrolRoutes.orgId)).where(where).orderBy(...order).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(patrolRoutes).innerJoin(orgs, eq(orgs.id, patrolRoutes.orgId)).where(where),
  ]);
  const cps = await checkpointsOf(ctx, rows.map((x) => x.r.id));
  return pageOf(
    rows.map((x) => presentRoute(ctx, x.r, x.orgName, x.orgPath, cps.filter((c) => c.c.routeId === x.r.id))),
    Number(n),
    p,
  );
}

interface CheckpointInput {
  id?: string;
  name?: string | null;
  siteId?: string | null;
  windowMinutes: number;
}

interface RouteInput {
  name: string;
  description?: string | null;
  scheduleTimes: string[];
  scheduleDays: number[];
  checkpoints: CheckpointInput[];
}

function normaliseSchedule(times: string[], days: number[]) {
  const seen = new Set<string>();
  times.forEach((t, i) => {
    if (seen.has(t)) throw ruleRefused('DUPLICATE_TIME', {}, [{ path: `scheduleTimes.${i}`, code: 'DUPLICATE_TIME' }]);
    seen.add(t);
  });
  return { scheduleTimes: [...times].sort(), scheduleDays: [...days].sort((a, b) => a - b) };
}

/** Writes the route's checkpoints in the given order: kept ones keep their token, new ones get one, the rest are marked removed. */
async function saveCheckpoints(ctx: Ctx, route: RouteRow, unitPath: string, input: CheckpointInput[]) {
  const existing = (await checkpointsOf(ctx, [route.id])).map((x) => x.c);
  const kept = new Set<string>();
  const resolved: Array<{ id?: string; name: string; siteId: string | null; windowMinutes: number }> = [];
  for (const [i, cp] of input.entries()) {
    if (cp.id) {
      if (!existing.some((e) => e.id === cp.id) || kept.has(cp.id)) throw ruleRefused('CHECKPOINT_UNKNOWN', {}, [{ path: `checkpoints.${i}.id`, code: 'CHECKPOINT_UNKNOWN' }]);
      kept.add(cp.id);
    }
    const site = cp.siteId ? await siteOfUnit(ctx, cp.siteId, unitPath, `checkpoints.${i}.siteId`) : null;
    const name = cp.name?.trim() || site?.name || existing.find((e) => e.id === cp.id)?.name;
    if (!name) throw invalidField(`checkpoints.${i}.name`, 'CHECKPOINT_NAME_REQUIRED');
    resolved.push({ id: cp.id, name, siteId: site?.id ?? null, windowMinutes: cp.windowMinutes });
  }
  // Free the order numbers first (seq is not unique, but keep the listing sane within the transaction).
  for (const e of existing.filter((x) => !kept.has(x.id))) await ctx.tx.update(patrolCheckpoints).set({ removedAt: ctx.now }).where(eq(patrolCheckpoints.id, e.id));
  for (const [i, cp] of resolved.entries()) {
    if (cp.id) await ctx.tx.update(patrolCheckpoints).set({ seq: i + 1, name: cp.name, siteId: cp.siteId, windowMinutes: cp.windowMinutes }).where(eq(patrolCheckpoints.id, cp.id));
    else await ctx.tx.insert(patrolCheckpoints).values({ id: randomUUID(), routeId: route.id, orgId: route.orgId, seq: i + 1, name: cp.name, siteId: cp.siteId, windowMinutes: cp.windowMinutes, token: newToken(), createdAt: ctx.now });
  }
  return resolved.map((c) => c.name);
}

export async function createRoute(ctx: Ctx, input: RouteInput & { orgId: string }) {
  const actor = requireActor(ctx);
  const unit = await visibleOrg(ctx, input.orgId, PP.manage_routes);
  if (!can(actor, PP.manage_routes, unit.path)) throw forbidden('FORBIDDEN', { action: PP.manage_routes, targetType: 'org', targetId: unit.id, orgId: unit.id });
  if (unit.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  const id = randomUUID();
  const [route] = await ctx.tx
    .insert(patrolRoutes)
    .values({ id, orgId: unit.id, name: input.name.trim(), description: input.description ?? null, ...normaliseSchedule(input.scheduleTimes, input.scheduleDays), createdAt: ctx.now, createdBy: actor.userId, updatedAt: ctx.now, updatedBy: actor.userId })
    .returning();
  const names = await saveCheckpoints(ctx, route, unit.path, input.checkpoints);
  await audit(ctx, { action: 'patrol_routes.create', targetType: 'patrol_route', targetId: id, targetLabel: route.name, orgId: unit.id, detail: { checkpoints: names, scheduleTimes: route.scheduleTimes, scheduleDays: route.scheduleDays } });
  return getRoute(ctx, id);
}

const ROUTE_FIELDS = ['name', 'description', 'scheduleTimes', 'scheduleDays'] as const;

export async function updateRoute(ctx: Ctx, id: string, patch: Partial<RouteInput>, version: number) {
  const r = await visibleRoute(ctx, id);
  if (!can(ctx.actor, PP.manage_routes, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.manage_routes, targetType: 'patrol_route', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  const set: Partial<RouteRow> = {};
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.scheduleTimes || patch.scheduleDays) Object.assign(set, normaliseSchedule(patch.scheduleTimes ?? r.row.scheduleTimes, patch.scheduleDays ?? r.row.scheduleDays));
  const after = await updateVersioned(ctx.tx, patrolRoutes, id, version, { ...set, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  const names = patch.checkpoints ? await saveCheckpoints(ctx, after, r.orgPath, patch.checkpoints) : undefined;
  await audit(ctx, { action: 'patrol_routes.update', targetType: 'patrol_route', targetId: id, targetLabel: after.name, orgId: after.orgId, changes: diff(r.row, after, ROUTE_FIELDS), detail: names ? { checkpoints: names } : null });
  return getRoute(ctx, id);
}

export async function withdrawRoute(ctx: Ctx, id: string, reason: string, version: number | undefined) {
  const r = await visibleRoute(ctx, id);
  if (!can(ctx.actor, PP.manage_routes, r.orgPath)) throw forbidden('FORBIDDEN', { action: PP.manage_routes, targetType: 'patrol_route', targetId: id, orgId: r.row.orgId });
  if (r.row.withdrawnAt) throw invalidState('withdrawn');
  const after = await updateVersioned(ctx.tx, patrolRoutes, id, version ?? r.row.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'patrol_routes.withdraw', targetType: 'patrol_route', targetId: id, targetLabel: after.name, orgId: after.orgId, detail: { reason } });
  return getRoute(ctx, id);
}
