// Attachments (DESIGN §4): photos and PDFs with SHA-256, size and sniffed type, stored in the
// database. A file is seen by whoever may see the record it belongs to; before it is linked to a
// record (a photo taken while filling a form), only by the person who uploaded it.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { createHash, randomUUID } from 'node:crypto';
import { attachmentBlobs, attachments } from '../../db/schema/index.ts';
import { iso } from '../access/records.ts';
import { requireActor } from '../access/scope.ts';
import { audit } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { AppError, conflict, invalidField, notFound, ruleRefused } from '../http/errors.ts';
import { attachmentOwner, type AttachmentOwner } from './owners.ts';
import { cleanFileName, sniffType } from './sniff.ts';

type Row = typeof attachments.$inferSelect;

export function presentAttachment(ctx: Ctx, a: Row, canWithdraw: boolean) {
  return {
    id: a.id,
    orgId: a.orgId,
    ownerType: a.ownerType,
    ownerId: a.ownerId,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    createdAt: a.createdAt.toISOString(),
    createdBy: a.createdBy,
    withdrawnAt: iso(a.withdrawnAt),
    withdrawnReason: a.withdrawnReason,
    allowedActions: canWithdraw && !a.withdrawnAt ? ['withdraw'] : [],
  };
}

function ownerOf(type: string): AttachmentOwner {
  const o = attachmentOwner(type);
  if (!o) throw invalidField('ownerType', 'OWNER_TYPE_UNKNOWN', { type });
  return o;
}

export async function upload(ctx: Ctx, file: { data: Buffer; fileName?: string }, owner?: { type: string; id: string }) {
  const actor = requireActor(ctx);
  if (!file.data.length) throw invalidField('file', 'FILE_EMPTY');
  const type = sniffType(file.data);
  if (!type) throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', {}, [{ path: 'file', code: 'FILE_TYPE_NOT_ALLOWED' }]);
  const orgId = owner ? (await ownerOf(owner.type).canAttach(ctx, owner.id)).orgId : actor.orgId;
  const id = randomUUID();
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const [a] = await ctx.tx
    .insert(attachments)
    .values({
      id,
      orgId,
      ownerType: owner?.type ?? null,
      ownerId: owner?.id ?? null,
      fileName: cleanFileName(file.fileName),
      contentType: type,
      size: file.data.length,
      sha256,
      createdAt: ctx.now,
      createdBy: actor.userId,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
    })
    .returning();
  await ctx.tx.insert(attachmentBlobs).values({ attachmentId: id, data: file.data });
  await audit(ctx, { action: 'attachments.upload', targetType: owner?.type ?? 'attachment', targetId: owner?.id ?? id, targetLabel: a.fileName, orgId, detail: { attachmentId: id, sha256, size: a.size, contentType: type } });
  return presentAttachment(ctx, a, true);
}

/** The attachment if the caller may see it (through its owner, or as the uploader of an unlinked file). */
async function visible(ctx: Ctx, id: string): Promise<{ row: Row; canWithdraw: boolean }> {
  const actor = requireActor(ctx);
  const [a] = await ctx.tx.select().from(attachments).where(eq(attachments.id, id));
  if (!a) throw notFound('ATTACHMENT_NOT_FOUND');
  if (!a.ownerType || !a.ownerId) {
    if (a.createdBy !== actor.userId) throw notFound('ATTACHMENT_NOT_FOUND', { action: 'attachments.read', targetType: 'attachment', targetId: id, orgId: a.orgId, reason: 'not the uploader' });
    return { row: a, canWithdraw: true };
  }
  const owner = ownerOf(a.ownerType);
  try {
    await owner.visible(ctx, a.ownerId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw notFound('ATTACHMENT_NOT_FOUND', { action: 'attachments.read', targetType: 'attachment', targetId: id, orgId: a.orgId, reason: 'owner out of scope' });
    throw e;
  }
  const canWithdraw = await owner.canAttach(ctx, a.ownerId).then(
    () => true,
    () => false,
  );
  return { row: a, canWithdraw };
}

export async function get(ctx: Ctx, id: string) {
  const v = await visible(ctx, id);
  return presentAttachment(ctx, v.row, v.canWithdraw);
}

export async function content(ctx: Ctx, id: string) {
  const v = await visible(ctx, id);
  if (v.row.withdrawnAt) throw notFound('ATTACHMENT_NOT_FOUND');
  const [b] = await ctx.tx.select().from(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, id));
  return { meta: v.row, data: b.data };
}

export async function listForOwner(ctx: Ctx, ownerType: string, ownerId: string, includeWithdrawn: boolean) {
  const owner = ownerOf(ownerType);
  await owner.visible(ctx, ownerId);
  const canWithdraw = await owner.canAttach(ctx, ownerId).then(
    () => true,
    () => false,
  );
  const conds = [eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)];
  if (!includeWithdrawn) conds.push(isNull(attachments.withdrawnAt));
  const rs = await ctx.tx.select().from(attachments).where(and(...conds)).orderBy(asc(attachments.createdAt));
  return rs.map((a) => presentAttachment(ctx, a, canWithdraw));
}

