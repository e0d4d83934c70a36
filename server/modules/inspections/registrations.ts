// What the inspections module registers with the platform: attachment owners — 'inspection' (drawn
// signatures, linked only through the sign step) and 'inspection_result' (an item's photos, added by
// the team until submission), both seen by whoever sees the record — and the org-usage counters (a
// unit with unsubmitted inspections or in an active plan cannot be withdrawn: ORG-01).
import { and, count, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { inspectionPlans, inspectionResults, inspections } from '../../db/schema/index.ts';
import { registerAttachmentOwner } from '../../platform/files/owners.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { registerOrgUsage } from '../../platform/orgs/usage.ts';
import type { Ctx } from '../../platform/context.ts';
import { canPerform } from './policy.ts';
import { visibleInspection } from './service.ts';

registerAttachmentOwner('inspection', {
  visible: async (ctx, id) => ({ orgId: (await visibleInspection(ctx, id)).i.orgId }),
  canAttach: async (ctx, id) => {
    const r = await visibleInspection(ctx, id);
    // A signature image is part of the signature: never added, replaced or withdrawn on its own.
    throw forbidden('FORBIDDEN', { action: 'inspections.attach', targetType: 'inspection', targetId: id, orgId: r.i.orgId, reason: 'signatures are linked by the sign step' });
  },
});

async function resultOf(ctx: Ctx, id: string) {
  const [res] = await ctx.tx.select({ inspectionId: inspectionResults.inspectionId, orgId: inspectionResults.orgId }).from(inspectionResults).where(eq(inspectionResults.id, id));
  if (!res) throw notFound('INSPECTION_NOT_FOUND');
  return { res, r: await visibleInspection(ctx, res.inspectionId) };
}

registerAttachmentOwner('inspection_result', {
  visible: async (ctx, id) => ({ orgId: (await resultOf(ctx, id)).res.orgId }),
  canAttach: async (ctx, id) => {
    const { res, r } = await resultOf(ctx, id);
    if (r.i.withdrawnAt || r.i.status === 'submitted' || !canPerform(ctx.actor, r.i, r.orgPath)) {
      throw forbidden('FORBIDDEN', { action: 'inspections.attach', targetType: 'inspection', targetId: res.inspectionId, orgId: res.orgId });
    }
    return { orgId: res.orgId };
  },
});

registerOrgUsage({
  key: 'open_inspections',
  zh: '未提交的安全检查',
  en: 'unsubmitted inspections',
  count: async (ex, orgId) =>
    Number((await ex.select({ n: count() }).from(inspections).where(and(eq(inspections.orgId, orgId), ne(inspections.status, 'submitted'), isNull(inspections.withdrawnAt))))[0].n),
});

registerOrgUsage({
  key: 'active_inspection_plans',
  zh: '有效的检查计划',
  en: 'active inspection plans',
  count: async (ex, orgId) =>
    Number(
      (
        await ex
          .select({ n: count() })
          .from(inspectionPlans)
          .where(
            and(
              eq(inspectionPlans.active, true),
              isNull(inspectionPlans.withdrawnAt),
              or(eq(inspectionPlans.orgId, orgId), sql`${inspectionPlans.scopeOrgIds} @> ${JSON.stringify([orgId])}::jsonb`),
            ),
          )
      )[0].n,
    ),
});
