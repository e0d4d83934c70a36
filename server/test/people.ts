// Callers confined to one unit, made through the API as the security administrator makes them
// (people-helpers.ts: create, grant), then made ready to sign in with the demo password (and the demo
// TOTP secret for an administrator role) so a suite can act as them without walking the forced
// password change and enrolment, which the auth tests cover.
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { users } from '../db/schema/index.ts';
import { ADMIN_ROLES } from '../platform/access/catalogue.ts';
import type { Client, TestApp } from './harness.ts';
import { createPerson, grant } from './people-helpers.ts';

export interface Person {
  id: string;
  username: string;
  client: Client;
}

const suffix = () => randomBytes(3).toString('hex');

/** Every permission a custom role may hold (all but the administrator-only ones). */
export async function assignablePermissions(client: Client): Promise<string[]> {
  const r = await client.get('/api/v1/permissions');
  if (r.status !== 200) throw new Error(`permissions: ${r.status}`);
  return (r.body as Array<{ code: string; adminOnly: boolean }>).filter((p) => !p.adminOnly).map((p) => p.code);
}

/** A custom role with these permissions, made by `secadmin`; returns its code. */
export async function customRole(secadmin: Client, permissions: string[]): Promise<string> {
  const code = `t_role_${suffix()}`;
  const r = await secadmin.post('/api/v1/roles', { code, name: `测试角色${code.slice(-6)}`, nameEn: `Test role ${code}`, permissions });
  if (r.status !== 201) throw new Error(`role ${code}: ${r.status} ${JSON.stringify(r.body)}`);
  return code;
}

/** A new person in unit `orgCode` holding `roleCode` over `grantOrgCode` (default: that unit) only, signed in. */
export async function personWithRole(t: TestApp, secadmin: Client, opts: { orgCode: string; roleCode: string; grantOrgCode?: string }): Promise<Person> {
  const p = await createPerson(t, secadmin, opts.orgCode, `t_${suffix()}`);
  const g = await grant(t, secadmin, p.id, opts.roleCode, opts.grantOrgCode ?? opts.orgCode);
  if (g.status !== 201) throw new Error(`grant ${opts.roleCode} to ${p.username}: ${g.status} ${JSON.stringify(g.body)}`);
  await makeReadyToSignIn(t, p.id, (ADMIN_ROLES as readonly string[]).includes(opts.roleCode));
  return { id: p.id, username: p.username, client: await t.login(p.username) };
}

/** Gives a person the demo password (and the demo TOTP secret) and clears the forced first change. */
export async function makeReadyToSignIn(t: TestApp, userId: string, withTotp: boolean): Promise<void> {
  // Every demo account shares one password hash and one TOTP secret (demo/seed.ts); sysadmin has both.
  const [demo] = await t.database.db.select().from(users).where(eq(users.username, 'sysadmin'));
  const now = t.clock.now();
  await t.database.db
    .update(users)
    .set({
      passwordHash: demo.passwordHash,
      passwordChangedAt: now,
      mustChangePassword: false,
      totpSecretEnc: withTotp ? demo.totpSecretEnc : null,
      totpEnabledAt: withTotp ? now : null,
      totpLastStep: null,
    })
    .where(eq(users.id, userId));
}
