// Who hears about a hazard, and when (HAZ-04): event notices from the workflow steps. Time-based
// reminders and escalation are in reminders.ts. Everything goes through platform notify (in-app,
// e-mail, group robots), exactly once per rule, record, occurrence and recipient.
import type { hazards } from '../../db/schema/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Audience, audience, holders, notify, notifyAudience } from '../../platform/notify/service.ts';
import { dateIn } from '../../platform/time.ts';
import { HP } from './permissions.ts';

type Row = typeof hazards.$inferSelect;

export const hazardLink = (id: string) => `/hazards/${id}`;

const base = (h: Row) => ({ number: h.number, title: h.title });

async function send(ctx: Ctx, h: Row, rule: string, dueKey: string, recipients: Array<string | null | undefined>, params: Record<string, unknown> = {}) {
  const to = [...new Set(recipients.filter((x): x is string => !!x))].filter((id) => id !== ctx.actor?.userId);
  if (!to.length) return;
  await notify(ctx, { rule, orgId: h.orgId, targetType: 'hazard', targetId: h.id, dueKey, recipients: to, messageCode: rule, params: { ...base(h), ...params }, link: hazardLink(h.id) });
}

/** The unit's heads (branch heads over the responsible unit). */
export const unitHeads = (ctx: Ctx, orgPath: string) => holders(ctx, { roleCodes: ['branch_head'], orgPath });
export const securityHeads = (ctx: Ctx, orgPath: string) => holders(ctx, { roleCodes: ['security_head'], orgPath });

/**
 * Who is told of a new hazard — the assessors over its unit, but not its reporter — read before its
 * number is taken (that counter row stays locked until commit).
 */
export async function reportedAudience(ctx: Ctx, unit: { id: string; name: string; path: string }): Promise<Audience> {
  const assessors = (await holders(ctx, { permission: HP.assess, orgPath: unit.path })).filter((id) => id !== ctx.actor?.userId);
  return audience(ctx, { rule: 'hazard.reported', orgId: unit.id, recipients: assessors, withChannels: true, unit });
}

export async function noticeReported(ctx: Ctx, h: Row, to: Audience) {
  await notifyAudience(ctx, to, { targetType: 'hazard', targetId: h.id, dueKey: 'report', messageCode: 'hazard.reported', params: base(h), link: hazardLink(h.id) });
}

export async function signoffNeeded(ctx: Ctx, h: Row, orgPath: string) {
  const stage = h.status === 'assessed' ? 'assessment' : 'closure';
  await send(ctx, h, 'hazard.signoff_needed', `${stage}:${(h.verifiedAt ?? h.assessedAt)?.toISOString()}`, await holders(ctx, { permission: HP.signoff, orgPath }));
}

export async function noticeIssued(ctx: Ctx, h: Row, orgPath: string) {
  const due = h.dueAt ? dateIn(h.dueAt, ctx.app.config.timeZone) : '';
  await send(ctx, h, 'hazard.notice_issued', `notice:${h.noticeNumber}`, [h.responsibleUserId, ...(await unitHeads(ctx, orgPath))], { due });
}

export async function rectified(ctx: Ctx, h: Row, orgPath: string) {
  const verifiers = (await holders(ctx, { permission: HP.verify, orgPath })).filter((id) => id !== h.rectifiedBy && id !== h.reportedBy);
  await send(ctx, h, 'hazard.rectified', `rectified:${h.rectifiedAt?.toISOString()}`, verifiers);
}

export async function reopened(ctx: Ctx, h: Row, orgPath: string, reason: string) {
  await send(ctx, h, 'hazard.reopened', `reopen:${h.reopenCount}`, [h.responsibleUserId, ...(await unitHeads(ctx, orgPath))], { reason });
}

export async function closed(ctx: Ctx, h: Row) {
  await send(ctx, h, 'hazard.closed', 'closed', [h.reportedBy, h.responsibleUserId]);
}

export async function extensionRequested(ctx: Ctx, h: Row, orgPath: string, extensionId: string, requestedDueOn: string) {
  await send(ctx, h, 'hazard.extension_requested', `extension:${extensionId}`, await holders(ctx, { permission: HP.approve_extension, orgPath }), { due: requestedDueOn });
}

export async function extensionDecided(ctx: Ctx, h: Row, requestedBy: string, approved: boolean) {
  await send(ctx, h, 'hazard.extension_decided', `extension-decision:${h.id}:${ctx.now.toISOString()}`, [requestedBy], {
    decision: ctx.lang === 'en' ? (approved ? 'approved' : 'rejected') : approved ? '批准' : '驳回',
  });
}
