import { P } from '../access/platform-permissions.ts';
import { allowedActions } from '../access/records.ts';
import type { Ctx } from '../context.ts';

export function siteActions(ctx: Ctx, orgPath: string, s: { withdrawnAt: Date | null }) {
  const live = !s.withdrawnAt;
  return allowedActions(ctx, orgPath, {
    update: { perm: P.sites.manage, when: live },
    withdraw: { perm: P.sites.manage, when: live },
    attach: { perm: P.sites.manage, when: live },
  });
}
