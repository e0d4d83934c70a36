// Notices of the visitor register: the host on arrival (VIS-01); the host and the unit head when a
// visitor is still inside at closing time (sent once per visit).
import type { visitors } from '../../db/schema/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { notify } from '../../platform/notify/service.ts';

type Row = typeof visitors.$inferSelect;
export const visitorLink = (id: string) => `/visitors/${id}`;

export async function notifyArrival(ctx: Ctx, v: Row): Promise<void> {
  await notify(ctx, {
    rule: 'visitor.arrived',
    orgId: v.orgId,
    targetType: 'visitor',
    targetId: v.id,
    dueKey: 'arrival',
    recipients: [v.hostId],
    messageCode: 'visitor.arrived',
    params: { name: v.name, company: v.company ?? '-', purpose: v.purpose },
    link: visitorLink(v.id),
  });
}
