// Signatures on the record (INS-03): the inspector (a team member) and the inspected unit's head.
// Each signature records who, when and how: drawn on screen (a PNG), confirmed with the signer's
// password on the inspector's phone, or given from the signer's own session ('account', which the
// unit's head may also do after submission). A wrong password counts towards the signer's lockout
// like a failed login and is audited — in its own transaction, so the refusal does not undo it.
import { eq, sql } from 'drizzle-orm';
import { inspections, users } from '../../db/schema/index.ts';
import type { SIGNATURE_METHODS } from '../../db/schema/inspections.ts';
import { findUserWithOrg, type UserWithOrg } from '../../platform/auth/actor.ts';
import { confirmOwnPassword } from '../../platform/auth/confirm-password.ts';
import { audit } from '../../platform/audit/writer.ts';
import type { Ctx } from '../../platform/context.ts';
import { get as getAttachment, linkAttachments } from '../../platform/files/service.ts';
import { type AppError, conflict, forbidden, invalidField, invalidState, ruleRefused } from '../../platform/http/errors.ts';
import { updateVersioned } from '../../platform/http/versions.ts';
import { holders } from '../../platform/notify/service.ts';
import { lockVisible, requireTeam } from './perform.ts';
import { IP } from './permissions.ts';
import { canSignForUnit, isTeamMember } from './policy.ts';
import type { InspectionRow } from './repository.ts';
import { get, visibleInspection } from './service.ts';

export interface SignInput {
  role: 'inspector' | 'unit';
  method: (typeof SIGNATURE_METHODS)[number];
  signatureAttachmentId?: string;
  username?: string;
  password?: string;
  signerName?: string;
}

/** The head of the inspected unit (inspections.sign_unit over it) or an active person of the unit itself, never a team member. */
async function eligibleUnitSigner(ctx: Ctx, r: InspectionRow, u: UserWithOrg | undefined): Promise<boolean> {
  if (!u || u.withdrawnAt || u.status !== 'active' || isTeamMember(r.i, u.id)) return false;
  return u.orgId === r.i.orgId || (await holders(ctx, { permission: IP.sign_unit, orgPath: r.orgPath })).includes(u.id);
}

/** Who signs with a password: the caller themself (inspector) or the unit person named by username. */
async function passwordSigner(ctx: Ctx, r: InspectionRow, b: SignInput): Promise<UserWithOrg> {
  if (b.role === 'inspector') return (await findUserWithOrg(ctx.tx, eq(users.id, ctx.actor!.userId)))!;
  if (!b.username) throw invalidField('username', 'SIGNER_CREDENTIALS_REQUIRED');
  const u = await findUserWithOrg(ctx.tx, sql`lower(${users.username}) = lower(${b.username})`);
  if (!(await eligibleUnitSigner(ctx, r, u))) throw ruleRefused('SIGNER_NOT_ELIGIBLE', {}, [{ path: 'username', code: 'SIGNER_NOT_ELIGIBLE' }]);
  return u!;
}

/**
 * Step one of a password signature, in a transaction of its own: checks the caller may collect the
 * signature, then the signer's password. Returns the signer, or the refusal to raise after commit
 * (the failure count and the audit entry must stay).
 */
export async function confirmSignerPassword(ctx: Ctx, id: string, b: SignInput): Promise<{ signerId: string } | { refusal: AppError }> {
  const r = await visibleInspection(ctx, id);
  if (r.i.withdrawnAt) throw invalidState('withdrawn');
  requireTeam(ctx, r);
  if (r.i.status === 'submitted') throw invalidState('submitted');
  if (!b.password) throw invalidField('password', 'SIGNER_CREDENTIALS_REQUIRED');
  const signer = await passwordSigner(ctx, r, b);
  const c = await confirmOwnPassword(ctx, signer.id, b.password, 'inspection signature');
  if (c.ok) return { signerId: c.user.id };
  await audit(ctx, { action: 'inspections.sign', targetType: 'inspection', targetId: id, targetLabel: `${r.i.number} ${r.orgName}`, orgId: r.i.orgId, result: 'failure', detail: { role: b.role, method: 'password', signer: c.user.username, reason: c.alreadyLocked ? 'signer locked' : 'wrong password' } });
  const code = c.locked ? 'SIGNER_LOCKED' : 'SIGNER_PASSWORD_WRONG';
  return { refusal: ruleRefused(code, {}, [{ path: 'password', code }]) };
}

