// Who may do what with an inspection record (INS-03): the steps are open to the team (leader and
// members) holding inspections.perform over the unit; the unit's signature is collected by the team
// on site (password or drawn) or given later by the unit's head from their own session. The service
// enforces these rules; allowedActions shows the same answers to the UI.
import type { inspections } from '../../db/schema/index.ts';
import { can } from '../../platform/access/scope.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { IP } from './permissions.ts';

type Row = typeof inspections.$inferSelect;

export const isTeamMember = (i: Pick<Row, 'leaderId' | 'memberIds'>, userId: string | undefined) => !!userId && (i.leaderId === userId || i.memberIds.includes(userId));

/** A team member allowed to inspect this unit. */
export const canPerform = (actor: Actor | null, i: Row, orgPath: string) => !!actor && isTeamMember(i, actor.userId) && can(actor, IP.perform, orgPath);

/** May sign for the inspected unit from their own session: its head, or a person of the unit itself. */
export const canSignForUnit = (actor: Actor | null, i: Row, orgPath: string) => !!actor && (can(actor, IP.sign_unit, orgPath) || actor.orgId === i.orgId);

export function inspectionActions(ctx: Ctx, i: Row, orgPath: string): string[] {
  const a = ctx.actor;
  if (!a || i.withdrawnAt) return [];
  const perform = canPerform(a, i, orgPath);
  const open = i.status !== 'submitted';
  const out: string[] = [];
  if (i.status === 'planned' && perform) out.push('start');
  if (open && perform) out.push('record');
  if (open && perform && !i.inspectorSignedAt) out.push('signInspector');
  if (open && perform && !i.unitSignedAt) out.push('signUnit');
  if (!i.unitSignedAt && canSignForUnit(a, i, orgPath) && !isTeamMember(i, a.userId)) out.push('signUnitAccount');
  if (i.status === 'in_progress' && perform) out.push('submit');
  if (i.status === 'planned' && !i.startedAt && can(a, IP.plan, orgPath)) out.push('withdraw');
  out.push('print');
  return out;
}
