// TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s) via otpauth. A code is accepted within one
// step of drift and never twice (the last accepted step is stored).
import { Secret, TOTP } from 'otpauth';
import { qrDataUrl } from '../print/qr.ts';

const ISSUER = 'Anbao 安保';

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

function totp(secret: string, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** The accepted time step, or null when the code is wrong or already used. */
export function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 30000) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export function totpCode(secret: string, now: Date): string {
  return totp(secret, 'x').generate({ timestamp: now.getTime() });
}

export async function totpEnrolment(secret: string, username: string) {
  const uri = totp(secret, username).toString();
  return { secret, uri, qrDataUrl: await qrDataUrl(uri, 220) };
}
