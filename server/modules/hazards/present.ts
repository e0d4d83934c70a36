// Hazard presenters: explicit output fields, names of the people involved, overdue flag, allowedActions.
import type { hazardExtensions } from '../../db/schema/index.ts';
import { iso, recordMeta } from '../../platform/access/records.ts';
import { can } from '../../platform/access/scope.ts';
import type { Ctx } from '../../platform/context.ts';
import { HP } from './permissions.ts';
import { extensionDecidable, hazardActions, signoffPending } from './policy.ts';
import type { HazardRow } from './repository.ts';

export type ExtensionRow = typeof hazardExtensions.$inferSelect;
const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

export function presentExtension(ctx: Ctx, e: ExtensionRow, names: Map<string, string>, r: HazardRow) {
  const decidable = e.status === 'pending' && extensionDecidable(r.hazard) && can(ctx.actor, HP.approve_extension, r.orgPath) && ctx.actor?.userId !== e.requestedBy;
  return {
    id: e.id,
    requestedBy: ref(names, e.requestedBy),
    requestedAt: e.requestedAt.toISOString(),
    currentDueAt: e.currentDueAt.toISOString(),
    requestedDueAt: e.requestedDueAt.toISOString(),
    reason: e.reason,
    status: e.status,
    decidedBy: ref(names, e.decidedBy),
    decidedAt: iso(e.decidedAt),
    decisionNote: e.decisionNote,
    version: e.version,
    allowedActions: decidable ? ['approve', 'reject'] : [],
  };
}

/** Every person id a hazard row mentions (to fetch their names in one query). */
export function peopleOf(r: HazardRow, extensions: ExtensionRow[] = []): string[] {
  const h = r.hazard;
  return [h.assessedBy, h.assessmentSignoffBy, h.noticeIssuedBy, h.rectifiedBy, h.verifiedBy, h.closureSignoffBy, ...extensions.flatMap((e) => [e.requestedBy, e.decidedBy])].filter(
    (x): x is string => !!x,
  );
}

export function presentHazard(ctx: Ctx, r: HazardRow, names: Map<string, string>, pending: ExtensionRow | undefined) {
  const h = r.hazard;
  return {
    id: h.id,
    number: h.number,
    title: h.title,
    description: h.description,
    category: h.category,
    source: h.source,
    orgId: h.orgId,
    orgName: r.orgName,
    siteId: h.siteId,
    siteName: r.siteName,
    location: h.location,
    grade: h.grade,
    status: h.status,
    overdue: !h.withdrawnAt && h.status !== 'closed' && !!h.dueAt && h.dueAt.getTime() < ctx.now.getTime(),
    dueAt: iso(h.dueAt),
    interimMeasures: h.interimMeasures,
    reportedBy: { id: h.reportedBy, name: r.reporterName },
    reportedAt: h.reportedAt.toISOString(),
    assessedBy: ref(names, h.assessedBy),
    assessedAt: iso(h.assessedAt),
    assessmentNote: h.assessmentNote,
    assessmentSignoffBy: ref(names, h.assessmentSignoffBy),
    assessmentSignoffAt: iso(h.assessmentSignoffAt),
    signoffPending: signoffPending(h),
    noticeNumber: h.noticeNumber,
    noticeIssuedBy: ref(names, h.noticeIssuedBy),
    noticeIssuedAt: iso(h.noticeIssuedAt),
    measures: h.measures,
    responsibleUser: h.responsibleUserId ? { id: h.responsibleUserId, name: r.responsibleName ?? '' } : null,
    rectifiedBy: ref(names, h.rectifiedBy),
    rectifiedAt: iso(h.rectifiedAt),
    rectificationNote: h.rectificationNote,
    verifiedBy: ref(names, h.verifiedBy),
    verifiedAt: iso(h.verifiedAt),
    verificationNote: h.verificationNote,
    closureSignoffBy: ref(names, h.closureSignoffBy),
    closureSignoffAt: iso(h.closureSignoffAt),
    closedAt: iso(h.closedAt),
    reopenCount: h.reopenCount,
    inspectionId: h.inspectionId,
    inspectionItemKey: h.inspectionItemKey,
    pendingExtension: pending ? presentExtension(ctx, pending, names, r) : null,
    ...recordMeta(h),
    allowedActions: hazardActions(ctx, h, r.orgPath, !!pending),
  };
}
