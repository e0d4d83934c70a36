// What the hazards module registers with the platform: attachment owners (report photos on the
// hazard; evidence on each timeline entry) and the org-usage counter (a unit with open hazards
// cannot be withdrawn: ORG-01).
import { and, count, eq, isNull, ne } from 'drizzle-orm';
import { hazards, hazardUpdates } from '../../db/schema/index.ts';
import { registerAttachmentOwner } from '../../platform/files/owners.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { registerOrgUsage } from '../../platform/orgs/usage.ts';
import { mayAttachToHazard, mayAttachToStep } from './policy.ts';
import { visibleHazard } from './service.ts';

registerAttachmentOwner('hazard', {
  visible: async (ctx, id) => ({ orgId: (await visibleHazard(ctx, id)).hazard.orgId }),
  canAttach: async (ctx, id) => {
    const r = await visibleHazard(ctx, id);
    const h = r.hazard;
    if (!mayAttachToHazard(ctx, h, r.orgPath)) throw forbidden('FORBIDDEN', { action: 'hazards.attach', targetType: 'hazard', targetId: id, orgId: h.orgId });
    return { orgId: h.orgId };
  },
});

async function updateOf(ctx: Parameters<typeof visibleHazard>[0], id: string) {
  const [u] = await ctx.tx.select().from(hazardUpdates).where(eq(hazardUpdates.id, id));
  if (!u) throw notFound('HAZARD_NOT_FOUND');
  return { u, r: await visibleHazard(ctx, u.hazardId) };
}

registerAttachmentOwner('hazard_update', {
  visible: async (ctx, id) => ({ orgId: (await updateOf(ctx, id)).u.orgId }),
  canAttach: async (ctx, id) => {
    const { u, r } = await updateOf(ctx, id);
    if (!mayAttachToStep(ctx, r.hazard, u)) throw forbidden('FORBIDDEN', { action: 'hazards.attach', targetType: 'hazard', targetId: u.hazardId, orgId: u.orgId });
    return { orgId: u.orgId };
  },
});

registerOrgUsage({
  key: 'open_hazards',
  zh: '未销号隐患',
  en: 'open hazards',
  count: async (ex, orgId) => Number((await ex.select({ n: count() }).from(hazards).where(and(eq(hazards.orgId, orgId), ne(hazards.status, 'closed'), isNull(hazards.withdrawnAt))))[0].n),
});
