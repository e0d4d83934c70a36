// What an attachment can belong to. Each owning register says who may see its files (whoever may see
// the record) and who may attach to it; downloads follow the owner's visibility.
import type { Ctx } from '../context.ts';

export interface AttachmentOwner {
  /** Resolves the record the caller may see (else throws 404) and returns its unit. */
  visible(ctx: Ctx, ownerId: string): Promise<{ orgId: string }>;
  /** Throws unless the caller may add files to the record. */
  canAttach(ctx: Ctx, ownerId: string): Promise<{ orgId: string }>;
}

const owners = new Map<string, AttachmentOwner>();

export function registerAttachmentOwner(type: string, owner: AttachmentOwner): void {
  if (owners.has(type)) throw new Error(`attachment owner ${type} registered twice`);
  owners.set(type, owner);
}

export function attachmentOwner(type: string): AttachmentOwner | undefined {
  return owners.get(type);
}

export function attachmentOwnerTypes(): string[] {
  return [...owners.keys()];
}
