// Org tree and sites (ORG-01). The tree is kept as a materialised path ("/<id>/<id>/") so a subtree
// is one indexed prefix match, whatever its depth.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';

export const ORG_KINDS = ['province_union', 'county_union', 'branch', 'department'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    /** "/<root id>/…/<own id>/" */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    code: text('code').notNull(),
    address: text('address'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('orgs_code_uq').on(t.code),
    index('orgs_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('orgs_parent_idx').on(t.parentId),
  ],
);

export const SITE_KINDS = ['vault', 'machine_room', 'monitoring_room', 'atm', 'business_hall', 'dormitory', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    kind: text('kind', { enum: SITE_KINDS }).notNull(),
    name: text('name').notNull(),
    location: text('location'),
    notes: text('notes'),
    ...registerColumns(),
  },
  (t) => [index('sites_org_idx').on(t.orgId)],
);

/** Per-org settings (security policy and later module settings); the effective value of a key is the nearest ancestor's. */
export const orgSettings = pgTable('org_settings', {
  orgId: uuid('org_id').primaryKey().references(() => orgs.id),
  settings: jsonb('settings').notNull().$type<Record<string, unknown>>(),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