/**
 * The files of several records of one register, in one query, for a caller that has already resolved
 * those records as visible (a detail page reading its own photos and its timeline's): `canWithdraw`
 * answers the owner's attach rule for each, from the rows the caller holds.
 */
export async function attachmentsOf(ctx: Ctx, owners: Array<{ type: string; id: string; canWithdraw: boolean }>) {
  const out = new Map(owners.map((o) => [`${o.type}:${o.id}`, [] as ReturnType<typeof presentAttachment>[]]));
  if (!owners.length) return out;
  const may = new Map(owners.map((o) => [`${o.type}:${o.id}`, o.canWithdraw]));
  const rs = await ctx.tx
    .select()
    .from(attachments)
    .where(and(inArray(attachments.ownerId, [...new Set(owners.map((o) => o.id))]), inArray(attachments.ownerType, [...new Set(owners.map((o) => o.type))]), isNull(attachments.withdrawnAt)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  for (const a of rs) out.get(`${a.ownerType}:${a.ownerId}`)?.push(presentAttachment(ctx, a, may.get(`${a.ownerType}:${a.ownerId}`) ?? false));
  return out;
}

export async function withdraw(ctx: Ctx, id: string, reason: string) {
  const v = await visible(ctx, id);
  if (!v.canWithdraw) throw new AppError(403, 'FORBIDDEN', {}, [], { action: 'attachments.withdraw', targetType: 'attachment', targetId: id, orgId: v.row.orgId });
  if (v.row.withdrawnAt) throw conflict('ALREADY_WITHDRAWN');
  const [a] = await ctx.tx
    .update(attachments)
    .set({ withdrawnAt: ctx.now, withdrawnBy: ctx.actor!.userId, withdrawnReason: reason, updatedAt: ctx.now, updatedBy: ctx.actor!.userId })
    .where(and(eq(attachments.id, id), isNull(attachments.withdrawnAt)))
    .returning();
  if (!a) throw conflict('ALREADY_WITHDRAWN');
  await audit(ctx, { action: 'attachments.withdraw', targetType: a.ownerType ?? 'attachment', targetId: a.ownerId ?? id, targetLabel: a.fileName, orgId: a.orgId, detail: { attachmentId: id, reason } });
  return presentAttachment(ctx, a, true);
}

/**
 * For modules: links files the caller uploaded (unlinked) to the record being saved, in its
 * transaction. Files already linked to this very record are accepted as they are.
 */
export async function linkAttachments(ctx: Ctx, ids: string[], owner: { type: string; id: string; orgId: string }, field = 'attachmentIds'): Promise<void> {
  if (!ids.length) return;
  const actor = requireActor(ctx);
  const rs = await ctx.tx.select().from(attachments).where(inArray(attachments.id, ids));
  ids.forEach((id, i) => {
    const a = rs.find((r) => r.id === id);
    if (!a || a.withdrawnAt || (!a.ownerId && a.createdBy !== actor.userId)) throw invalidField(`${field}.${i}`, 'ATTACHMENT_NOT_FOUND');
    if (a.ownerId && (a.ownerId !== owner.id || a.ownerType !== owner.type)) throw ruleRefused('ATTACHMENT_ALREADY_LINKED', {}, [{ path: `${field}.${i}`, code: 'ATTACHMENT_ALREADY_LINKED' }]);
  });
  const toLink = rs.filter((a) => !a.ownerId).map((a) => a.id);
  if (toLink.length) {
    await ctx.tx
      .update(attachments)
      .set({ ownerType: owner.type, ownerId: owner.id, orgId: owner.orgId, updatedAt: ctx.now, updatedBy: actor.userId })
      .where(and(inArray(attachments.id, toLink), isNull(attachments.ownerId)));
  }
}

/**
 * For modules: copies files the caller can see onto another record (e.g. a failed inspection item's
 * photos onto the hazard it opens, INS-04). Each copy is a new attachment with the same bytes and
 * SHA-256, so either record can later withdraw its own copy without touching the other.
 */
export async function copyAttachments(ctx: Ctx, ids: string[], owner: { type: string; id: string; orgId: string }): Promise<string[]> {
  const actor = requireActor(ctx);
  const out: string[] = [];
  for (const id of ids) {
    const v = await visible(ctx, id);
    if (v.row.withdrawnAt) continue;
    const [blob] = await ctx.tx.select().from(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, id));
    const copyId = randomUUID();
    await ctx.tx.insert(attachments).values({
      ...v.row,
      id: copyId,
      orgId: owner.orgId,
      ownerType: owner.type,
      ownerId: owner.id,
      createdAt: ctx.now,
      createdBy: actor.userId,
      updatedAt: ctx.now,
      updatedBy: actor.userId,
      version: 1,
    });
    await ctx.tx.insert(attachmentBlobs).values({ attachmentId: copyId, data: blob.data });
    out.push(copyId);
  }
  return out;
}
