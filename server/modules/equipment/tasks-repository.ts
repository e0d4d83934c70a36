// Maintenance task and plan queries, always within the caller's read scope.
import { and, count, eq, gte, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { equipment, maintenancePlans, maintenanceTasks, orgs } from '../../db/schema/index.ts';
import type { MaintenanceType } from '../../db/schema/equipment.ts';
import { inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { peopleNames, today } from './common.ts';
import { EP } from './permissions.ts';
import { presentTask, type TaskRow, taskPeople } from './present.ts';

export const selectTasks = (ctx: Ctx) =>
  ctx.tx
    .select({
      t: maintenanceTasks,
      planName: maintenancePlans.name,
      equipmentNumber: equipment.number,
      equipmentName: equipment.name,
      equipmentKind: equipment.kind,
      orgName: orgs.name,
      orgPath: orgs.path,
    })
    .from(maintenanceTasks)
    .innerJoin(maintenancePlans, eq(maintenancePlans.id, maintenanceTasks.planId))
    .innerJoin(equipment, eq(equipment.id, maintenanceTasks.equipmentId))
    .innerJoin(orgs, eq(orgs.id, maintenanceTasks.orgId));

export interface TaskQuery {
  orgId?: string;
  equipmentId?: string;
  planId?: string;
  assigneeId?: string;
  status?: 'due' | 'done';
  type?: MaintenanceType;
  overdue?: boolean;
  dueFrom?: string;
  dueTo?: string;
}

/** The task list's filter as SQL (the dashboard's "maintenance overdue" tile counts with it). */
export async function taskWhere(ctx: Ctx, q: TaskQuery): Promise<SQL> {
  const day = today(ctx);
  const c: SQL[] = [inSubtrees(maintenanceTasks.orgId, scopePaths(requireActor(ctx), EP.read)), isNull(maintenanceTasks.withdrawnAt)];
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId)).path));
  if (q.equipmentId) c.push(eq(maintenanceTasks.equipmentId, q.equipmentId));
  if (q.planId) c.push(eq(maintenanceTasks.planId, q.planId));
  if (q.assigneeId) c.push(eq(maintenanceTasks.assigneeId, q.assigneeId));
  if (q.status) c.push(eq(maintenanceTasks.status, q.status));
  if (q.type) c.push(eq(maintenanceTasks.type, q.type));
  if (q.overdue === true) c.push(eq(maintenanceTasks.status, 'due'), lt(maintenanceTasks.dueOn, day));
  if (q.overdue === false) c.push(sql`not (${maintenanceTasks.status} = 'due' and ${maintenanceTasks.dueOn} < ${day}::date)`);
  if (q.dueFrom) c.push(gte(maintenanceTasks.dueOn, q.dueFrom));
  if (q.dueTo) c.push(lte(maintenanceTasks.dueOn, q.dueTo));
  return and(...c)!;
}

const SORTS = { dueOn: maintenanceTasks.dueOn, completedAt: maintenanceTasks.completedAt, createdAt: maintenanceTasks.createdAt };

export async function presentTasks(ctx: Ctx, rows: TaskRow[]) {
  const names = await peopleNames(ctx.tx, rows.flatMap(taskPeople));
  return rows.map((r) => presentTask(ctx, r, names));
}

export async function listTasks(ctx: Ctx, q: TaskQuery, p: PageParams, sort?: string) {
  const where = await taskWhere(ctx, q);
  const [rows, [{ n }]] = await Promise.all([
    selectTasks(ctx).where(where).orderBy(...sortOrder(sort, SORTS, 'dueOn', maintenanceTasks.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(maintenanceTasks).innerJoin(orgs, eq(orgs.id, maintenanceTasks.orgId)).where(where),
  ]);
  return pageOf(await presentTasks(ctx, rows), Number(n), p);
}

export async function countTasks(ctx: Ctx, q: TaskQuery): Promise<number> {
  const [{ n }] = await ctx.tx.select({ n: count() }).from(maintenanceTasks).innerJoin(orgs, eq(orgs.id, maintenanceTasks.orgId)).where(await taskWhere(ctx, q));
  return Number(n);
}

export const planSelect = (ctx: Ctx) =>
  ctx.tx.select({ p: maintenancePlans, orgName: orgs.name, orgPath: orgs.path }).from(maintenancePlans).innerJoin(orgs, eq(orgs.id, maintenancePlans.orgId));

const PLAN_SORTS = { createdAt: maintenancePlans.createdAt, name: maintenancePlans.name, startsOn: maintenancePlans.startsOn };

export async function planRows(ctx: Ctx, where: SQL, p: PageParams, sort?: string) {
  const [rows, [{ n }]] = await Promise.all([
    planSelect(ctx).where(where).orderBy(...sortOrder(sort, PLAN_SORTS, '-createdAt', maintenancePlans.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(maintenancePlans).innerJoin(orgs, eq(orgs.id, maintenancePlans.orgId)).where(where),
  ]);
  return { rows, total: Number(n) };
}
