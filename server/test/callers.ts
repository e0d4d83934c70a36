// Which demo person may call a route: the first one, in the order below, whose built-in role holds the
// route's permission (all of them hold their role over the county, SFX). Suites that walk the route
// catalogue use it so a new route needs no edit here unless no demo role holds its permission.
import type { RouteEntry } from '../app.ts';
import { type BuiltinRole, builtinRolePermissions } from '../platform/access/catalogue.ts';

const DEMO_HOLDERS: Array<[BuiltinRole, string]> = [
  ['security_officer', 'officer'],
  ['security_head', 'head'],
  ['it_admin', 'it1'],
  ['leader', 'leader'],
  ['sysadmin', 'sysadmin'],
  ['secadmin', 'secadmin'],
  ['auditor', 'auditor'],
];

/** The demo username allowed to call the route over the county; null for public routes. */
export function demoCallerFor(route: Pick<RouteEntry, 'permission' | 'public'>): string | null {
  if (route.public) return null;
  if (!route.permission) return 'officer';
  const holder = DEMO_HOLDERS.find(([role]) => builtinRolePermissions(role).includes(route.permission!));
  if (!holder) throw new Error(`no demo person holds ${route.permission}: extend DEMO_HOLDERS in server/test/callers.ts`);
  return holder[1];
}

/** The built-in role that holds `perm` (for administrator-only permissions: the one administrator role). */
export function builtinHolderOf(perm: string, roles: readonly BuiltinRole[]): BuiltinRole | undefined {
  return roles.find((r) => builtinRolePermissions(r).includes(perm));
}
