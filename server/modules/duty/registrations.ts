// What the duty module registers with the platform: the org-usage counter (a unit with shifts still
// rostered ahead or open handover items cannot be withdrawn: ORG-01).
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { dutyAssignments, dutyHandoverItems } from '../../db/schema/index.ts';
import { registerOrgUsage } from '../../platform/orgs/usage.ts';

registerOrgUsage({
  key: 'duty_rostered',
  zh: '未来值班安排',
  en: 'duty assignments ahead',
  count: async (ex, orgId) => Number((await ex.select({ n: count() }).from(dutyAssignments).where(and(eq(dutyAssignments.orgId, orgId), isNull(dutyAssignments.withdrawnAt), gt(dutyAssignments.endsAt, new Date()))))[0].n),
});

registerOrgUsage({
  key: 'duty_open_items',
  zh: '未办结交接班遗留事项',
  en: 'open handover items',
  count: async (ex, orgId) => Number((await ex.select({ n: count() }).from(dutyHandoverItems).where(and(eq(dutyHandoverItems.orgId, orgId), isNull(dutyHandoverItems.closedAt))))[0].n),
});
