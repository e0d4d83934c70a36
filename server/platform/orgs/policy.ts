// Org tree rules (ORG-01): which kind of unit may sit under which, and what a caller may do to a unit.
import type { OrgKind } from '../../db/schema/orgs.ts';
import { allowedActions } from '../access/records.ts';
import { P } from '../access/platform-permissions.ts';
import type { Ctx } from '../context.ts';

/** Allowed parent kinds; null = may be a top-level unit. */
export const PARENT_KINDS: Record<OrgKind, Array<OrgKind | null>> = {
  province_union: [null],
  county_union: [null, 'province_union'],
  branch: ['county_union'],
  department: ['province_union', 'county_union', 'branch'],
};

export function parentAllowed(kind: OrgKind, parentKind: OrgKind | null): boolean {
  return PARENT_KINDS[kind].includes(parentKind);
}

export function orgActions(ctx: Ctx, org: { path: string; parentId: string | null; withdrawnAt: Date | null }) {
  const live = !org.withdrawnAt;
  return allowedActions(ctx, org.path, {
    update: { perm: P.orgs.manage, when: live },
    move: { perm: P.orgs.manage, when: live && !!org.parentId },
    withdraw: { perm: P.orgs.manage, when: live && !!org.parentId },
    addChild: { perm: P.orgs.manage, when: live },
    addSite: { perm: P.sites.manage, when: live },
    settings: { perm: P.settings.manage, when: live },
  });
}
