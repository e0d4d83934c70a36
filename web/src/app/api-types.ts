// Types of the API, taken from the server's TypeBox schemas and Drizzle enums (never hand-written
// twice). Type-only imports: nothing of the server reaches the browser bundle.
import type { Static } from 'typebox';
import type { ApiToken as ApiTokenSchema, ApiTokenCreate as ApiTokenCreateSchema, ApiTokenCreated as ApiTokenCreatedSchema } from '../../../server/platform/api-tokens/schema.ts';
import type { AuditFilter, AuditEvent as AuditEventSchema, Checkpoint as CheckpointSchema, VerifyResponse } from '../../../server/platform/audit/schema.ts';
import type { HistoryEntry as HistoryEntrySchema } from '../../../server/platform/audit/history.ts';
import type { ChangePasswordBody, LoginBody, MeResponse, TotpDisableBody, TotpSetupResponse } from '../../../server/platform/auth/schema.ts';
import type { Attachment as AttachmentSchema } from '../../../server/platform/files/schema.ts';
import type { ErrorResponse, Page } from '../../../server/platform/http/types.ts';
import type { Org as OrgSchema, OrgCreate as OrgCreateSchema, OrgPatch as OrgPatchSchema } from '../../../server/platform/orgs/schema.ts';
import type { Permission as PermissionSchema, Role as RoleSchema, RoleCreate as RoleCreateSchema, RolePatch as RolePatchSchema } from '../../../server/platform/roles/schema.ts';
import type { SecurityPolicy } from '../../../server/platform/settings/security.ts';
import type { Site as SiteSchema, SiteCreate as SiteCreateSchema, SitePatch as SitePatchSchema } from '../../../server/platform/sites/schema.ts';
import type {
  Revealed as RevealedSchema,
  TemporaryPassword as TemporaryPasswordSchema,
  User as UserSchema,
  UserCreate as UserCreateSchema,
  UserCreated as UserCreatedSchema,
  UserGrant as UserGrantSchema,
  UserPatch as UserPatchSchema,
} from '../../../server/platform/users/schema.ts';

export type { OrgKind, SiteKind } from '../../../server/db/schema/orgs.ts';
export type { UserStatus, SessionState } from '../../../server/db/schema/users.ts';
export type { AuditResult } from '../../../server/db/schema/audit.ts';
export type { BuiltinRole } from '../../../server/platform/access/catalogue.ts';
export type { SecurityPolicy };

export type ErrorBody = Static<typeof ErrorResponse>;
export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];
/** A page of a list: `{items, total, page, pageSize}` (DESIGN §5). */
export type PageOf<T> = Omit<Static<ReturnType<typeof Page>>, 'items'> & { items: T[] };

export type Me = Static<typeof MeResponse>;
export type LoginInput = Static<typeof LoginBody>;
export type ChangePasswordInput = Static<typeof ChangePasswordBody>;
export type TotpDisableInput = Static<typeof TotpDisableBody>;
export type TotpSetup = Static<typeof TotpSetupResponse>;

export type Org = Static<typeof OrgSchema>;
export type OrgCreate = Static<typeof OrgCreateSchema>;
export type OrgPatch = Omit<Static<typeof OrgPatchSchema>, 'version'>;
export type Site = Static<typeof SiteSchema>;
export type SiteCreate = Static<typeof SiteCreateSchema>;
export type SitePatch = Omit<Static<typeof SitePatchSchema>, 'version'>;
export type Attachment = Static<typeof AttachmentSchema>;

export type User = Static<typeof UserSchema>;
export type UserGrant = Static<typeof UserGrantSchema>;
export type UserCreate = Static<typeof UserCreateSchema>;
export type UserCreated = Static<typeof UserCreatedSchema>;
export type UserPatch = Omit<Static<typeof UserPatchSchema>, 'version'>;
export type Revealed = Static<typeof RevealedSchema>;
export type TemporaryPassword = Static<typeof TemporaryPasswordSchema>;

export type Role = Static<typeof RoleSchema>;
export type RoleCreate = Static<typeof RoleCreateSchema>;
export type RolePatch = Omit<Static<typeof RolePatchSchema>, 'version'>;
export type Permission = Static<typeof PermissionSchema>;

export type ApiToken = Static<typeof ApiTokenSchema>;
export type ApiTokenCreate = Static<typeof ApiTokenCreateSchema>;
export type ApiTokenCreated = Static<typeof ApiTokenCreatedSchema>;

export type AuditEvent = Static<typeof AuditEventSchema>;
export type AuditQuery = { [K in keyof typeof AuditFilter]?: Static<(typeof AuditFilter)[K]> };
export type AuditVerification = Static<typeof VerifyResponse>;
export type Checkpoint = Static<typeof CheckpointSchema>;

export type HistoryEntry = Static<typeof HistoryEntrySchema>;

/**
 * GET/PATCH /api/v1/orgs/:id/settings. The server declares sections as open records; the web app
 * knows the `security` section's shape (server/platform/settings/security.ts).
 */
export interface SettingsView {
  orgId: string;
  version: number;
  own: { security?: Partial<SecurityPolicy> } & Record<string, Record<string, unknown>>;
  effective: { security: SecurityPolicy } & Record<string, Record<string, unknown>>;
  defaults: { security: SecurityPolicy } & Record<string, Record<string, unknown>>;
}