/** A drawn signature: a PNG the caller uploaded, linked to the inspection. */
async function drawnImage(ctx: Ctx, r: InspectionRow, attachmentId: string | undefined): Promise<string> {
  if (!attachmentId) throw invalidField('signatureAttachmentId', 'SIGNATURE_IMAGE_REQUIRED');
  const a = await getAttachment(ctx, attachmentId).catch(() => null);
  if (!a) throw invalidField('signatureAttachmentId', 'ATTACHMENT_NOT_FOUND');
  if (a.contentType !== 'image/png') throw invalidField('signatureAttachmentId', 'SIGNATURE_NOT_PNG');
  await linkAttachments(ctx, [attachmentId], { type: 'inspection', id: r.i.id, orgId: r.i.orgId }, 'signatureAttachmentId');
  return attachmentId;
}

/** Step two (the write): records the signature. `verifiedSignerId` comes from confirmSignerPassword. */
export async function sign(ctx: Ctx, id: string, b: SignInput, verifiedSignerId?: string) {
  const r = await lockVisible(ctx, id);
  const me = ctx.actor!.userId;
  const submitted = r.i.status === 'submitted';
  let set: Partial<typeof inspections.$inferInsert>;
  let signerLabel: string;
  if (b.role === 'inspector') {
    requireTeam(ctx, r);
    if (submitted) throw invalidState('submitted');
    if (r.i.inspectorSignedAt) throw conflict('ALREADY_SIGNED');
    if (b.method === 'password' && verifiedSignerId !== me) throw invalidField('password', 'SIGNER_CREDENTIALS_REQUIRED');
    const imageId = b.method === 'drawn' ? await drawnImage(ctx, r, b.signatureAttachmentId) : null;
    set = { inspectorSignedBy: me, inspectorSignedAt: ctx.now, inspectorSignMethod: b.method, inspectorSignatureId: imageId };
    signerLabel = ctx.actor!.name;
  } else if (b.method === 'account') {
    // The unit's head signs from their own session — before or after submission.
    if (!canSignForUnit(ctx.actor, r.i, r.orgPath)) throw forbidden('FORBIDDEN', { action: IP.sign_unit, targetType: 'inspection', targetId: id, orgId: r.i.orgId });
    if (isTeamMember(r.i, me)) throw ruleRefused('SIGNER_NOT_ELIGIBLE');
    if (r.i.unitSignedAt) throw conflict('ALREADY_SIGNED');
    set = { unitSignedBy: me, unitSignerName: ctx.actor!.name, unitSignedAt: ctx.now, unitSignMethod: 'account', unitSignatureId: null };
    signerLabel = ctx.actor!.name;
  } else {
    // Collected on site by the team, on the inspector's phone.
    requireTeam(ctx, r);
    if (submitted) throw invalidState('submitted');
    if (r.i.unitSignedAt) throw conflict('ALREADY_SIGNED');
    if (b.method === 'password') {
      if (!verifiedSignerId) throw invalidField('password', 'SIGNER_CREDENTIALS_REQUIRED');
      const [u] = await ctx.tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, verifiedSignerId));
      set = { unitSignedBy: u.id, unitSignerName: u.name, unitSignedAt: ctx.now, unitSignMethod: 'password', unitSignatureId: null };
      signerLabel = u.name;
    } else {
      if (!b.signerName?.trim()) throw invalidField('signerName', 'SIGNER_NAME_REQUIRED');
      const imageId = await drawnImage(ctx, r, b.signatureAttachmentId);
      set = { unitSignedBy: null, unitSignerName: b.signerName.trim(), unitSignedAt: ctx.now, unitSignMethod: 'drawn', unitSignatureId: imageId };
      signerLabel = b.signerName.trim();
    }
  }
  await updateVersioned(ctx.tx, inspections, id, r.i.version, { ...set, updatedAt: ctx.now, updatedBy: me });
  await audit(ctx, {
    action: 'inspections.sign',
    targetType: 'inspection',
    targetId: id,
    targetLabel: `${r.i.number} ${r.orgName}`,
    orgId: r.i.orgId,
    changes: { [b.role === 'inspector' ? 'inspectorSignature' : 'unitSignature']: [null, `${signerLabel} (${b.method})`] },
    detail: { role: b.role, method: b.method, signer: signerLabel },
  });
  return get(ctx, id);
}
