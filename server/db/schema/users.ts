// People and their accounts (ORG-02, SEC-01). A person belongs to one unit and post; contact fields
// are encrypted at rest with a keyed hash beside them for exact lookup (DESIGN §4).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { registerColumns, ts } from './common.ts';
import { orgs } from './orgs.ts';

export const USER_STATUSES = ['active', 'transferred', 'left'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    username: text('username').notNull(),
    name: text('name').notNull(),
    post: text('post'),
    employeeNo: text('employee_no'),
    email: text('email'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    statusChangedAt: ts('status_changed_at'),
    locale: text('locale'),
    passwordHash: text('password_hash'),
    passwordChangedAt: ts('password_changed_at'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: ts('locked_until'),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabledAt: ts('totp_enabled_at'),
    /** Last accepted TOTP time step, so one code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    lastLoginAt: ts('last_login_at'),
    ...registerColumns(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_org_idx').on(t.orgId),
    index('users_phone_hash_idx').on(t.phoneHash),
    index('users_id_number_hash_idx').on(t.idNumberHash),
  ],
);

export const passwordHistory = pgTable(
  'password_history',
  {
    userId: uuid('user_id').notNull().references(() => users.id),
    hash: text('hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt)],
);

export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description'),
    builtin: boolean('builtin').notNull().default(false),
    permissions: jsonb('permissions').notNull().$type<string[]>(),
    ...registerColumns(),
  },
  (t) => [uniqueIndex('roles_code_uq').on(t.code)],
);

/** A grant is role + person + org subtree (SEC-02). Revoked grants stay, with who and why. */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    roleId: uuid('role_id').notNull().references(() => roles.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    grantedBy: uuid('granted_by'),
    grantedAt: ts('granted_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by'),
    revokeReason: text('revoke_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('grants_user_idx').on(t.userId), index('grants_role_idx').on(t.roleId), index('grants_org_idx').on(t.orgId)],
);

export const SESSION_STATES = ['active', 'enrol_totp', 'change_password'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** Server-side sessions: the cookie carries a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    state: text('state', { enum: SESSION_STATES }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    endedAt: ts('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Scoped API tokens for integrations: hashed at rest, shown once, expiring, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    /** The person the integration acts for; the token never exceeds their own permissions. */
    userId: uuid('user_id').notNull().references(() => users.id),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    permissions: jsonb('permissions').notNull().$type<string[]>(),
    expiresAt: ts('expires_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by'),
    revokeReason: text('revoke_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

