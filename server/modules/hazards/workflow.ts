// The hazard lifecycle (HAZ-02 … HAZ-06):
//   reported → assessed (graded; the grade sets the default deadline; major: interim measures and
//   the security head's sign-off) → rectifying (notice: measures, responsible person, deadline) →
//   rectified (what was done, with evidence) → closed after verification by someone other than the
//   rectifier and the reporter (major: the security head's sign-off), or back to rectifying.
// Every step checks permission, org scope and state (wrong state → 409 INVALID_STATE), writes a
// timeline entry and an audit entry in the same transaction, and notifies the people concerned.
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { hazards, hazardUpdates, orgs, users } from '../../db/schema/index.ts';
import type { HazardGrade, HazardStatus, HazardStep } from '../../db/schema/hazards.ts';
import { P } from '../../platform/access/platform-permissions.ts';
import { can, requireActor } from '../../platform/access/scope.ts';
import { audit, diff } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { linkAttachments } from '../../platform/files/service.ts';
import { forbidden, invalidField, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { allocateDocNumber } from '../../platform/numbering.ts';
import { effectiveSettings } from '../../platform/settings/service.ts';
import { dateIn, endOfDayIn } from '../../platform/time.ts';
import * as notices from './notices.ts';
import { HP } from './permissions.ts';
import { isResponsibleSide, signoffPending, STEP_FROM, verifierConflict } from './policy.ts';
import type { HazardRow } from './repository.ts';
import { get, visibleHazard } from './service.ts';
import { defaultDueDays, type HazardSettings } from './settings.ts';

type Row = typeof hazards.$inferSelect;

/** Loads the hazard for a step: visible (else 404), in a state the step accepts (else 409). */
async function forStep(ctx: Ctx, id: string, step: keyof typeof STEP_FROM | 'signoff'): Promise<HazardRow> {
  const r = await visibleHazard(ctx, id);
  if (r.hazard.withdrawnAt) throw invalidState('withdrawn');
  if (step !== 'signoff' && !STEP_FROM[step].includes(r.hazard.status)) throw invalidState(r.hazard.status);
  return r;
}

function requireAt(ctx: Ctx, perm: string, r: HazardRow): void {
  if (!can(ctx.actor, perm, r.orgPath)) throw forbidden('FORBIDDEN', { action: perm, targetType: 'hazard', targetId: r.hazard.id, orgId: r.hazard.orgId });
}

async function timeline(ctx: Ctx, h: Row, step: HazardStep, note: string | null | undefined, from: HazardStatus | null, to: HazardStatus | null, attachmentIds: string[] = []) {
  const id = randomUUID();
  await ctx.tx.insert(hazardUpdates).values({ id, hazardId: h.id, orgId: h.orgId, step, note: note ?? null, fromStatus: from, toStatus: to, createdAt: ctx.now, createdBy: ctx.actor!.userId });
  await linkAttachments(ctx, attachmentIds, { type: 'hazard_update', id, orgId: h.orgId });
}

const FIELDS = ['status', 'grade', 'dueAt', 'interimMeasures', 'assessmentNote', 'measures', 'responsibleUserId', 'noticeNumber', 'rectificationNote', 'verificationNote', 'closedAt', 'reopenCount'] as const;

/** Applies a step: versioned update, timeline entry, audit entry (with the changed fields). */
async function apply(ctx: Ctx, r: HazardRow, step: HazardStep, version: number | undefined, set: Partial<Row>, note?: string | null, attachmentIds: string[] = []) {
  const before = r.hazard;
  const after = await updateVersioned(ctx.tx, hazards, before.id, version ?? before.version, { ...set, updatedAt: ctx.now, updatedBy: ctx.actor!.userId });
  await timeline(ctx, after, step, note, before.status, after.status, attachmentIds);
  await audit(ctx, {
    action: `hazards.${step}`,
    targetType: 'hazard',
    targetId: before.id,
    targetLabel: `${before.number} ${before.title}`,
    orgId: before.orgId,
    changes: diff(before, after, FIELDS),
    detail: note ? { note } : null,
  });
  return after;
}

async function hazardSettings(ctx: Ctx, orgPath: string): Promise<HazardSettings> {
  return (await effectiveSettings(ctx.tx, orgPath)).hazards as HazardSettings;
}

/** A due date given as a local day (end of that day), not before today. */
function dueFromDay(ctx: Ctx, day: string, field: string): Date {
  const tz = ctx.app.config.timeZone;
  if (day < dateIn(ctx.now, tz)) throw ruleRefused('DUE_IN_PAST', {}, [{ path: field, code: 'DUE_IN_PAST' }]);
  return endOfDayIn(day, tz);
}

/** HAZ-02: grade it; the grade sets the default deadline; a major hazard needs interim measures. */
export async function assess(ctx: Ctx, id: string, b: { grade: HazardGrade; dueOn?: string; interimMeasures?: string | null; note?: string | null; version?: number }) {
  const r = await forStep(ctx, id, 'assess');
  requireAt(ctx, HP.assess, r);
  if (b.grade === 'major' && !b.interimMeasures?.trim()) throw ruleRefused('INTERIM_MEASURES_REQUIRED', {}, [{ path: 'interimMeasures', code: 'INTERIM_MEASURES_REQUIRED' }]);
  const tz = ctx.app.config.timeZone;
  const dueAt = b.dueOn ? dueFromDay(ctx, b.dueOn, 'dueOn') : endOfDayIn(defaultDueDays(await hazardSettings(ctx, r.orgPath), dateIn(ctx.now, tz))[b.grade], tz);
  // HAZ-06: a security head assessing a major hazard signs it off in the same act.
  const selfSignoff = b.grade === 'major' && can(ctx.actor, HP.signoff, r.orgPath);
  const after = await apply(ctx, r, 'assess', b.version, {
    status: 'assessed',
    grade: b.grade,
    dueAt,
    interimMeasures: b.interimMeasures ?? null,
    assessmentNote: b.note ?? null,
    assessedBy: ctx.actor!.userId,
    assessedAt: ctx.now,
    assessmentSignoffBy: selfSignoff ? ctx.actor!.userId : null,
    assessmentSignoffAt: selfSignoff ? ctx.now : null,
  }, b.note);
  if (b.grade === 'major' && !selfSignoff) await notices.signoffNeeded(ctx, after, r.orgPath);
  return get(ctx, id);
}

/** HAZ-06: the security head's sign-off of a major hazard, at assessment or at closure. */
export async function signoff(ctx: Ctx, id: string, b: { stage: 'assessment' | 'closure'; note?: string | null; version?: number }) {
  const r = await forStep(ctx, id, 'signoff');
  requireAt(ctx, HP.signoff, r);
  const pending = signoffPending(r.hazard);
  if (pending !== b.stage) throw pending ? invalidState(r.hazard.status) : ruleRefused('SIGNOFF_NOT_NEEDED');
  if (b.stage === 'assessment') {
    await apply(ctx, r, 'signoff_assessment', b.version, { assessmentSignoffBy: ctx.actor!.userId, assessmentSignoffAt: ctx.now }, b.note);
  } else {
    // The sign-off that closes the hazard is a check too: never by the person who rectified it (HAZ-05).
    const conflict = verifierConflict(ctx.actor!.userId, r.hazard);
    if (conflict === 'rectifier') throw ruleRefused('SAME_PERSON_CANNOT_VERIFY', { who: ctx.lang === 'en' ? 'rectifier' : '整改人' });
    const after = await apply(ctx, r, 'signoff_closure', b.version, { closureSignoffBy: ctx.actor!.userId, closureSignoffAt: ctx.now, status: 'closed', closedAt: ctx.now }, b.note);
    await notices.closed(ctx, after);
  }
  return get(ctx, id);
}

/** HAZ-03: the rectification notice (整改通知书): measures, responsible person, deadline. */
export async function issueNotice(ctx: Ctx, id: string, b: { measures: string; responsibleUserId: string; dueOn?: string; note?: string | null; version?: number }) {
  const r = await forStep(ctx, id, 'issueNotice');
  requireAt(ctx, HP.issue_notice, r);
  if (signoffPending(r.hazard)) throw ruleRefused('SIGNOFF_REQUIRED', { stage: ctx.lang === 'en' ? 'assessment' : '定级' });
  const [person] = await ctx.tx
    .select({ status: users.status, path: orgs.path, kind: orgs.kind })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, b.responsibleUserId));
  // The responsible person works in the responsible unit, in a unit above it, or in a department of a
  // unit above it (e.g. the county's IT department for a branch's network hazard) — never another branch.
  const parentPath = person?.path.replace(/[^/]+\/$/, '') ?? '';
  const related = !!person && (person.path.startsWith(r.orgPath) || r.orgPath.startsWith(person.path) || (person.kind === 'department' && parentPath.length > 1 && r.orgPath.startsWith(parentPath)));
  if (!person || person.status !== 'active' || !related || !can(ctx.actor, P.users.read, person.path)) {
    throw ruleRefused('RESPONSIBLE_NOT_ELIGIBLE', {}, [{ path: 'responsibleUserId', code: 'RESPONSIBLE_NOT_ELIGIBLE' }]);
  }
  const dueAt = b.dueOn ? dueFromDay(ctx, b.dueOn, 'dueOn') : r.hazard.dueAt!;
  const noticeNumber = await allocateDocNumber(ctx.tx, r.hazard.numberingOrgId, 'ZG', ctx.now, ctx.app.config.timeZone);
  const after = await apply(ctx, r, 'issue_notice', b.version, {
    status: 'rectifying',
    measures: b.measures,
    responsibleUserId: b.responsibleUserId,
    dueAt,
    noticeNumber,
    noticeIssuedBy: ctx.actor!.userId,
    noticeIssuedAt: ctx.now,
  }, b.note ?? b.measures);
  await notices.noticeIssued(ctx, after, r.orgPath);
  return get(ctx, id);
}

