// Scanning a checkpoint (PAT-01): the guard's phone opens /patrols/scan/<token>; the token names the
// checkpoint. The scan is recorded for the caller's patrol of that route in progress, with the time
// and, when the browser gives it, the position. A token of a unit the caller may not patrol answers
// 404 like an unknown one (SEC-02). Anomalies found on the way (PAT-02) carry a note and photos and
// may open a hazard through the hazards module (source 'patrol'; the anomaly keeps the hazard's id).
import { and, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { orgs, patrolAnomalies, patrolCheckpoints, patrolRoutes, patrolScans } from '../../db/schema/index.ts';
import { can, requireActor } from '../../platform/access/scope.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { copyAttachments, linkAttachments, listForOwner } from '../../platform/files/service.ts';
import { conflict, forbidden, invalidState, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { openHazard } from '../hazards/index.ts';
import { PP } from './permissions.ts';
import { detail, dueScheduled, lockPatrol, myPatrolInProgress, startOfRoute } from './patrols.ts';

async function checkpointByToken(ctx: Ctx, token: string) {
  const actor = requireActor(ctx);
  const [r] = await ctx.tx
    .select({ c: patrolCheckpoints, routeName: patrolRoutes.name, routeWithdrawnAt: patrolRoutes.withdrawnAt, orgName: orgs.name, orgPath: orgs.path })
    .from(patrolCheckpoints)
    .innerJoin(patrolRoutes, eq(patrolRoutes.id, patrolCheckpoints.routeId))
    .innerJoin(orgs, eq(orgs.id, patrolCheckpoints.orgId))
    .where(and(eq(patrolCheckpoints.token, token), isNull(patrolCheckpoints.removedAt)));
  if (!r) throw notFound('PATROL_CHECKPOINT_NOT_FOUND');
  if (!can(actor, PP.patrol, r.orgPath)) throw notFound('PATROL_CHECKPOINT_NOT_FOUND', { action: PP.patrol, targetType: 'patrol_route', targetId: r.c.routeId, orgId: r.c.orgId, reason: 'out of scope' });
  // A withdrawn route's QR codes no longer record anything.
  if (r.routeWithdrawnAt) throw conflict('ROUTE_WITHDRAWN');
  return r;
}

/** What the scan page shows before recording: the checkpoint, the route, the caller's patrol in progress. */
export async function scanTarget(ctx: Ctx, token: string) {
  const r = await checkpointByToken(ctx, token);
  const mine = await myPatrolInProgress(ctx, r.c.routeId);
  return {
    checkpointId: r.c.id,
    checkpointName: r.c.name,
    seq: r.c.seq,
    routeId: r.c.routeId,
    routeName: r.routeName,
    orgName: r.orgName,
    patrol: mine ? await detail(ctx, mine) : null,
    scheduledPatrolId: mine ? null : await dueScheduled(ctx, r.c.routeId),
  };
}

export async function scan(ctx: Ctx, token: string, b: { lat?: number | null; lng?: number | null; accuracy?: number | null; start?: boolean }) {
  const r = await checkpointByToken(ctx, token);
  const me = requireActor(ctx).userId;
  let mine = await myPatrolInProgress(ctx, r.c.routeId);
  if (!mine) {
    if (!b.start) throw conflict('NO_PATROL_IN_PROGRESS');
    // PAT-01, DESIGN §5: the look-up above takes no lock, so a twin scan-to-start (a double tap, a
    // phone's retry) may start the patrol meanwhile. Under the route's lock this scan then joins that
    // patrol, as it would one after the other, instead of being refused PATROL_ALREADY_IN_PROGRESS.
    mine = await startOfRoute(ctx, r.c.routeId, null, { join: true });
  }
  const p = await lockPatrol(ctx, mine.p.id);
  if (p.p.status !== 'in_progress') throw invalidState(p.p.status);
  if (!p.p.checkpointIds.includes(r.c.id)) throw ruleRefused('CHECKPOINT_UNKNOWN', {}, [{ path: 'token', code: 'CHECKPOINT_UNKNOWN' }]);
  const hasPos = b.lat !== undefined && b.lat !== null && b.lng !== undefined && b.lng !== null;
  await ctx.tx.insert(patrolScans).values({ id: randomUUID(), patrolId: p.p.id, orgId: p.p.orgId, checkpointId: r.c.id, scannedAt: ctx.now, scannedBy: me, lat: hasPos ? b.lat! : null, lng: hasPos ? b.lng! : null, accuracy: hasPos ? (b.accuracy ?? null) : null });
  await audit(ctx, { action: 'patrols.scan', targetType: 'patrol', targetId: p.p.id, targetLabel: `${p.routeName} ${p.p.day}`, orgId: p.p.orgId, detail: { checkpoint: r.c.name, seq: r.c.seq, position: hasPos } });
  return detail(ctx, p);
}

export async function recordAnomaly(ctx: Ctx, patrolId: string, b: { checkpointId?: string | null; note: string; attachmentIds?: string[] }) {
  const p = await lockPatrol(ctx, patrolId);
  const me = requireActor(ctx).userId;
  if (!can(ctx.actor, PP.patrol, p.orgPath)) throw forbidden('FORBIDDEN', { action: PP.patrol, targetType: 'patrol', targetId: patrolId, orgId: p.p.orgId });
  if (p.p.withdrawnAt) throw invalidState('withdrawn');
  if (p.p.status === 'scheduled') throw invalidState('scheduled');
  if (b.checkpointId && !p.p.checkpointIds.includes(b.checkpointId)) throw ruleRefused('CHECKPOINT_UNKNOWN', {}, [{ path: 'checkpointId', code: 'CHECKPOINT_UNKNOWN' }]);
  const id = randomUUID();
  await ctx.tx.insert(patrolAnomalies).values({ id, patrolId, orgId: p.p.orgId, checkpointId: b.checkpointId ?? null, note: b.note.trim(), reportedBy: me, reportedAt: ctx.now });
  await linkAttachments(ctx, b.attachmentIds ?? [], { type: 'patrol_anomaly', id, orgId: p.p.orgId });
  await audit(ctx, { action: 'patrols.anomaly', targetType: 'patrol', targetId: patrolId, targetLabel: `${p.routeName} ${p.p.day}`, orgId: p.p.orgId, detail: { anomalyId: id, note: b.note, photos: b.attachmentIds?.length ?? 0 } });
  return detail(ctx, p);
}

/** PAT-02: an anomaly opens a hazard (source 'patrol') with its note and photos; the anomaly links to it. Once. */
export async function anomalyHazard(ctx: Ctx, patrolId: string, anomalyId: string, b: { title?: string; category?: 'physical' | 'network' | 'fire' | 'personnel' | 'other'; grade?: 'general' | 'significant' | 'major' | null }) {
  const p = await lockPatrol(ctx, patrolId);
  if (!can(ctx.actor, PP.patrol, p.orgPath)) throw forbidden('FORBIDDEN', { action: PP.patrol, targetType: 'patrol', targetId: patrolId, orgId: p.p.orgId });
  const [a] = await ctx.tx.select().from(patrolAnomalies).where(and(eq(patrolAnomalies.id, anomalyId), eq(patrolAnomalies.patrolId, patrolId))).for('update');
  if (!a) throw notFound('ANOMALY_NOT_FOUND');
  if (p.p.withdrawnAt) throw invalidState('withdrawn');
  if (a.hazardId) throw conflict('HAZARD_ALREADY_OPENED');
  const [cp] = a.checkpointId ? await ctx.tx.select().from(patrolCheckpoints).where(eq(patrolCheckpoints.id, a.checkpointId)) : [];
  const en = ctx.lang === 'en';
  const title = b.title?.trim() || (en ? `Patrol anomaly: ${cp?.name ?? p.routeName}` : `巡逻发现异常：${cp?.name ?? p.routeName}`);
  const origin = en ? `(Found on patrol "${p.routeName}" of ${p.p.day}.)` : `（${p.p.day}「${p.routeName}」巡逻中发现）`;
  const h = await openHazard(ctx, { title, description: `${a.note}\n${origin}`, category: b.category ?? 'physical', source: 'patrol', orgId: p.p.orgId, siteId: cp?.siteId ?? null, location: cp?.name ?? null, grade: b.grade ?? null });
  const photos = (await listForOwner(ctx, 'patrol_anomaly', a.id, false)).map((x: { id: string }) => x.id);
  if (photos.length) await copyAttachments(ctx, photos, { type: 'hazard', id: h.id, orgId: h.orgId });
  await ctx.tx.update(patrolAnomalies).set({ hazardId: h.id, version: a.version + 1 }).where(eq(patrolAnomalies.id, a.id));
  await audit(ctx, { action: 'patrols.anomaly_hazard', targetType: 'patrol', targetId: patrolId, targetLabel: `${p.routeName} ${p.p.day}`, orgId: p.p.orgId, detail: { anomalyId: a.id, hazardId: h.id, hazardNumber: h.number } });
  return detail(ctx, p);
}
