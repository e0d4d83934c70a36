// `anbao create-admin`: the first administrators of a new installation (e.g. on PostgreSQL without
// the demo). Creates the top-level unit when there is none, the person with a one-time password
// (changed at first sign-in, TOTP enrolment forced) and the administrator role over the unit.
import { parseArgs } from 'node:util';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import { grants, orgs, roles, users } from '../db/schema/index.ts';
import { ADMIN_ROLES } from '../platform/access/catalogue.ts';
import { syncBuiltinRoles } from '../platform/access/roles-service.ts';
import { audit } from '../platform/audit/writer.ts';
import { sealOnce } from '../platform/audit/sealer.ts';
import { setPassword } from '../platform/auth/password-service.ts';
import { generatePassword } from '../platform/auth/passwords.ts';
import { inSystemTx } from '../platform/context.ts';
import { securityPolicy } from '../platform/settings/service.ts';
import { runOrgCreated } from '../platform/orgs/hooks.ts';
import { openRuntime } from './runtime.ts';

export async function createAdmin(config: Config, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      'org-name': { type: 'string' },
      'org-code': { type: 'string' },
      'org-kind': { type: 'string', default: 'county_union' },
    },
  });
  const role = values.role ?? '';
  if (!values.username || !/^[A-Za-z0-9][A-Za-z0-9_.-]{1,49}$/.test(values.username)) return fail('--username is required (letters, digits, _ . -)');
  if (!values.name) return fail('--name is required');
  if (!(ADMIN_ROLES as readonly string[]).includes(role)) return fail(`--role must be one of ${ADMIN_ROLES.join(', ')}`);
  if (!['county_union', 'province_union'].includes(values['org-kind']!)) return fail('--org-kind must be county_union or province_union');

  const rt = await openRuntime(config);
  try {
    await syncBuiltinRoles(rt.app);
    const password = generatePassword();
    const code = await inSystemTx(rt.app, async (ctx) => {
      let [root] = values['org-code']
        ? await ctx.tx.select().from(orgs).where(sql`lower(${orgs.code}) = lower(${values['org-code']})`)
        : await ctx.tx.select().from(orgs).where(and(isNull(orgs.parentId), isNull(orgs.withdrawnAt))).orderBy(asc(orgs.createdAt)).limit(1);
      if (!root) {
        if (!values['org-name'] || !values['org-code']) {
          console.error('There is no unit yet: give --org-name and --org-code for the top-level unit.');
          return 2;
        }
        const id = randomUUID();
        [root] = await ctx.tx
          .insert(orgs)
          .values({ id, parentId: null, path: `/${id}/`, depth: 1, kind: values['org-kind'] as 'county_union', name: values['org-name'], code: values['org-code'], createdAt: ctx.now, updatedAt: ctx.now })
          .returning();
        await audit(ctx, { action: 'orgs.create', targetType: 'org', targetId: id, targetLabel: root.name, orgId: id, detail: { via: 'create-admin' } });
        await runOrgCreated(ctx, root);
      }
      const [taken] = await ctx.tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${values.username})`);
      if (taken) {
        console.error(`Username ${values.username} is taken.`);
        return 2;
      }
      const [r] = await ctx.tx.select().from(roles).where(eq(roles.code, role));
      const id = randomUUID();
      const [u] = await ctx.tx.insert(users).values({ id, orgId: root.id, username: values.username!, name: values.name!, post: r.name, status: 'active', statusChangedAt: ctx.now, mustChangePassword: true, createdAt: ctx.now, updatedAt: ctx.now }).returning();
      await setPassword(ctx.tx, u, password, { policy: await securityPolicy(ctx.tx, root.path), isAdmin: true, field: 'password', mustChange: true, checkHistory: false, now: ctx.now, by: null });
      await ctx.tx.insert(grants).values({ id: randomUUID(), userId: id, roleId: r.id, orgId: root.id, grantedAt: ctx.now });
      await audit(ctx, { action: 'users.create', targetType: 'user', targetId: id, targetLabel: `${u.name} (${u.username})`, orgId: root.id, detail: { via: 'create-admin', role } });
      console.log(`Created ${u.username} (${r.name} / ${r.nameEn}) over ${root.name}.\nOne-time password / 一次性密码: ${password}\nChange it and set up the authenticator at first sign-in. / 首次登录须修改密码并绑定身份验证器。`);
      return 0;
    });
    await sealOnce(rt.app.db, () => new Date());
    return code;
  } finally {
    await rt.close();
  }
}

function fail(msg: string): number {
  console.error(msg);
  return 2;
}