/** HAZ-04: a progress update with evidence while rectifying. */
export async function progress(ctx: Ctx, id: string, b: { note: string; attachmentIds?: string[] }) {
  const r = await forStep(ctx, id, 'progress');
  if (!isResponsibleSide(ctx, r.hazard, r.orgPath)) throw forbidden('FORBIDDEN', { action: HP.rectify, targetType: 'hazard', targetId: id, orgId: r.hazard.orgId });
  await timeline(ctx, r.hazard, 'progress', b.note, r.hazard.status, r.hazard.status, b.attachmentIds);
  await audit(ctx, { action: 'hazards.progress', targetType: 'hazard', targetId: id, targetLabel: `${r.hazard.number} ${r.hazard.title}`, orgId: r.hazard.orgId, detail: { note: b.note, attachments: b.attachmentIds?.length ?? 0 } });
  return get(ctx, id);
}

/** The responsible side reports what was done, with evidence. */
export async function submitRectification(ctx: Ctx, id: string, b: { note: string; attachmentIds: string[]; version?: number }) {
  const r = await forStep(ctx, id, 'submitRectification');
  if (!isResponsibleSide(ctx, r.hazard, r.orgPath)) throw forbidden('FORBIDDEN', { action: HP.rectify, targetType: 'hazard', targetId: id, orgId: r.hazard.orgId });
  if (!b.attachmentIds.length) throw invalidField('attachmentIds', 'EVIDENCE_REQUIRED');
  const after = await apply(ctx, r, 'submit_rectification', b.version, {
    status: 'rectified',
    rectifiedBy: ctx.actor!.userId,
    rectifiedAt: ctx.now,
    rectificationNote: b.note,
    verifiedBy: null,
    verifiedAt: null,
    verificationNote: null,
  }, b.note, b.attachmentIds);
  await notices.rectified(ctx, after, r.orgPath);
  return get(ctx, id);
}

