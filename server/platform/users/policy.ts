import { P } from '../access/platform-permissions.ts';
import { allowedActions } from '../access/records.ts';
import type { Ctx } from '../context.ts';

export function userActions(ctx: Ctx, orgPath: string, u: { id: string; status: string; lockedUntil: Date | null; totpEnabledAt: Date | null; phoneEnc: string | null; idNumberEnc: string | null }) {
  const self = ctx.actor?.userId === u.id;
  const active = u.status === 'active';
  return allowedActions(ctx, orgPath, {
    update: { perm: P.users.manage },
    changeStatus: { perm: P.users.manage, when: !self },
    resetPassword: { perm: P.users.manage, when: !self && active },
    resetTotp: { perm: P.users.manage, when: !self && !!u.totpEnabledAt },
    unlock: { perm: P.users.manage, when: !!u.lockedUntil && u.lockedUntil.getTime() > ctx.now.getTime() },
    grant: { perm: P.roles.manage, when: !self && active },
    reveal: { perm: P.users.reveal, when: !!(u.phoneEnc || u.idNumberEnc) },
  });
}
