// Demo credentials: ANBAO_DEMO_PASSWORD / ANBAO_DEMO_TOTP_SECRET, else random, printed and kept in
// DATA_DIR/demo-credentials.json (0600) so later starts can print them again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { DEMO_ACCOUNTS, DEMO_PEOPLE } from '../demo/people.ts';
import { type DemoCredentials, randomDemoPassword, randomTotpSecret } from '../demo/seed.ts';
import { ADMIN_ROLES } from '../platform/access/catalogue.ts';
import { totpCode } from '../platform/auth/totp.ts';

const file = (config: Config) => path.join(config.dataDir, 'demo-credentials.json');

export function demoCredentials(config: Config, fresh: boolean): DemoCredentials {
  if (!fresh && existsSync(file(config))) return JSON.parse(readFileSync(file(config), 'utf8')) as DemoCredentials;
  const creds = { password: config.demoPassword ?? randomDemoPassword(), totpSecret: config.demoTotpSecret ?? randomTotpSecret() };
  mkdirSync(config.dataDir, { recursive: true });
  writeFileSync(file(config), JSON.stringify(creds, null, 2), { mode: 0o600 });
  return creds;
}

export function storedDemoCredentials(config: Config): DemoCredentials | null {
  return existsSync(file(config)) ? (JSON.parse(readFileSync(file(config), 'utf8')) as DemoCredentials) : null;
}

export function printDemoAccounts(config: Config, creds: DemoCredentials | null): void {
  const lines = ['Demo accounts / 演示账号:'];
  for (const u of DEMO_ACCOUNTS) {
    const p = DEMO_PEOPLE.find((x) => x.username === u)!;
    const admin = p.role && (ADMIN_ROLES as readonly string[]).includes(p.role);
    lines.push(`  ${u.padEnd(10)} ${p.name}  ${p.post}${admin ? '  (+TOTP)' : ''}`);
  }
  if (creds) {
    lines.push(`  password / 密码: ${creds.password}`);
    lines.push(`  TOTP secret for sysadmin, secadmin, auditor / 三员动态码密钥: ${creds.totpSecret}`);
    lines.push(`  current code / 当前动态码: npm run anbao -- demo-otp`);
  } else {
    lines.push(`  (password and TOTP secret were printed at first start; ${file(config)} is missing)`);
  }
  console.log(lines.join('\n'));
}

export function demoOtp(config: Config): number {
  const creds = storedDemoCredentials(config) ?? (config.demoTotpSecret ? { password: '', totpSecret: config.demoTotpSecret } : null);
  if (!creds) {
    console.error('No demo TOTP secret: set ANBAO_DEMO_TOTP_SECRET or start the demo first.');
    return 1;
  }
  const now = new Date();
  console.log(`${totpCode(creds.totpSecret, now)}  (valid ${30 - (Math.floor(now.getTime() / 1000) % 30)} s)`);
  return 0;
}
