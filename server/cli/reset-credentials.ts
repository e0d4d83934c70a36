// `anbao reset-credentials --username U [--totp]`: operations staff with access to the server reset a
// person's password (one-time, changed at next sign-in) and, with --totp, their authenticator. The
// only way for the three administrator roles (SEC-03: the security administrator cannot take over
// another administrator's account from the app). Every session of the person ends; audited.
import { eq, sql } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { orgs, users } from '../db/schema/index.ts';
import { loadGrants } from '../platform/auth/actor.ts';
import { isAdminRoleSet, setPassword } from '../platform/auth/password-service.ts';
import { generatePassword } from '../platform/auth/passwords.ts';
import { endUserSessions } from '../platform/auth/sessions.ts';
import { audit } from '../platform/audit/writer.ts';
import { sealOnce } from '../platform/audit/sealer.ts';
import { inSystemTx } from '../platform/context.ts';
import { securityPolicy } from '../platform/settings/service.ts';
import { openRuntime } from './runtime.ts';

export async function resetCredentials(config: Config, argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { username: { type: 'string' }, totp: { type: 'boolean', default: false } } });
  if (!values.username) {
    console.error('--username is required');
    return 2;
  }
  const rt = await openRuntime(config);
  try {
    const password = generatePassword();
    const code = await inSystemTx(rt.app, async (ctx) => {
      const [u] = await ctx.tx.select({ user: users, path: orgs.path }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(sql`lower(${users.username}) = lower(${values.username})`);
      if (!u) {
        console.error(`No person with username ${values.username}.`);
        return 1;
      }
      if (u.user.status !== 'active') {
        console.error(`${u.user.username} is ${u.user.status}; reactivate the person first.`);
        return 1;
      }
      const isAdmin = isAdminRoleSet((await loadGrants(ctx.tx, u.user.id)).map((g) => g.roleCode));
      await setPassword(ctx.tx, u.user, password, { policy: await securityPolicy(ctx.tx, u.path), isAdmin, field: 'password', mustChange: true, checkHistory: false, now: ctx.now, by: null });
      if (values.totp) await ctx.tx.update(users).set({ totpEnabledAt: null, totpSecretEnc: null, totpLastStep: null }).where(eq(users.id, u.user.id));
      const ended = await endUserSessions(ctx.tx, u.user.id, 'credentials reset by operations', ctx.now);
      await audit(ctx, { action: 'users.credentials.reset', targetType: 'user', targetId: u.user.id, targetLabel: `${u.user.name} (${u.user.username})`, orgId: u.user.orgId, detail: { via: 'cli', totp: !!values.totp, sessionsEnded: ended } });
      console.log(`One-time password for ${u.user.username} / 一次性密码: ${password}${values.totp ? '\nThe authenticator was cleared: enrol again at sign-in. / 身份验证器已清除，登录时须重新绑定。' : ''}`);
      return 0;
    });
    await sealOnce(rt.app.db, () => new Date());
    return code;
  } finally {
    await rt.close();
  }
}
