// Attachments (DESIGN §4): bytes live in the database so app instances stay stateless and a backup
// is one file; each carries its SHA-256, size and the type read from its bytes.
import { customType, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { registerColumns } from './common.ts';
import { orgs } from './orgs.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    /** What the file belongs to (e.g. "site", "hazard"); null until the owning record links it. */
    ownerType: text('owner_type'),
    ownerId: uuid('owner_id'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    ...registerColumns(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId)],
);

export const attachmentBlobs = pgTable('attachment_blobs', {
  attachmentId: uuid('attachment_id').primaryKey().references(() => attachments.id),
  data: bytea('data').notNull(),
});
