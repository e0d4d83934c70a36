// Fault ticket queries, always within the caller's read scope.
import { and, count, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { equipment, equipmentFaults, orgs } from '../../db/schema/index.ts';
import type { FaultStatus } from '../../db/schema/equipment.ts';
import { inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { pageOf, type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { visibleOrg } from '../../platform/orgs/service.ts';
import { peopleNames } from './common.ts';
import { EP } from './permissions.ts';
import { type FaultRow, faultPeople, presentFault } from './present.ts';

export const selectFaults = (ctx: Ctx) =>
  ctx.tx
    .select({
      f: equipmentFaults,
      equipmentNumber: equipment.number,
      equipmentName: equipment.name,
      equipmentKind: equipment.kind,
      equipmentStatus: equipment.status,
      orgName: orgs.name,
      orgPath: orgs.path,
    })
    .from(equipmentFaults)
    .innerJoin(equipment, eq(equipment.id, equipmentFaults.equipmentId))
    .innerJoin(orgs, eq(orgs.id, equipmentFaults.orgId));

export interface FaultQuery {
  orgId?: string;
  equipmentId?: string;
  status?: FaultStatus[];
  open?: boolean;
  assigneeId?: string;
  q?: string;
  includeWithdrawn?: boolean;
  sort?: string;
}

export async function faultWhere(ctx: Ctx, q: FaultQuery): Promise<SQL> {
  const c: SQL[] = [inSubtrees(equipmentFaults.orgId, scopePaths(requireActor(ctx), EP.read))];
  if (!q.includeWithdrawn) c.push(isNull(equipmentFaults.withdrawnAt));
  if (q.orgId) c.push(pathWithin(orgs.path, (await visibleOrg(ctx, q.orgId)).path));
  if (q.equipmentId) c.push(eq(equipmentFaults.equipmentId, q.equipmentId));
  if (q.status?.length) c.push(inArray(equipmentFaults.status, q.status));
  if (q.open === true) c.push(ne(equipmentFaults.status, 'closed'));
  if (q.open === false) c.push(eq(equipmentFaults.status, 'closed'));
  if (q.assigneeId) c.push(eq(equipmentFaults.assigneeId, q.assigneeId));
  if (q.q) {
    const p = `%${likeEscape(q.q)}%`;
    c.push(or(ilike(equipmentFaults.number, p), ilike(equipmentFaults.description, p), ilike(equipment.name, p), ilike(equipment.number, p))!);
  }
  return and(...c)!;
}

const SORTS = { reportedAt: equipmentFaults.reportedAt, number: equipmentFaults.number, closedAt: equipmentFaults.closedAt };

export async function presentFaults(ctx: Ctx, rows: FaultRow[]) {
  const names = await peopleNames(ctx.tx, rows.flatMap(faultPeople));
  return rows.map((r) => presentFault(ctx, r, names));
}

export async function listFaults(ctx: Ctx, q: FaultQuery, p: PageParams) {
  const where = await faultWhere(ctx, q);
  const [rows, [{ n }]] = await Promise.all([
    selectFaults(ctx).where(where).orderBy(...sortOrder(q.sort, SORTS, '-reportedAt', equipmentFaults.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(equipmentFaults).innerJoin(equipment, eq(equipment.id, equipmentFaults.equipmentId)).innerJoin(orgs, eq(orgs.id, equipmentFaults.orgId)).where(where),
  ]);
  return pageOf(await presentFaults(ctx, rows), Number(n), p);
}

