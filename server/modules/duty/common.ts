// Shared by the duty services: loading records the caller may see (404 outside the read scope, audited),
// who is on duty on an assignment, who may be rostered at a unit, and names for presenters.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { dutyAssignments, dutyShifts, orgs, users } from '../../db/schema/index.ts';
import { can, pathWithin, requireActor } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound, ruleRefused } from '../../platform/http/errors.ts';
import { holders } from '../../platform/notify/service.ts';
import { DP } from './permissions.ts';

export type ShiftRow = typeof dutyShifts.$inferSelect;
export type AssignmentRow = typeof dutyAssignments.$inferSelect;
export interface Unit {
  orgId: string;
  orgPath: string;
  orgName: string;
}

/** 404 (audited as denied) unless the caller may read duty records of the unit at `orgPath`. */
export function requireVisible(ctx: Ctx, code: string, targetType: string, targetId: string, orgId: string, orgPath: string): void {
  if (!can(requireActor(ctx), DP.read, orgPath)) throw notFound(code, { action: DP.read, targetType, targetId, orgId, reason: 'out of scope' });
}

/** 403 (audited) unless the caller holds `perm` at the unit. */
export function requireAt(ctx: Ctx, perm: string, targetType: string, targetId: string, orgId: string, orgPath: string): void {
  if (!can(ctx.actor, perm, orgPath)) throw forbidden('FORBIDDEN', { action: perm, targetType, targetId, orgId });
}

export async function visibleShift(ctx: Ctx, id: string): Promise<ShiftRow & Unit> {
  const [r] = await ctx.tx.select({ s: dutyShifts, orgPath: orgs.path, orgName: orgs.name }).from(dutyShifts).innerJoin(orgs, eq(orgs.id, dutyShifts.orgId)).where(eq(dutyShifts.id, id));
  if (!r) throw notFound('SHIFT_NOT_FOUND');
  requireVisible(ctx, 'SHIFT_NOT_FOUND', 'duty_shift', id, r.s.orgId, r.orgPath);
  return { ...r.s, orgPath: r.orgPath, orgName: r.orgName };
}

export interface AssignmentFull {
  a: AssignmentRow;
  shiftName: string;
  orgPath: string;
  orgName: string;
}

export const selectAssignment = (ctx: Ctx) =>
  ctx.tx
    .select({ a: dutyAssignments, shiftName: dutyShifts.name, orgPath: orgs.path, orgName: orgs.name })
    .from(dutyAssignments)
    .innerJoin(dutyShifts, eq(dutyShifts.id, dutyAssignments.shiftId))
    .innerJoin(orgs, eq(orgs.id, dutyAssignments.orgId));

export const unitOf = (r: AssignmentFull): Unit => ({ orgId: r.a.orgId, orgPath: r.orgPath, orgName: r.orgName });

/** An assignment the caller may see; `lock` takes a row lock for a write. */
export async function visibleAssignment(ctx: Ctx, id: string, lock = false): Promise<AssignmentFull> {
  const q = selectAssignment(ctx).where(eq(dutyAssignments.id, id));
  const [r] = lock ? await q.for('update', { of: dutyAssignments }) : await q;
  if (!r) throw notFound('ASSIGNMENT_NOT_FOUND');
  requireVisible(ctx, 'ASSIGNMENT_NOT_FOUND', 'duty_assignment', id, r.a.orgId, r.orgPath);
  return r;
}

/** DUT-02/03: the people on duty on the assignment and its leader on duty. */
export const onDuty = (a: AssignmentRow, userId: string | undefined) => !!userId && (a.people.includes(userId) || a.leaderId === userId);

/** 403 unless the caller is on duty on the assignment (the party the step belongs to). */
export function requireOnDuty(ctx: Ctx, r: AssignmentFull): void {
  if (!onDuty(r.a, ctx.actor?.userId)) throw forbidden('NOT_ON_DUTY', { action: DP.log, targetType: 'duty_assignment', targetId: r.a.id, orgId: r.a.orgId, reason: 'not on duty' });
}

/**
 * DUT-01: who may be rostered at a unit: active people of the unit (or below it), or people who hold
 * duty.log over it (the security department covering a branch). Refuses naming the field.
 */
export async function requireEligible(ctx: Ctx, unit: Unit, ids: string[], field: string): Promise<void> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return;
  const rs = await ctx.tx
    .select({ id: users.id, path: orgs.path })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(inArray(users.id, wanted), eq(users.status, 'active'), isNull(users.withdrawnAt)));
  const inside = new Set(rs.filter((u) => u.path.startsWith(unit.orgPath)).map((u) => u.id));
  const active = new Set(rs.map((u) => u.id));
  let dutyHolders: Set<string> | null = null;
  for (const id of wanted) {
    if (inside.has(id)) continue;
    if (active.has(id)) {
      dutyHolders ??= new Set(await holders(ctx, { permission: DP.log, orgPath: unit.orgPath }));
      if (dutyHolders.has(id)) continue;
    }
    throw ruleRefused('PERSON_NOT_ELIGIBLE', {}, [{ path: field, code: 'PERSON_NOT_ELIGIBLE' }]);
  }
}

export async function namesOf(ctx: Ctx, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  return new Map((await ctx.tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.name]));
}

export const ref = (names: Map<string, string>, id: string | null | undefined) => (id ? { id, name: names.get(id) ?? '' } : null);

/** The unit (orgs row joined to the record) lies in the subtree at `path`: the path index's range (pathWithin). */
export const unitWithin = (path: string) => pathWithin(orgs.path, path);
