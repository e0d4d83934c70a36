// The fault ticket lifecycle (EQP-03) and task completion (EQP-02) as data: which step is allowed
// from which state, by whom. The services enforce it; allowedActions shows the same answers to the UI.
import type { equipmentFaults, maintenanceTasks } from '../../db/schema/index.ts';
import type { FaultStatus } from '../../db/schema/equipment.ts';
import { can } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { EP } from './permissions.ts';

type Fault = typeof equipmentFaults.$inferSelect;
type Task = typeof maintenanceTasks.$inferSelect;

//   reported → assigned → fixed → closed (verified by someone else), or back to assigned (reopen).
export const FAULT_STEP_FROM: Record<'assign' | 'fix' | 'verify' | 'reopen' | 'withdraw', readonly FaultStatus[]> = {
  assign: ['reported', 'assigned'],
  fix: ['assigned'],
  verify: ['fixed'],
  reopen: ['fixed', 'closed'],
  withdraw: ['reported', 'assigned', 'fixed'],
};

/** EQP-03: who may not verify a repair: the person who fixed it and the reporter. */
export function verifierConflict(actorId: string, f: Fault): 'fixer' | 'reporter' | null {
  if (f.fixedBy === actorId) return 'fixer';
  if (f.reportedBy === actorId) return 'reporter';
  return null;
}

/** The repair is submitted by the assignee, or by someone who may assign the ticket (on their behalf). */
export const mayFix = (ctx: Ctx, f: Fault, orgPath: string) => !!ctx.actor && (f.assigneeId === ctx.actor.userId || can(ctx.actor, EP.assign_fault, orgPath));

export function faultActions(ctx: Ctx, f: Fault, orgPath: string): string[] {
  if (f.withdrawnAt || !ctx.actor) return [];
  const at = (perm: string) => can(ctx.actor, perm, orgPath);
  const inState = (s: keyof typeof FAULT_STEP_FROM) => FAULT_STEP_FROM[s].includes(f.status);
  const out: string[] = [];
  if (inState('assign') && at(EP.assign_fault)) out.push('assign');
  if (inState('fix') && mayFix(ctx, f, orgPath)) out.push('fix');
  if (inState('verify') && at(EP.verify_fault) && !verifierConflict(ctx.actor.userId, f)) out.push('verify');
  if (inState('reopen') && at(EP.verify_fault)) out.push('reopen');
  if (inState('withdraw') && at(EP.manage)) out.push('withdraw');
  return out;
}

/** A task is completed by its assignee, or by an equipment manager at the unit. */
export const mayComplete = (ctx: Ctx, t: Task, orgPath: string) => !!ctx.actor && (t.assigneeId === ctx.actor.userId || can(ctx.actor, EP.manage, orgPath));

export function taskActions(ctx: Ctx, t: Task, orgPath: string): string[] {
  if (t.withdrawnAt || t.status !== 'due' || !ctx.actor) return [];
  return mayComplete(ctx, t, orgPath) && can(ctx.actor, EP.maintain, orgPath) ? ['complete'] : [];
}
