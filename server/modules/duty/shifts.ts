// DUT-01: shift definitions (班次) of a unit — name, local start and end; a shift may cross midnight.
// Changing a shift's times applies to assignments rostered afterwards (those already rostered keep
// the times they were rostered with, so the record of who covered what stays true).
import { and, asc, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { dutyShifts, orgs } from '../../db/schema/index.ts';
import { recordMeta } from '../../platform/access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidState } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { orgFor, visibleOrg } from '../../platform/orgs/service.ts';
import { unitWithin, requireAt, type ShiftRow, visibleShift } from './common.ts';
import { minutesOf } from './coverage.ts';
import { DP } from './permissions.ts';

export function presentShift(ctx: Ctx, s: ShiftRow, orgName: string, orgPath: string) {
  const manage = !s.withdrawnAt && can(ctx.actor, DP.manage, orgPath);
  return {
    id: s.id,
    orgId: s.orgId,
    orgName,
    name: s.name,
    startTime: s.startTime,
    endTime: s.endTime,
    crossesMidnight: minutesOf(s.endTime) <= minutesOf(s.startTime),
    ...recordMeta(s),
    allowedActions: manage ? ['edit', 'withdraw'] : [],
  };
}

export async function listShifts(ctx: Ctx, q: { orgId?: string; includeWithdrawn?: boolean }) {
  const conds = [inSubtrees(dutyShifts.orgId, scopePaths(requireActor(ctx), DP.read))];
  if (q.orgId) conds.push(unitWithin((await visibleOrg(ctx, q.orgId)).path));
  if (!q.includeWithdrawn) conds.push(isNull(dutyShifts.withdrawnAt));
  const rs = await ctx.tx.select({ s: dutyShifts, orgName: orgs.name, orgPath: orgs.path }).from(dutyShifts).innerJoin(orgs, eq(orgs.id, dutyShifts.orgId)).where(and(...conds)).orderBy(asc(orgs.path), asc(dutyShifts.startTime), asc(dutyShifts.id));
  return { items: rs.map((r) => presentShift(ctx, r.s, r.orgName, r.orgPath)) };
}

export async function createShift(ctx: Ctx, b: { orgId: string; name: string; startTime: string; endTime: string }) {
  const unit = await orgFor(ctx, b.orgId, DP.manage);
  const id = randomUUID();
  const me = requireActor(ctx).userId;
  const [s] = await ctx.tx.insert(dutyShifts).values({ id, orgId: unit.id, name: b.name.trim(), startTime: b.startTime, endTime: b.endTime, createdAt: ctx.now, createdBy: me, updatedAt: ctx.now, updatedBy: me }).returning();
  await audit(ctx, { action: 'duty.shift_create', targetType: 'duty_shift', targetId: id, targetLabel: `${unit.name} ${s.name}`, orgId: unit.id, detail: { startTime: s.startTime, endTime: s.endTime } });
  return presentShift(ctx, s, unit.name, unit.path);
}

export async function updateShift(ctx: Ctx, id: string, b: { name?: string; startTime?: string; endTime?: string; version?: number }) {
  const s = await visibleShift(ctx, id);
  requireAt(ctx, DP.manage, 'duty_shift', id, s.orgId, s.orgPath);
  if (s.withdrawnAt) throw invalidState('withdrawn');
  const after = await updateVersioned(ctx.tx, dutyShifts, id, b.version ?? s.version, {
    ...(b.name !== undefined ? { name: b.name.trim() } : {}),
    ...(b.startTime !== undefined ? { startTime: b.startTime } : {}),
    ...(b.endTime !== undefined ? { endTime: b.endTime } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.actor!.userId,
  });
  await audit(ctx, { action: 'duty.shift_update', targetType: 'duty_shift', targetId: id, targetLabel: `${s.orgName} ${after.name}`, orgId: s.orgId, changes: diff({ ...s }, { ...after }, ['name', 'startTime', 'endTime']) });
  return presentShift(ctx, after, s.orgName, s.orgPath);
}

export async function withdrawShift(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const s = await visibleShift(ctx, id);
  requireAt(ctx, DP.manage, 'duty_shift', id, s.orgId, s.orgPath);
  if (s.withdrawnAt) throw invalidState('withdrawn');
  const after = await updateVersioned(ctx.tx, dutyShifts, id, b.version ?? s.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: b.reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await audit(ctx, { action: 'duty.shift_withdraw', targetType: 'duty_shift', targetId: id, targetLabel: `${s.orgName} ${s.name}`, orgId: s.orgId, detail: { reason: b.reason } });
  return presentShift(ctx, after, s.orgName, s.orgPath);
}