/**
 * HAZ-05: verification by a person other than the rectifier and the reporter (422
 * SAME_PERSON_CANNOT_VERIFY). Closes the hazard, unless it is major and still needs the security
 * head's closing sign-off (HAZ-06) — given at once when the verifier is a security head.
 */
export async function verify(ctx: Ctx, id: string, b: { note?: string | null; version?: number }) {
  const r = await forStep(ctx, id, 'verify');
  requireAt(ctx, HP.verify, r);
  if (r.hazard.verifiedAt) throw invalidState('verified');
  const conflict = verifierConflict(requireActor(ctx).userId, r.hazard);
  if (conflict) throw ruleRefused('SAME_PERSON_CANNOT_VERIFY', { who: ctx.lang === 'en' ? conflict : conflict === 'rectifier' ? '整改人' : '报告人' });
  const major = r.hazard.grade === 'major';
  const closesNow = !major || can(ctx.actor, HP.signoff, r.orgPath);
  const after = await apply(ctx, r, 'verify', b.version, {
    verifiedBy: ctx.actor!.userId,
    verifiedAt: ctx.now,
    verificationNote: b.note ?? null,
    ...(closesNow ? { status: 'closed' as const, closedAt: ctx.now } : {}),
    ...(closesNow && major ? { closureSignoffBy: ctx.actor!.userId, closureSignoffAt: ctx.now } : {}),
  }, b.note);
  if (closesNow) await notices.closed(ctx, after);
  else await notices.signoffNeeded(ctx, after, r.orgPath);
  return get(ctx, id);
}

/** Verification failed (or the problem came back): back to rectifying, with the reason. */
export async function reopen(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const r = await forStep(ctx, id, 'reopen');
  requireAt(ctx, HP.verify, r);
  const after = await apply(ctx, r, 'reopen', b.version, {
    status: 'rectifying',
    reopenCount: r.hazard.reopenCount + 1,
    verifiedBy: null,
    verifiedAt: null,
    verificationNote: null,
    closureSignoffBy: null,
    closureSignoffAt: null,
    closedAt: null,
  }, b.reason);
  await notices.reopened(ctx, after, r.orgPath, b.reason);
  return get(ctx, id);
}

/** SEC-05: withdrawn, never deleted (e.g. a duplicate report), with who and why. */
export async function withdraw(ctx: Ctx, id: string, b: { reason: string; version?: number }) {
  const r = await forStep(ctx, id, 'withdraw');
  requireAt(ctx, HP.withdraw, r);
  await apply(ctx, r, 'withdraw', b.version, { withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: b.reason }, b.reason);
  return get(ctx, id);
}

