// What the signed-in person may do, from /auth/me `permissions` (permission → roots of the subtrees
// where it is held). Menus and create buttons follow these; a record's own buttons follow its
// `allowedActions` from the server.
import { P } from '../../../server/platform/access/platform-permissions.ts';
import type { Me } from './api-types';
import type { OrgIndex } from './org-tree';

export { P };

export function hasPermission(me: Me, perm: string): boolean {
  return (me.permissions[perm]?.length ?? 0) > 0;
}

export function permissionRoots(me: Me, perm: string): string[] {
  return me.permissions[perm] ?? [];
}

/** Whether `perm` is held at unit `orgId` (it lies in one of the subtrees where it was granted). */
export function canAt(me: Me, perm: string, orgId: string, orgs: OrgIndex): boolean {
  return permissionRoots(me, perm).some((root) => orgs.isWithin(orgId, root));
}

/** A record's own actions as the server allows them for this caller. */
export function allows(record: { allowedActions: string[] } | undefined | null, action: string): boolean {
  return !!record?.allowedActions.includes(action);
}
