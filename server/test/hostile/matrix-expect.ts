// Expected outcome of one matrix cell, derived from the route's declared access (augment.ts
// AccessScope) and whether the built-in role holds the route's permission (no permission: everyone).
import assert from 'node:assert/strict';
import type { RouteEntry } from '../../app.ts';
import { type BuiltinRole, builtinRolePermissions } from '../../platform/access/catalogue.ts';
import type { Res } from '../harness.ts';
import type { Unit } from './matrix-world.ts';

export type Expected = 'allow' | 'allow-or-party-refusal' | 'forbidden' | 'not-found';

export function holds(role: BuiltinRole, route: RouteEntry): boolean {
  const held = builtinRolePermissions(role);
  if (route.anyPermission) return route.anyPermission.some((p) => held.includes(p));
  return !route.permission || held.includes(route.permission);
}

export function expected(route: RouteEntry, role: BuiltinRole, unit: Unit): Expected {
  switch (route.access) {
    case 'public':
      return 'allow';
    case 'self':
      return unit === 'own' ? 'allow' : 'not-found';
    case 'global':
      return holds(role, route) ? 'allow' : 'forbidden';
    case 'unit':
    case 'party':
      if (!holds(role, route)) return 'forbidden';
      if (unit === 'other') return 'not-found';
      return route.access === 'party' ? 'allow-or-party-refusal' : 'allow';
    default:
      throw new Error(`${route.method} ${route.url} declares no access`);
  }
}

/**
 * allow: served or refused by a business rule (2xx, 409 state/version, 422 rule) — never 400 (the
 * fixture request is valid), 401, 403 or 404. party: as allow, or 403 from the workflow's own check.
 * forbidden: 403 FORBIDDEN before the input is read. not-found: 404 *_NOT_FOUND (SEC-02).
 */
export function check(r: Res, want: Expected): string | null {
  const code = r.body?.error?.code as string | undefined;
  const served = (r.status >= 200 && r.status < 300) || r.status === 409 || r.status === 422;
  switch (want) {
    case 'allow':
      return served ? null : `expected allowed, got ${r.status} ${code ?? ''}`;
    case 'allow-or-party-refusal':
      return served || r.status === 403 ? null : `expected allowed (or a party refusal), got ${r.status} ${code ?? ''}`;
    case 'forbidden':
      return r.status === 403 && code === 'FORBIDDEN' ? null : `expected 403 FORBIDDEN, got ${r.status} ${code ?? ''}`;
    case 'not-found':
      return r.status === 404 && /_NOT_FOUND$/.test(code ?? '') ? null : `expected 404 *_NOT_FOUND, got ${r.status} ${code ?? ''}`;
  }
}

export function assertNo5xx(r: Res, where: string) {
  assert.ok(r.status < 500, `${where}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}
