// Setting a password, shared by the user's own change, an administrator's reset and account
// creation: the policy of the person's unit (longer for administrators), the last-N history rule,
// argon2id hashing and the history row, all in the caller's transaction.
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { passwordHistory, users } from '../../db/schema/index.ts';
import { ADMIN_ROLES } from '../access/catalogue.ts';
import { ruleRefused } from '../http/errors.ts';
import type { SecurityPolicy } from '../settings/security.ts';
import { checkPasswordPolicy, hashPassword, type PasswordOwner, verifyPassword } from './passwords.ts';

export const isAdminRoleSet = (roleCodes: Iterable<string>) => [...roleCodes].some((r) => (ADMIN_ROLES as readonly string[]).includes(r));

export function requiresTotp(roleCodes: string[], policy: SecurityPolicy): boolean {
  return policy.totpEveryone || isAdminRoleSet(roleCodes) || roleCodes.some((r) => policy.totpRoles.includes(r as never));
}

export function passwordExpired(u: { passwordChangedAt: Date | null }, policy: SecurityPolicy, now: Date): boolean {
  if (!policy.passwordMaxAgeDays || !u.passwordChangedAt) return false;
  return now.getTime() - u.passwordChangedAt.getTime() > policy.passwordMaxAgeDays * 86_400_000;
}

export async function setPassword(
  ex: Executor,
  user: PasswordOwner & { id: string },
  newPassword: string,
  opts: { policy: SecurityPolicy; isAdmin: boolean; field: string; mustChange: boolean; checkHistory: boolean; now: Date; by: string | null },
): Promise<void> {
  const violations = await checkPasswordPolicy(newPassword, user, opts.policy, opts.isAdmin);
  if (opts.checkHistory && opts.policy.passwordHistory > 0 && !violations.length) {
    const recent = await ex
      .select({ hash: passwordHistory.hash })
      .from(passwordHistory)
      .where(eq(passwordHistory.userId, user.id))
      .orderBy(desc(passwordHistory.createdAt))
      .limit(opts.policy.passwordHistory);
    for (const r of recent) {
      if (await verifyPassword(r.hash, newPassword)) {
        violations.push({ code: 'PASSWORD_REUSED', params: { count: opts.policy.passwordHistory } });
        break;
      }
    }
  }
  if (violations.length) {
    throw ruleRefused(
      'PASSWORD_NOT_ACCEPTED',
      {},
      violations.map((v) => ({ path: opts.field, code: v.code, params: v.params })),
    );
  }
  const hash = await hashPassword(newPassword);
  await ex
    .update(users)
    .set({ passwordHash: hash, passwordChangedAt: opts.now, mustChangePassword: opts.mustChange, failedLogins: 0, lockedUntil: null, updatedAt: opts.now, updatedBy: opts.by })
    .where(eq(users.id, user.id));
  await ex.insert(passwordHistory).values({ userId: user.id, hash, createdAt: opts.now });
}
