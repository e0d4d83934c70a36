// Who may do what with a delivery channel: the system administrator (settings.manage) at the
// channel's unit, while the channel is not withdrawn.
import { P } from '../access/platform-permissions.ts';
import { allowedActions } from '../access/records.ts';
import type { Ctx } from '../context.ts';

export function channelActions(ctx: Ctx, orgPath: string, c: { withdrawnAt: Date | null }) {
  const live = !c.withdrawnAt;
  return allowedActions(ctx, orgPath, {
    update: { perm: P.settings.manage, when: live },
    withdraw: { perm: P.settings.manage, when: live },
    test: { perm: P.settings.manage, when: live },
  });
}
