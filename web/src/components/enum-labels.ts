// The server's enums with their labels. Each list is a Record over the server's own union type, so
// a value added on the server fails the type check here until it is labelled in both languages.
import { i18next } from '../app/i18n';
import type { AuditResult, OrgKind, SiteKind, UserStatus } from '../app/api-types';
import type { Tone } from './StatusTag';

const ORG_KINDS: Record<OrgKind, true> = { province_union: true, county_union: true, branch: true, department: true };
const SITE_KINDS: Record<SiteKind, true> = { vault: true, machine_room: true, monitoring_room: true, atm: true, business_hall: true, dormitory: true, other: true };
export const USER_STATUS_TONES: Record<UserStatus, Tone> = { active: 'success', transferred: 'warning', left: 'neutral' };
export const AUDIT_RESULT_TONES: Record<AuditResult, Tone> = { success: 'success', failure: 'warning', denied: 'error' };

export const orgKinds = Object.keys(ORG_KINDS) as OrgKind[];
export const siteKinds = Object.keys(SITE_KINDS) as SiteKind[];
export const userStatuses = Object.keys(USER_STATUS_TONES) as UserStatus[];
export const auditResults = Object.keys(AUDIT_RESULT_TONES) as AuditResult[];

export const orgKindLabel = (k: OrgKind) => i18next.t(`orgKind.${k}`);
export const siteKindLabel = (k: SiteKind) => i18next.t(`siteKind.${k}`);
export const userStatusLabel = (s: UserStatus) => i18next.t(`userStatus.${s}`);
export const auditResultLabel = (r: AuditResult) => i18next.t(`auditResult.${r}`);

/** The label of an enum value found in a change record, by field name; null when not an enum. */
export function enumLabel(field: string, value: string): string | null {
  if (field === 'kind' && value in ORG_KINDS) return orgKindLabel(value as OrgKind);
  if (field === 'kind' && value in SITE_KINDS) return siteKindLabel(value as SiteKind);
  if (field === 'status' && value in USER_STATUS_TONES) return userStatusLabel(value as UserStatus);
  if (field === 'result' && value in AUDIT_RESULT_TONES) return auditResultLabel(value as AuditResult);
  return null;
}
