// What the equipment module registers with the platform: attachment owners (a fault's photos; a
// maintenance task's photos), org-usage counters (a unit with equipment in use or open fault tickets
// cannot be withdrawn: ORG-01) and the dashboard's "today" tiles (EQP-03: faulty and out-of-service
// equipment is visible on the dashboard; overdue maintenance; expiring within 30 days).
import { and, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { equipment, equipmentFaults, maintenanceTasks, orgs } from '../../db/schema/index.ts';
import { registerAttachmentOwner } from '../../platform/files/owners.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { registerOrgUsage } from '../../platform/orgs/usage.ts';
import { registerTodayTile } from '../dashboard/tiles.ts';
import { countEquipment, equipmentWhere } from './repository.ts';
import { today } from './common.ts';
import { visibleFault } from './faults.ts';
import { visibleTask } from './maintenance.ts';
import { EP } from './permissions.ts';
import { mayComplete, mayFix } from './policy.ts';
import { taskWhere } from './tasks-repository.ts';
import { inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';

registerAttachmentOwner('equipment_fault', {
  visible: async (ctx, id) => ({ orgId: (await visibleFault(ctx, id)).f.orgId }),
  canAttach: async (ctx, id) => {
    const r = await visibleFault(ctx, id);
    const f = r.f;
    const ok = !f.withdrawnAt && f.status !== 'closed' && (f.reportedBy === ctx.actor?.userId || mayFix(ctx, f, r.orgPath));
    if (!ok) throw forbidden('FORBIDDEN', { action: 'equipment_faults.attach', targetType: 'equipment_fault', targetId: id, orgId: f.orgId });
    return { orgId: f.orgId };
  },
});

registerAttachmentOwner('maintenance_task', {
  visible: async (ctx, id) => ({ orgId: (await visibleTask(ctx, id)).t.orgId }),
  canAttach: async (ctx, id) => {
    const r = await visibleTask(ctx, id);
    if (r.t.withdrawnAt || !mayComplete(ctx, r.t, r.orgPath)) throw forbidden('FORBIDDEN', { action: 'maintenance_tasks.attach', targetType: 'maintenance_task', targetId: id, orgId: r.t.orgId });
    return { orgId: r.t.orgId };
  },
});

registerOrgUsage({
  key: 'equipment_in_use',
  zh: '在册安防设施',
  en: 'registered equipment',
  count: async (ex, orgId) => Number((await ex.select({ n: count() }).from(equipment).where(and(eq(equipment.orgId, orgId), ne(equipment.status, 'retired'), isNull(equipment.withdrawnAt))))[0].n),
});

registerOrgUsage({
  key: 'open_equipment_faults',
  zh: '未关闭的设施故障工单',
  en: 'open equipment fault tickets',
  count: async (ex, orgId) =>
    Number((await ex.select({ n: count() }).from(equipmentFaults).where(and(eq(equipmentFaults.orgId, orgId), ne(equipmentFaults.status, 'closed'), isNull(equipmentFaults.withdrawnAt))))[0].n),
});

/** The register's count for a filter, within the dashboard's root (the viewer's read scope applies). */
async function equipmentWithin(ctx: Ctx, root: { path: string }, f: { status?: Array<'faulty' | 'out_of_service'>; expiringWithin?: number }) {
  return countEquipment(ctx.tx, equipmentWhere({ scope: inSubtrees(equipment.orgId, scopePaths(requireActor(ctx), EP.read)), today: today(ctx), withinPath: root.path, ...f }));
}

registerTodayTile({
  key: 'equipment.faulty',
  label: { 'zh-CN': '故障设施', en: 'Faulty equipment' },
  link: '/equipment?status=faulty&orgId={scope}',
  permission: EP.read,
  tone: 'warn',
  order: 40,
  count: (ctx, root) => equipmentWithin(ctx, root, { status: ['faulty'] }),
});

registerTodayTile({
  key: 'equipment.outOfService',
  label: { 'zh-CN': '停用设施', en: 'Equipment out of service' },
  link: '/equipment?status=out_of_service&orgId={scope}',
  permission: EP.read,
  tone: 'warn',
  order: 41,
  count: (ctx, root) => equipmentWithin(ctx, root, { status: ['out_of_service'] }),
});

registerTodayTile({
  key: 'equipment.maintenanceOverdue',
  label: { 'zh-CN': '逾期维护任务', en: 'Maintenance overdue' },
  link: '/equipment/tasks?overdue=true&orgId={scope}',
  permission: EP.read,
  tone: 'warn',
  order: 42,
  count: async (ctx, root) => {
    const where = and(await taskWhere(ctx, { overdue: true }), pathWithin(orgs.path, root.path))!;
    const [{ n }] = await ctx.tx.select({ n: count() }).from(maintenanceTasks).innerJoin(orgs, eq(orgs.id, maintenanceTasks.orgId)).where(where);
    return Number(n);
  },
});

registerTodayTile({
  key: 'equipment.expiringSoon',
  label: { 'zh-CN': '30 天内到期设施', en: 'Expiring within 30 days' },
  link: '/equipment?expiringWithin=30&orgId={scope}',
  permission: EP.read,
  order: 43,
  count: (ctx, root) => equipmentWithin(ctx, root, { expiringWithin: 30 }),
});
