// Equipment register queries, always filtered by the scope condition the service passes.
import { and, count, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { equipment, equipmentFaults, maintenanceTasks, orgs, sites } from '../../db/schema/index.ts';
import type { EquipmentKind, EquipmentStatus } from '../../db/schema/equipment.ts';
import { type PageParams, sortOrder } from '../../platform/http/paging.ts';
import { likeEscape } from '../../platform/orgs/repository.ts';
import { pathWithin } from '../../platform/access/scope.ts';

/** Open fault tickets and overdue tasks of each row (for the register's columns). */
const openFaults = sql<number>`(select count(*)::int from ${equipmentFaults} f where f.equipment_id = ${equipment.id} and f.status <> 'closed' and f.withdrawn_at is null)`;
const overdueTasks = (today: string) =>
  sql<number>`(select count(*)::int from ${maintenanceTasks} mt where mt.equipment_id = ${equipment.id} and mt.status = 'due' and mt.withdrawn_at is null and mt.due_on < ${today}::date)`;

export const selectEquipment = (ex: Executor, today: string) =>
  ex
    .select({ e: equipment, orgName: orgs.name, orgPath: orgs.path, siteName: sites.name, openFaults, overdueTasks: overdueTasks(today) })
    .from(equipment)
    .innerJoin(orgs, eq(orgs.id, equipment.orgId))
    .leftJoin(sites, eq(sites.id, equipment.siteId));

export type EquipmentRow = Awaited<ReturnType<ReturnType<typeof selectEquipment>['where']>>[number];

export interface EquipmentFilterSql {
  scope: SQL;
  today: string;
  kind?: EquipmentKind[];
  status?: EquipmentStatus[];
  withinPath?: string;
  siteId?: string;
  q?: string;
  expiringWithin?: number;
  expired?: boolean;
  maintenanceOverdue?: boolean;
  includeWithdrawn?: boolean;
}

/** EQP-04: expiry filters count only equipment still in use (not retired, not withdrawn). */
const inUse = () => and(isNull(equipment.withdrawnAt), ne(equipment.status, 'retired'))!;

export function equipmentWhere(f: EquipmentFilterSql): SQL {
  const c: SQL[] = [f.scope];
  if (!f.includeWithdrawn) c.push(isNull(equipment.withdrawnAt));
  if (f.kind?.length) c.push(inArray(equipment.kind, f.kind));
  if (f.status?.length) c.push(inArray(equipment.status, f.status));
  if (f.withinPath) c.push(pathWithin(orgs.path, f.withinPath));
  if (f.siteId) c.push(eq(equipment.siteId, f.siteId));
  if (f.expiringWithin !== undefined) {
    c.push(inUse(), isNotNull(equipment.expiresOn), gte(equipment.expiresOn, f.today), lte(equipment.expiresOn, sql`(${f.today}::date + ${f.expiringWithin}::int)`));
  }
  if (f.expired === true) c.push(inUse(), lt(equipment.expiresOn, f.today));
  if (f.expired === false) c.push(or(isNull(equipment.expiresOn), gte(equipment.expiresOn, f.today))!);
  if (f.maintenanceOverdue === true) c.push(sql`${overdueTasks(f.today)} > 0`);
  if (f.maintenanceOverdue === false) c.push(sql`${overdueTasks(f.today)} = 0`);
  if (f.q) {
    const p = `%${likeEscape(f.q)}%`;
    c.push(or(ilike(equipment.number, p), ilike(equipment.name, p), ilike(equipment.model, p), ilike(equipment.serialNo, p), ilike(equipment.location, p))!);
  }
  return and(...c)!;
}

const SORTS = {
  number: equipment.number,
  name: equipment.name,
  kind: equipment.kind,
  expiresOn: equipment.expiresOn,
  installedOn: equipment.installedOn,
  createdAt: equipment.createdAt,
  status: sql`case ${equipment.status} when 'faulty' then 1 when 'out_of_service' then 2 when 'in_service' then 3 else 4 end`,
};

export async function listEquipment(ex: Executor, today: string, where: SQL, p: PageParams, sort: string | undefined) {
  const order = sortOrder(sort, SORTS, 'number', equipment.id);
  const [items, [{ n }]] = await Promise.all([
    selectEquipment(ex, today).where(where).orderBy(...order).limit(p.pageSize).offset(p.offset),
    ex.select({ n: count() }).from(equipment).innerJoin(orgs, eq(orgs.id, equipment.orgId)).where(where),
  ]);
  return { items, total: Number(n) };
}

export async function allEquipment(ex: Executor, today: string, where: SQL, sort: string | undefined, limit: number) {
  return selectEquipment(ex, today).where(where).orderBy(...sortOrder(sort, SORTS, 'number', equipment.id)).limit(limit);
}

export async function countEquipment(ex: Executor, where: SQL): Promise<number> {
  const [{ n }] = await ex.select({ n: count() }).from(equipment).innerJoin(orgs, eq(orgs.id, equipment.orgId)).where(where);
  return Number(n);
}

export async function equipmentById(ex: Executor, today: string, id: string): Promise<EquipmentRow | undefined> {
  const [r] = await selectEquipment(ex, today).where(eq(equipment.id, id));
  return r;
}
