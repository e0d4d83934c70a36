// The dashboard (RPT-02): the home page of security staff and leadership — open and overdue hazards by
// grade and unit, hazards opened and closed per month, this month's inspection coverage per unit, and
// the viewer's own tasks. Every figure is what a register filter selects for the viewer (schema.ts
// names the filter), so the web app links each number to the records behind it:
// - hazard figures and task counts are counted with the hazard register's own filter SQL (hazards
//   service whereFor / filterConditions), so they cannot drift from GET /api/v1/hazards;
// - inspection figures are those of the inspection summary (INS-05, GET /api/v1/inspections/summary)
//   for this month, counted with the inspections module's read scope (see repository.ts).
// The viewer needs hazards.read or inspections.read somewhere; each panel shows only what the
// corresponding permission lets them read (a panel they may not read is all zeros).
import { and, eq, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { hazards, inspections, orgs } from '../../db/schema/index.ts';
import { grantsKey, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { type Coalescer, perApp } from '../../platform/coalesce.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { findOrg } from '../../platform/orgs/repository.ts';
import { addDays, dateIn, endOfDayIn, startOfDayIn } from '../../platform/time.ts';
import { HP } from '../hazards/permissions.ts';
import { filterConditions, type HazardQuery, whereFor as hazardFilter } from '../hazards/service.ts';
import { IP } from '../inspections/permissions.ts';
import { isOverdue as inspectionOverdue } from '../inspections/repository.ts';
import { readScope as inspectionReadScope } from '../inspections/service.ts';
import { combine, countEach, countersApply, covered, mapPart, readPart } from './counters.ts';
import * as fromCounters from './from-counters.ts';
import * as repo from './repository.ts';
import { todayTiles } from './tiles.ts';

const UNITS_SHOWN = 20;
const MONTHS_SHOWN = 12;
/** "Inspections due": mine, not submitted, due within this many days (or overdue). */
const INSPECTIONS_DUE_DAYS = 7;
const OPEN_GRADED: NonNullable<HazardQuery['status']> = ['assessed', 'rectifying', 'rectified'];
const TASKS = { hazardsToRectify: 'rectify', hazardsToVerify: 'verify', hazardsToAssess: 'assess', signoffs: 'signoff', extensions: 'extension' } as const;

/** The widest subtrees where the viewer may read hazards or inspections (none nested in another). */
function scopeRoots(ctx: Ctx): string[] {
  const actor = requireActor(ctx);
  const paths = [...new Set([...scopePaths(actor, HP.read), ...scopePaths(actor, IP.read)])].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/**
 * The unit whose subtree the figures cover: `orgId` if it lies in the viewer's scope `roots` (else 404,
 * as for any record outside it), or the viewer's widest scope (with several separate subtrees, the
 * highest; the others are reached with orgId).
 */
async function scopeRoot(ctx: Ctx, roots: string[], orgId: string | undefined): Promise<repo.Root> {
  if (orgId) {
    const o = await findOrg(ctx.tx, orgId);
    if (!o || !roots.some((p) => o.path.startsWith(p))) {
      throw notFound('ORG_NOT_FOUND', o ? { action: 'dashboard.read', targetType: 'org', targetId: o.id, orgId: o.id, reason: 'out of scope' } : undefined);
    }
    return o;
  }
  const [o] = await ctx.tx.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.path, roots[0]));
  return o;
}

/** 'YYYY-MM' shifted by `n` months. */
function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
const lastDayOf = (month: string) => addDays(`${shiftMonth(month, 1)}-01`, -1);

/**
 * A panel read from the counters is the same for every viewer it is shown to: it is used only when
 * the viewer may read the unit's whole subtree (else the panel is computed by scanning, for them), and
 * the counters hold that whole subtree. So different viewers of one unit share the panel's reads the
 * way identical dashboard reads do (platform/coalesce.ts: each read starts after its callers arrived).
 */
function shared<T>(ctx: Ctx, panels: (app: object) => Coalescer<T>, root: repo.Root, read: (at: Ctx) => Promise<T>): Promise<T> {
  if (ctx.tx !== ctx.app.db) return read(ctx);
  return panels(ctx.app).run(root.id, () => read({ ...ctx, now: ctx.app.clock.now() }), ctx.snapshot);
}
const hazardPanels = perApp<Awaited<ReturnType<typeof fromCounters.hazardFigures>>>();
const inspectionPanels = perApp<Awaited<ReturnType<typeof fromCounters.inspectionFigures>>>();

async function hazardFigures(ctx: Ctx, root: repo.Root, scan: boolean) {
  const tz = ctx.app.config.timeZone;
  if (!scan && countersApply(tz) && covered(root.path, scopePaths(requireActor(ctx), HP.read))) {
    return shared(ctx, hazardPanels, root, (at) => {
      const month = dateIn(at.now, tz).slice(0, 7);
      return fromCounters.hazardFigures(at, root, Array.from({ length: MONTHS_SHOWN }, (_, i) => shiftMonth(month, i - MONTHS_SHOWN + 1)), UNITS_SHOWN);
    });
  }
  const also = (q: HazardQuery) => filterConditions(ctx, q);
  // The register with open=true&orgId={root}. Every other open figure is a further filter that implies
  // open (whereFor(a) ∧ filterConditions(b) = the register's a&b), so one scan of open hazards counts them all.
  const open = and(await hazardFilter(ctx, { open: true }), repo.inSubtree(root))!;
  const overdue = await also({ overdue: true });
  const graded = (grade: 'general' | 'significant' | 'major') => also({ grade: [grade], status: OPEN_GRADED });
  const t = await repo.totals(ctx.tx, hazards, open, {
    open: sql`true`,
    overdue,
    general: await graded('general'),
    significant: await graded('significant'),
    major: await graded('major'),
    ungraded: await also({ status: ['reported'] }),
  });
  const byUnit = await repo.perChildUnit(ctx.tx, hazards, open, root, { open: sql`true`, overdue }, 'open', UNITS_SHOWN);
  const thisMonth = dateIn(ctx.now, tz).slice(0, 7);
  const months = Array.from({ length: MONTHS_SHOWN }, (_, i) => shiftMonth(thisMonth, i - MONTHS_SHOWN + 1));
  // The register with orgId={root} (open or closed), by month of report and of closure.
  const all = and(await hazardFilter(ctx, {}), repo.inSubtree(root))!;
  const perMonth = await repo.openedClosedPerMonth(ctx.tx, all, startOfDayIn(`${months[0]}-01`, tz), tz);
  return {
    open: t.open,
    overdue: t.overdue,
    byGrade: { general: t.general, significant: t.significant, major: t.major, ungraded: t.ungraded },
    byUnit,
    monthly: months.map((month) => ({ month, opened: perMonth.get(month)?.opened ?? 0, closed: perMonth.get(month)?.closed ?? 0 })),
  };
}

const coverage = (done: number, due: number) => (due ? Math.round((done / due) * 1000) / 10 : null);

async function inspectionFigures(ctx: Ctx, root: repo.Root, scan: boolean) {
  const tz = ctx.app.config.timeZone;
  const month = dateIn(ctx.now, tz).slice(0, 7);
  const actor = requireActor(ctx);
  if (!scan && countersApply(tz) && covered(root.path, scopePaths(actor, IP.read)) && covered(root.path, scopePaths(actor, IP.plan))) {
    return shared(ctx, inspectionPanels, root, (at) => {
      const thisMonth = dateIn(at.now, tz).slice(0, 7);
      return fromCounters.inspectionFigures(at, root, thisMonth, startOfDayIn(`${thisMonth}-01`, tz), UNITS_SHOWN);
    });
  }
  // As the inspection summary (INS-05) of this month for orgId={root}: due this month, in the
  // viewer's inspection scope, not withdrawn; done = submitted; overdue = unsubmitted past due.
  const base = and(inspectionReadScope(ctx), isNull(inspections.withdrawnAt), repo.inSubtree(root), repo.dueWithin(startOfDayIn(`${month}-01`, tz), endOfDayIn(lastDayOf(month), tz)))!;
  const figures = { due: sql`true`, done: eq(inspections.status, 'submitted'), overdue: inspectionOverdue(ctx.now) };
  const t = await repo.totals(ctx.tx, inspections, base, figures);
  const byUnit = await repo.perChildUnit(ctx.tx, inspections, base, root, figures, 'due', UNITS_SHOWN);
  return { month, ...t, coverage: coverage(t.done, t.due), byUnit: byUnit.map((u) => ({ ...u, coverage: coverage(u.done, u.due) })) };
}

async function myTasks(ctx: Ctx, scan: boolean) {
  const me = requireActor(ctx).userId;
  const until = new Date(ctx.now.getTime() + INSPECTIONS_DUE_DAYS * 86_400_000);
  // "On the team" = leader OR member; as two disjoint counts each planner uses its own index
  // (leader_id btree, member_ids GIN) instead of scanning every unsubmitted inspection in scope.
  const open = and(inspectionReadScope(ctx), repo.unsubmittedDueBefore(until))!;
  const led = and(open, eq(inspections.leaderId, me))!;
  const member = and(open, ne(inspections.leaderId, me), sql`${inspections.memberIds} @> ${JSON.stringify([me])}::jsonb`)!;
  // Each task is the register's task=… condition; every task is on an open hazard, so one scan of the
  // open hazards in the viewer's whole scope counts them all (= GET /hazards?task=… for each).
  // Everything that is the viewer's own, in one statement (the rest of the dashboard is shared).
  const inspectionsDue = mapPart(countEach(inspections, [led, member]), ([asLeader, asMember]) => asLeader + asMember);
  if (scan) {
    const [n, hazardTasks] = await Promise.all([readPart(ctx.tx, inspectionsDue), hazardTasksByScan(ctx)]);
    return { inspectionsDue: n, ...hazardTasks };
  }
  const [n, hazardTasks] = await readPart(ctx.tx, combine([inspectionsDue, await fromCounters.hazardTasks(ctx)]));
  return { inspectionsDue: n, ...hazardTasks };
}

/**
 * The hazard tasks by one scan of the open hazards in the viewer's scope (each = the register's
 * task=… condition). The dashboard reads them from the counters (fromCounters.hazardTasks); the tests
 * compare the two.
 */
export async function hazardTasksByScan(ctx: Ctx) {
  const figures = {} as Record<keyof typeof TASKS, SQL>;
  for (const [key, task] of Object.entries(TASKS) as Array<[keyof typeof TASKS, (typeof TASKS)[keyof typeof TASKS]]>) figures[key] = await filterConditions(ctx, { task });
  return repo.totals(ctx.tx, hazards, await hazardFilter(ctx, { open: true }), figures);
}

/**
 * Who the figures are for, as far as they depend on it: the person (their tasks, their inspections)
 * and exactly what they may read where (every grant's unit and permissions). Two reads with the same
 * key are allowed the same answer.
 */
function viewerKey(ctx: Ctx): string {
  const actor = requireActor(ctx);
  return `${actor.userId}\n${ctx.lang}\n${grantsKey(actor)}`;
}

const reads = perApp<Awaited<ReturnType<typeof figures>>>();

/** The figures of `root`'s subtree, read now: `ctx.now` is the moment the read starts. */
async function figures(ctx: Ctx, root: repo.Root, scan: boolean) {
  // The panels are independent reads: outside a transaction each takes its own pooled connection, so
  // a viewer waits for the slowest panel rather than for all of them in turn.
  const [hazardPanel, inspectionPanel, tasks, today] = await Promise.all([hazardFigures(ctx, root, scan), inspectionFigures(ctx, root, scan), myTasks(ctx, scan), todayTiles(ctx, root)]);
  return { scope: { orgId: root.id, orgName: root.name }, hazards: hazardPanel, inspections: inspectionPanel, tasks, today };
}

/**
 * `scan` computes every figure by scanning the registers (the definition); otherwise the figures come
 * from the maintained counters wherever they mean the same (counters.ts). The tests compare the two.
 * Identical dashboard reads (same viewer, same grants, same unit, same language) that arrive while one
 * is being computed share the next computation (platform/coalesce.ts): it starts after they arrived,
 * so each still gets figures read after its request — the home page opened in many tabs or on many
 * screens at once costs one read per round instead of one per screen. A read that arrives while one
 * is under way joins it instead when nothing was committed since it started (ctx.snapshot).
 */
export async function dashboard(ctx: Ctx, q: { orgId?: string }, opts: { scan?: boolean } = {}) {
  const roots = scopeRoots(ctx);
  if (!roots.length) throw forbidden('FORBIDDEN', { action: 'dashboard.read', reason: `missing ${HP.read} and ${IP.read}` });
  // Only reads on the shared pool coalesce: a read inside a transaction sees that transaction's writes.
  if (opts.scan || ctx.tx !== ctx.app.db) return figures(ctx, await scopeRoot(ctx, roots, q.orgId), !!opts.scan);
  // A unit named in the request is checked by the request itself (a refusal is its own, audited as
  // such); the viewer's own widest unit is found with the figures, in the shared read.
  const named = q.orgId ? await scopeRoot(ctx, roots, q.orgId) : undefined;
  return reads(ctx.app).run(`${named?.id ?? ''}\n${viewerKey(ctx)}`, async () => {
    const at = { ...ctx, now: ctx.app.clock.now() };
    return figures(at, named ?? (await scopeRoot(at, roots, undefined)), false);
  }, ctx.snapshot);
}
