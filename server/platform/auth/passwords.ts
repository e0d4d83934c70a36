// Password hashing (argon2id) and the password policy of DESIGN §6 / SEC-01: minimum length (longer
// for administrators), character classes, no name / birthday / sequence, not a common password,
// not one of the last N.
import { randomInt } from 'node:crypto';
import type { SecurityPolicy } from '../settings/security.ts';

// argon2id with OWASP's m=19 MiB, t=2, p=1 (≈100 ms here, STACK.md).
const ARGON = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// The native argon2 binding is loaded with the first password hashed or checked, not at every start.
let argon: Promise<typeof import('@node-rs/argon2')> | null = null;
const argon2 = () => (argon ??= import('@node-rs/argon2'));

export const hashPassword = async (password: string) => (await argon2()).hash(password, ARGON);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const { hash, verify } = await argon2();
  if (!stored) {
    // Same cost as a real check, so timing does not reveal whether the account exists.
    await hash(password, ARGON);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// The common-password list is large (loading it cost most of a second at every start): it is loaded
// the first time a password is checked.
let common: Promise<Set<string>> | null = null;
const commonPasswords = () =>
  (common ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set<string>((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()))));

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890', '!@#$%^&*()'];

function hasSequence(pw: string, run = 4): boolean {
  const s = pw.toLowerCase();
  for (let i = 0; i + run <= s.length; i++) {
    const chunk = s.slice(i, i + run);
    if (new Set(chunk).size === 1) return true;
    let up = true;
    let down = true;
    for (let j = 1; j < run; j++) {
      const d = chunk.charCodeAt(j) - chunk.charCodeAt(j - 1);
      if (d !== 1) up = false;
      if (d !== -1) down = false;
    }
    if (up || down) return true;
    for (const row of KEYBOARD_ROWS) {
      if (row.includes(chunk) || [...row].reverse().join('').includes(chunk)) return true;
    }
  }
  return false;
}

// A calendar date written 19xx/20xx + month + day, with or without separators (a birthday).
const DATE = /(19|20)\d\d[-./]?(0[1-9]|1[0-2])[-./]?(0[1-9]|[12]\d|3[01])/;

export interface PasswordOwner {
  username: string;
  name?: string | null;
  employeeNo?: string | null;
}

export interface PolicyViolation {
  code: string;
  params?: Record<string, unknown>;
}

export function classesOf(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
}

/** Every rule the password breaks (empty when acceptable). */
export async function checkPasswordPolicy(pw: string, owner: PasswordOwner, policy: SecurityPolicy, isAdmin: boolean): Promise<PolicyViolation[]> {
  const out: PolicyViolation[] = [];
  const min = isAdmin ? policy.adminPasswordMinLength : policy.passwordMinLength;
  if ([...pw].length < min) out.push({ code: 'PASSWORD_TOO_SHORT', params: { min } });
  if (pw.length > 128) out.push({ code: 'PASSWORD_TOO_LONG', params: { max: 128 } });
  if (classesOf(pw) < policy.passwordMinClasses) out.push({ code: 'PASSWORD_TOO_SIMPLE', params: { classes: policy.passwordMinClasses } });
  const lower = pw.toLowerCase();
  const names = [owner.username, owner.name, owner.employeeNo].filter((n): n is string => !!n && n.length >= 3).map((n) => n.toLowerCase());
  if (names.some((n) => lower.includes(n))) out.push({ code: 'PASSWORD_CONTAINS_NAME' });
  if (DATE.test(pw)) out.push({ code: 'PASSWORD_CONTAINS_DATE' });
  if (hasSequence(pw)) out.push({ code: 'PASSWORD_SEQUENCE' });
  const core = lower.replace(/^[\d\W_]+/, '').replace(/[\d\W_]+$/, '');
  const COMMON = await commonPasswords();
  if (COMMON.has(lower) || (core.length >= 5 && COMMON.has(core))) out.push({ code: 'PASSWORD_COMMON' });
  return out;
}

/** A random password that satisfies any policy (for administrator resets and new accounts). */
export function generatePassword(length = 16): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#%+=?'];
  for (;;) {
    const chars = Array.from({ length }, (_, i) => {
      const set = sets[i % sets.length];
      return set[randomInt(set.length)];
    });
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const pw = chars.join('');
    if (!hasSequence(pw) && !DATE.test(pw)) return pw;
  }
}
