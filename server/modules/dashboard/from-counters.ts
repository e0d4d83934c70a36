// The dashboard's figures read from the maintained counters (counters.ts): the same numbers as the
// register scans in service.ts, without reading the province's hazards and inspections per request.
import { and, eq, isNotNull, isNull, not, type SQL } from 'drizzle-orm';
import { hazards } from '../../db/schema/index.ts';
import { inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { HP } from '../hazards/permissions.ts';
import { filterConditions, whereFor as hazardFilter } from '../hazards/service.ts';
import * as c from './counters.ts';
import * as repo from './repository.ts';

const OPEN_GRADED = ['assessed', 'rectifying', 'rectified'];

/** Children ordered by `key` (largest first), then by the org tree's order; at most `limit`. */
function ranked<T extends { orgId: string }>(units: T[], key: (u: T) => number, limit: number): T[] {
  return units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => key(b.u) - key(a.u) || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.u);
}

export async function hazardFigures(ctx: Ctx, root: repo.Root, months: string[], unitsShown: number) {
  const now = ctx.now;
  const children = await c.childUnits(ctx.tx, root);
  const counts = await c.readCounts(ctx.tx, [root.id, ...children.map((u) => u.id)], ['hz.open', 'hz.due', 'hz.reported', 'hz.closed']);
  // Overdue = due before this (UTC) month, counted, + due this month before now, counted exactly.
  const utcMonth = now.toISOString().slice(0, 7);
  const thisMonth = await c.overdueSince(ctx.tx, root, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), now);
  const overdue = (id: string, exact: number) => c.sum(counts.get(id), 'hz.due', (b) => b < utcMonth) + exact;
  const mine = counts.get(root.id);
  const open = (id: string, keep: (b: ReturnType<typeof c.openBucket>) => boolean = () => true) => c.sum(counts.get(id), 'hz.open', (b) => keep(c.openBucket(b)));
  const graded = (grade: string) => open(root.id, (b) => b.grade === grade && OPEN_GRADED.includes(b.status));
  const units = children.map((u) => ({ orgId: u.id, orgName: u.name, open: open(u.id), overdue: overdue(u.id, thisMonth.get(u.id) ?? 0) }));
  return {
    open: open(root.id),
    overdue: overdue(root.id, [...thisMonth.values()].reduce((a, b) => a + b, 0)),
    byGrade: { general: graded('general'), significant: graded('significant'), major: graded('major'), ungraded: open(root.id, (b) => b.status === 'reported') },
    byUnit: ranked(units, (u) => u.open, unitsShown),
    monthly: months.map((month) => ({ month, opened: mine?.get(`hz.reported\t${month}`) ?? 0, closed: mine?.get(`hz.closed\t${month}`) ?? 0 })),
  };
}

export async function inspectionFigures(ctx: Ctx, root: repo.Root, month: string, monthStart: Date, unitsShown: number) {
  const children = await c.childUnits(ctx.tx, root);
  const counts = await c.readCounts(ctx.tx, [root.id, ...children.map((u) => u.id)], ['in.due', 'in.done']);
  const late = ctx.now > monthStart ? await c.inspectionsOverdueSince(ctx.tx, root, monthStart, ctx.now) : new Map<string, number>();
  const figures = (id: string, overdue: number) => {
    const due = counts.get(id)?.get(`in.due\t${month}`) ?? 0;
    const done = counts.get(id)?.get(`in.done\t${month}`) ?? 0;
    return { due, done, overdue, coverage: due ? Math.round((done / due) * 1000) / 10 : null };
  };
  const units = children.map((u) => ({ orgId: u.id, orgName: u.name, ...figures(u.id, late.get(u.id) ?? 0) }));
  return { month, ...figures(root.id, [...late.values()].reduce((a, b) => a + b, 0)), byUnit: ranked(units, (u) => u.due, unitsShown) };
}

/**
 * The hazard tasks (= GET /hazards?task=… counts): the counters of the subtrees where the viewer holds
 * the step's permission, less the viewer's own hazards where the rule excludes them (four eyes).
 */
export async function hazardTasks(ctx: Ctx) {
  const actor = requireActor(ctx);
  const me = actor.userId;
  const read = c.intersect(scopePaths(actor, HP.read), scopePaths(actor, HP.read));
  const at = (perm: string) => c.intersect(scopePaths(actor, perm), read);
  const openWhere = await hazardFilter(ctx, { open: true });
  const within = (paths: string[]) => inSubtrees(hazards.orgId, paths);
  const rectifyAt = at(HP.rectify);
  const covered = read.every((p) => c.covered(p, rectifyAt));
  const responsibleElsewhere: SQL = and(openWhere, eq(hazards.status, 'rectifying'), eq(hazards.responsibleUserId, me), not(within(rectifyAt)))!;
  const verifyAt = at(HP.verify);
  const signoffAt = at(HP.signoff);
  return {
    hazardsToRectify: (await c.openAcross(ctx.tx, rectifyAt, (b) => b.status === 'rectifying')) + (covered ? 0 : (await repo.totals(ctx.tx, hazards, responsibleElsewhere, { n: and(isNotNull(hazards.id))! })).n),
    hazardsToVerify:
      (await c.openAcross(ctx.tx, verifyAt, (b) => b.status === 'rectified' && !b.verified)) -
      (await c.countOwn(ctx.tx, and(openWhere, eq(hazards.status, 'rectified'), isNull(hazards.verifiedAt), within(verifyAt)), me, ['rectifiedBy', 'reportedBy'])),
    hazardsToAssess: await c.openAcross(ctx.tx, at(HP.assess), (b) => b.status === 'reported'),
    signoffs:
      (await c.openAcross(ctx.tx, signoffAt, (b) => b.grade === 'major' && ((b.status === 'assessed' && !b.assessmentSigned) || (b.status === 'rectified' && b.verified && !b.closureSigned)))) -
      (await c.countOwn(ctx.tx, and(openWhere, eq(hazards.grade, 'major'), eq(hazards.status, 'rectified'), isNotNull(hazards.verifiedAt), isNull(hazards.closureSignoffAt), within(signoffAt)), me, ['rectifiedBy'])),
    extensions: await c.countWithPendingExtension(ctx.tx, and(openWhere, await filterConditions(ctx, { task: 'extension' }))),
  };
}

