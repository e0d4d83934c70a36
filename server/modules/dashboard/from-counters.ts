// The dashboard's figures read from the maintained counters (counters.ts): the same numbers as the
// register scans in service.ts, without reading the province's hazards and inspections per request.
import type { Static } from '@fastify/type-provider-typebox';
import { and, eq, isNotNull, isNull, not, type SQL } from 'drizzle-orm';
import { hazards } from '../../db/schema/index.ts';
import { inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { HP } from '../hazards/permissions.ts';
import { filterConditions, whereFor as hazardFilter } from '../hazards/service.ts';
import * as c from './counters.ts';
import * as repo from './repository.ts';
import type { Dashboard } from './schema.ts';

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
  // Overdue = due before this (UTC) month, counted, + due this month before now, counted exactly.
  const utcMonth = now.toISOString().slice(0, 7);
  const [children, counts, thisMonth] = await c.readPart(
    ctx.tx,
    c.combine([
      c.childTotals(root, c.metric(['hz.open', 'hz.due']), { open: c.metric('hz.open'), dueBefore: c.metric('hz.due', { before: utcMonth }) }),
      c.countsPart([root.id], ['hz.open', 'hz.due', 'hz.reported', 'hz.closed']),
      c.overdueSince(root, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), now),
    ]),
  );
  const mine = counts.get(root.id);
  const open = (keep: (b: ReturnType<typeof c.openBucket>) => boolean = () => true) => c.sum(mine, 'hz.open', (b) => keep(c.openBucket(b)));
  const graded = (grade: string) => open((b) => b.grade === grade && OPEN_GRADED.includes(b.status));
  const units = children.map((u) => ({ orgId: u.id, orgName: u.name, open: u.open, overdue: u.dueBefore + (thisMonth.get(u.id) ?? 0) }));
  return {
    open: open(),
    overdue: c.sum(mine, 'hz.due', (b) => b < utcMonth) + [...thisMonth.values()].reduce((a, b) => a + b, 0),
    byGrade: { general: graded('general'), significant: graded('significant'), major: graded('major'), ungraded: open((b) => b.status === 'reported') },
    byUnit: ranked(units, (u) => u.open, unitsShown),
    monthly: months.map((month) => ({ month, opened: mine?.get(`hz.reported\t${month}`) ?? 0, closed: mine?.get(`hz.closed\t${month}`) ?? 0 })),
  };
}

export async function inspectionFigures(ctx: Ctx, root: repo.Root, month: string, monthStart: Date, unitsShown: number) {
  const [children, counts, late] = await c.readPart(
    ctx.tx,
    c.combine([
      c.childTotals(root, c.metric(['in.due', 'in.done'], { in: month }), { due: c.metric('in.due', { in: month }), done: c.metric('in.done', { in: month }) }),
      c.countsPart([root.id], ['in.due', 'in.done']),
      ctx.now > monthStart ? c.inspectionsOverdueSince(root, monthStart, ctx.now) : c.constPart(new Map<string, number>()),
    ]),
  );
  const mine = counts.get(root.id);
  const figures = (due: number, done: number, overdue: number) => ({ due, done, overdue, coverage: due ? Math.round((done / due) * 1000) / 10 : null });
  const units = children.map((u) => ({ orgId: u.id, orgName: u.name, ...figures(u.due, u.done, late.get(u.id) ?? 0) }));
  return {
    month,
    ...figures(mine?.get(`in.due\t${month}`) ?? 0, mine?.get(`in.done\t${month}`) ?? 0, [...late.values()].reduce((a, b) => a + b, 0)),
    byUnit: ranked(units, (u) => u.due, unitsShown),
  };
}

/** The hazard part of the viewer's tasks, as the response schema names them. */
type HazardTasks = Omit<Static<typeof Dashboard>['tasks'], 'inspectionsDue'>;

/**
 * The hazard tasks (= GET /hazards?task=… counts): the counters of the subtrees where the viewer holds
 * the step's permission, less the viewer's own hazards where the rule excludes them (four eyes). A
 * part, so the service reads it in the same statement as the viewer's inspection counts.
 */
export async function hazardTasks(ctx: Ctx): Promise<c.Part<HazardTasks>> {
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
  const extensionTask = await filterConditions(ctx, { task: 'extension' });
  const counted = c.combine([
    c.openAcross([
      { paths: rectifyAt, keep: (b) => b.status === 'rectifying' },
      { paths: verifyAt, keep: (b) => b.status === 'rectified' && !b.verified },
      { paths: at(HP.assess), keep: (b) => b.status === 'reported' },
      { paths: signoffAt, keep: (b) => b.grade === 'major' && ((b.status === 'assessed' && !b.assessmentSigned) || (b.status === 'rectified' && b.verified && !b.closureSigned)) },
    ]),
    c.countEach(hazards, [
      and(openWhere, eq(hazards.status, 'rectified'), isNull(hazards.verifiedAt), within(verifyAt), c.own(me, ['rectifiedBy', 'reportedBy']))!,
      and(openWhere, eq(hazards.status, 'rectified'), eq(hazards.grade, 'major'), isNotNull(hazards.verifiedAt), isNull(hazards.closureSignoffAt), within(signoffAt), c.own(me, ['rectifiedBy']))!,
      and(openWhere, extensionTask)!,
      ...(covered ? [] : [responsibleElsewhere]),
    ]),
  ]);
  return c.mapPart(counted, ([[toRectify, toVerify, toAssess, toSignoff], [ownToVerify, ownToSignoff, extensions, elsewhere = 0]]) => ({
    hazardsToRectify: toRectify + elsewhere,
    hazardsToVerify: toVerify - ownToVerify,
    hazardsToAssess: toAssess,
    signoffs: toSignoff - ownToSignoff,
    extensions,
  }));
}
