// The hazard lifecycle (HAZ-02 … HAZ-06) as data: which step is allowed from which state, with which
// permission, and the four-eyes rules. The service enforces it; allowedActions shows the same answers
// to the UI, so a button appears exactly when the server would accept the step.
import type { hazards } from '../../db/schema/index.ts';
import type { HazardStatus } from '../../db/schema/hazards.ts';
import { can } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { HP } from './permissions.ts';

type Row = typeof hazards.$inferSelect;

/** The caller sees a unit's hazards (the read scope every hazard query applies in SQL). */
export const mayReadHazardsIn = (ctx: Ctx, orgPath: string): boolean => can(ctx.actor, HP.read, orgPath);

export const STEP_FROM: Record<string, readonly HazardStatus[]> = {
  assess: ['reported', 'assessed'],
  issueNotice: ['assessed'],
  progress: ['rectifying'],
  submitRectification: ['rectifying'],
  requestExtension: ['assessed', 'rectifying'],
  verify: ['rectified'],
  reopen: ['rectified', 'closed'],
  withdraw: ['reported', 'assessed', 'rectifying', 'rectified'],
};

/** HAZ-04: an extension request can be decided only while the deadline still binds (not once rectified, closed or withdrawn). */
export function extensionDecidable(h: Row): boolean {
  return !h.withdrawnAt && STEP_FROM.requestExtension.includes(h.status);
}

/** HAZ-06: the sign-off a major hazard is waiting for. */
export function signoffPending(h: Row): 'assessment' | 'closure' | null {
  if (h.grade !== 'major' || h.withdrawnAt) return null;
  if (h.status === 'assessed' && !h.assessmentSignoffAt) return 'assessment';
  if (h.status === 'rectified' && h.verifiedAt && !h.closureSignoffAt) return 'closure';
  return null;
}

/** The responsible side: rectify permission at the unit, or the person the notice names. */
export function isResponsibleSide(ctx: Ctx, h: Row, orgPath: string): boolean {
  return can(ctx.actor, HP.rectify, orgPath) || (!!ctx.actor && h.responsibleUserId === ctx.actor.userId);
}

/** Who may add photos to an open hazard: its reporter, an assessor over the unit, or the responsible side. */
export function mayAttachToHazard(ctx: Ctx, h: Row, orgPath: string): boolean {
  return !h.withdrawnAt && h.status !== 'closed' && (h.reportedBy === ctx.actor?.userId || can(ctx.actor, HP.assess, orgPath) || isResponsibleSide(ctx, h, orgPath));
}

/** Who may add photos to a timeline step: the person who wrote it, while the hazard is open. */
export function mayAttachToStep(ctx: Ctx, h: Row, step: { createdBy: string }): boolean {
  return step.createdBy === ctx.actor?.userId && !h.withdrawnAt && h.status !== 'closed';
}

/** HAZ-05: who may not verify: the person who submitted the rectification and the reporter. */
export function verifierConflict(actorId: string, h: Row): 'rectifier' | 'reporter' | null {
  if (h.rectifiedBy === actorId) return 'rectifier';
  if (h.reportedBy === actorId) return 'reporter';
  return null;
}

export function hazardActions(ctx: Ctx, h: Row, orgPath: string, hasPendingExtension: boolean): string[] {
  if (h.withdrawnAt || !ctx.actor) return [];
  const me = ctx.actor.userId;
  const at = (perm: string) => can(ctx.actor, perm, orgPath);
  const inState = (step: string) => STEP_FROM[step].includes(h.status);
  const pending = signoffPending(h);
  const out: string[] = [];
  if (inState('assess') && at(HP.assess)) out.push('assess');
  if (pending && at(HP.signoff) && !(pending === 'closure' && verifierConflict(me, h))) out.push('signoff');
  if (inState('issueNotice') && at(HP.issue_notice) && !pending) out.push('issueNotice');
  if (inState('progress') && isResponsibleSide(ctx, h, orgPath)) out.push('progress');
  if (inState('submitRectification') && isResponsibleSide(ctx, h, orgPath)) out.push('submitRectification');
  if (inState('requestExtension') && h.dueAt && !hasPendingExtension && isResponsibleSide(ctx, h, orgPath)) out.push('requestExtension');
  if (inState('verify') && !h.verifiedAt && at(HP.verify) && !verifierConflict(me, h)) out.push('verify');
  if (inState('reopen') && at(HP.verify)) out.push('reopen');
  if (inState('withdraw') && at(HP.withdraw)) out.push('withdraw');
  if (at(HP.read)) out.push('print');
  return out;
}
