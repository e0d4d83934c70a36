// Inspection presenters: explicit output fields, the team's names, signatures, overdue flag,
// answered / failed counts and allowedActions.
import { iso, recordMeta } from '../../platform/access/records.ts';
import type { Ctx } from '../../platform/context.ts';
import { inspectionActions } from './policy.ts';
import type { InspectionRow } from './repository.ts';

type I = InspectionRow['i'];
const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

/** Every person an inspection row mentions (to fetch their names in one query). */
export const peopleOf = (i: I): Array<string | null> => [i.leaderId, ...i.memberIds, i.startedBy, i.submittedBy, i.inspectorSignedBy, i.unitSignedBy];

function signature(names: Map<string, string>, by: string | null, name: string | null, at: Date | null, method: I['inspectorSignMethod'], imageId: string | null) {
  if (!at) return null;
  return { signedBy: ref(names, by), signerName: by ? (names.get(by) ?? name ?? '') : (name ?? ''), signedAt: at.toISOString(), method: method!, imageId };
}

export const isOverdueNow = (i: I, now: Date) => i.status !== 'submitted' && !i.withdrawnAt && i.dueAt.getTime() < now.getTime();

export function presentInspection(ctx: Ctx, r: InspectionRow, names: Map<string, string>) {
  const i = r.i;
  return {
    id: i.id,
    number: i.number,
    orgId: i.orgId,
    orgName: r.orgName,
    siteId: i.siteId,
    siteName: r.siteName,
    planId: i.planId,
    planName: r.planName,
    periodKey: i.periodKey,
    templateId: i.templateId,
    templateName: r.templateName,
    templateNameEn: r.templateNameEn,
    templateVersion: r.templateVersion,
    status: i.status,
    unannounced: i.unannounced,
    scheduledFor: i.scheduledFor,
    dueAt: i.dueAt.toISOString(),
    overdue: isOverdueNow(i, ctx.now),
    overdueAt: iso(i.overdueAt),
    leader: { id: i.leaderId, name: r.leaderName },
    members: i.memberIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    startedAt: iso(i.startedAt),
    startedBy: ref(names, i.startedBy),
    location: i.location,
    summary: i.summary,
    submittedAt: iso(i.submittedAt),
    submittedBy: ref(names, i.submittedBy),
    itemCount: Number(r.itemCount),
    answeredCount: Number(r.answeredCount),
    failedCount: Number(r.failedCount),
    inspectorSignature: signature(names, i.inspectorSignedBy, null, i.inspectorSignedAt, i.inspectorSignMethod, i.inspectorSignatureId),
    unitSignature: signature(names, i.unitSignedBy, i.unitSignerName, i.unitSignedAt, i.unitSignMethod, i.unitSignatureId),
    ...recordMeta(i),
    allowedActions: inspectionActions(ctx, i, r.orgPath),
  };
}
