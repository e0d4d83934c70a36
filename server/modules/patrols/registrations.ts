// What the patrols module registers with the platform: the anomaly photos' owner (visible with the
// patrol; attachable by its reporter while no hazard is opened from it) and the org-usage counter
// (a unit with active patrol routes cannot be withdrawn: ORG-01).
import { and, count, eq, isNull } from 'drizzle-orm';
import { patrolAnomalies, patrolRoutes } from '../../db/schema/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { registerAttachmentOwner } from '../../platform/files/owners.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { registerOrgUsage } from '../../platform/orgs/usage.ts';
import { visiblePatrol } from './patrols.ts';

async function anomaly(ctx: Ctx, id: string) {
  const [a] = await ctx.tx.select().from(patrolAnomalies).where(eq(patrolAnomalies.id, id));
  if (!a) throw notFound('ANOMALY_NOT_FOUND');
  const p = await visiblePatrol(ctx, a.patrolId);
  return { a, p };
}

registerAttachmentOwner('patrol_anomaly', {
  visible: async (ctx, id) => ({ orgId: (await anomaly(ctx, id)).a.orgId }),
  canAttach: async (ctx, id) => {
    const { a, p } = await anomaly(ctx, id);
    if (a.reportedBy !== ctx.actor?.userId || a.hazardId || p.p.withdrawnAt) throw forbidden('FORBIDDEN', { action: 'patrols.attach', targetType: 'patrol', targetId: a.patrolId, orgId: a.orgId });
    return { orgId: a.orgId };
  },
});

registerOrgUsage({
  key: 'patrol_routes',
  zh: '在用巡逻路线',
  en: 'active patrol routes',
  count: async (ex, orgId) => Number((await ex.select({ n: count() }).from(patrolRoutes).where(and(eq(patrolRoutes.orgId, orgId), isNull(patrolRoutes.withdrawnAt))))[0].n),
});
