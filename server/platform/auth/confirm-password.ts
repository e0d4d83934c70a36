// A person confirms a step with their own password: an inspection signature, a duty handover taken
// over, a key set received, the second person's opening/closing check. SEC-01: such a password is a credential like a login's — a locked account
// cannot confirm, and a wrong password counts towards the lockout (and may lock the account). The
// caller's transaction must commit even when the step is refused, so the count and audit entry stay;
// the caller turns `{ ok: false }` into its own refusal and raises it after commit.
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { type AppError, ruleRefused } from '../http/errors.ts';
import { findUserWithOrg, type UserWithOrg } from './actor.ts';
import { verifyPassword } from './passwords.ts';
import { registerFailure } from './service.ts';

/** `locked`: the account is locked now (before this attempt — `alreadyLocked` — or by it). */
export type PasswordConfirmation = { ok: true; user: UserWithOrg } | { ok: false; locked: boolean; alreadyLocked: boolean; user: UserWithOrg };

/** Checks `password` for `userId` under a row lock (concurrent attempts count exactly, as logins do). */
export async function confirmOwnPassword(ctx: Ctx, userId: string, password: string, reason: string): Promise<PasswordConfirmation> {
  await ctx.tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const user = (await findUserWithOrg(ctx.tx, eq(users.id, userId)))!;
  if (user.lockedUntil && user.lockedUntil.getTime() > ctx.now.getTime()) return { ok: false, locked: true, alreadyLocked: true, user };
  if (await verifyPassword(user.passwordHash, password)) return { ok: true, user };
  const r = await registerFailure(ctx, user, `wrong password (${reason})`);
  return { ok: false, locked: !r.ok && r.error.code === 'ACCOUNT_LOCKED', alreadyLocked: false, user };
}

/** The refusal of a failed confirmation, naming the password field: wrong, or the account locked. */
export function confirmationRefusal(c: { locked: boolean }): AppError {
  const code = c.locked ? 'ACCOUNT_LOCKED_CONFIRM' : 'PASSWORD_WRONG';
  return ruleRefused(code, {}, [{ path: 'password', code }]);
}
