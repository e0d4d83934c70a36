// Environment → typed, validated configuration. Configuration comes only from environment
// variables (README lists each with its default); an invalid value stops the start with a
// message that names the variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded engine's buffer cache in MB (shared_buffers; ANBAO_EMBEDDED_CACHE_MB): 32 MB holds a
 * county cooperative's working set, pages beyond it come from the operating system's file cache, and
 * a larger cache costs start-up time (db/embedded-start.ts).
 */
export const EMBEDDED_CACHE_MB = 32;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… when running on a PostgreSQL server; undefined = embedded PGlite in dataDir. */
  databaseUrl?: string;
  /** Seed the demo cooperative into a new database (default on embedded, off on PostgreSQL). */
  demo: boolean;
  demoPassword?: string;
  demoTotpSecret?: string;
  /** Current field-encryption / signing key (32 bytes) and older keys still accepted for reading. */
  secretKey: Buffer;
  oldSecretKeys: Buffer[];
  timeZone: string;
  trustProxy: boolean;
  /** Login attempts per minute per client IP (DESIGN §6). */
  loginRateLimit: number;
  logLevel: string;
  /** Run the background scheduler (sealing the audit chain, sweeps). Tests turn it off. */
  scheduler: boolean;
  /** ANBAO_SWEEP_INTERVAL_MS: run every sweep this often instead of its own interval (reliability tests, troubleshooting). */
  sweepIntervalMs: number | null;
  /** Serve the built web app from dist/web when present. */
  serveWeb: boolean;
  /** ANBAO_EMBEDDED_CACHE_MB: the embedded database's buffer cache (EMBEDDED_CACHE_MB above). */
  embeddedCacheMb: number;
}

export class ConfigError extends Error {
  constructor(
    public readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be 1/0, true/false, yes/no or on/off, got "${raw}"`);
}

/** A key is 32 bytes given as 64 hex characters or as base64. */
export function parseKey(name: string, raw: string): Buffer {
  const s = raw.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(s)) key = Buffer.from(s, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) key = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    throw new ConfigError(name, 'must be 32 bytes, written as 64 hex characters or 44 base64 characters');
  }
  return key;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const BASE32 = /^[A-Z2-7]{16,}=*$/;

export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');

  let databaseUrl: string | undefined = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  if (databaseUrl) {
    try {
      new URL(databaseUrl);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid URL');
    }
  }

  const demo = bool(env, 'ANBAO_DEMO', !databaseUrl);
  const demoPassword = env.ANBAO_DEMO_PASSWORD || undefined;
  if (demoPassword !== undefined && demoPassword.length < 12) {
    throw new ConfigError('ANBAO_DEMO_PASSWORD', 'must be at least 12 characters (the demo includes administrator accounts)');
  }
  const demoTotpSecret = env.ANBAO_DEMO_TOTP_SECRET?.trim().toUpperCase() || undefined;
  if (demoTotpSecret !== undefined && !BASE32.test(demoTotpSecret)) {
    throw new ConfigError('ANBAO_DEMO_TOTP_SECRET', 'must be a base32 secret (A–Z, 2–7) of at least 16 characters');
  }

  const timeZone = env.ANBAO_TIMEZONE?.trim() || 'Asia/Shanghai';
  if (!validTimeZone(timeZone)) throw new ConfigError('ANBAO_TIMEZONE', `unknown time zone "${timeZone}"`);

  const secretKey = resolveSecretKey(env, dataDir, !!databaseUrl);
  const oldSecretKeys = (env.ANBAO_OLD_SECRET_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseKey('ANBAO_OLD_SECRET_KEYS', s));

  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', 'must be one of fatal, error, warn, info, debug, trace, silent');
  }

  // An instance that only serves requests (several instances on one PostgreSQL database: at least one
  // runs the background work — sweeps, reminders, deliveries, audit sealing). Embedded, the one process
  // must run it.
  const scheduler = bool(env, 'ANBAO_SCHEDULER', true);
  if (!scheduler && !databaseUrl) throw new ConfigError('ANBAO_SCHEDULER', 'can be 0 only with DATABASE_URL (another instance must run the background work)');

  return {
    port,
    host,
    dataDir,
    databaseUrl,
    demo,
    demoPassword,
    demoTotpSecret,
    secretKey,
    oldSecretKeys,
    timeZone,
    trustProxy: bool(env, 'ANBAO_TRUST_PROXY', false),
    loginRateLimit: int(env, 'ANBAO_LOGIN_RATE_LIMIT', 20, 1, 100000),
    logLevel,
    scheduler,
    sweepIntervalMs: env.ANBAO_SWEEP_INTERVAL_MS ? int(env, 'ANBAO_SWEEP_INTERVAL_MS', 60_000, 1000, 86_400_000) : null,
    serveWeb: true,
    embeddedCacheMb: int(env, 'ANBAO_EMBEDDED_CACHE_MB', EMBEDDED_CACHE_MB, 1, 16384),
  };
}

export const KEY_FILE_NAME = 'secret.key';

/**
 * ANBAO_SECRET_KEY, else ANBAO_SECRET_KEY_FILE, else (embedded only) DATA_DIR/secret.key, generated on
 * the first start. On PostgreSQL a key is required: several instances must share it, so none may
 * invent its own.
 */
function resolveSecretKey(env: Env, dataDir: string, onPostgres: boolean): Buffer {
  if (env.ANBAO_SECRET_KEY) return parseKey('ANBAO_SECRET_KEY', env.ANBAO_SECRET_KEY);
  const file = env.ANBAO_SECRET_KEY_FILE?.trim();
  if (file) {
    if (!existsSync(file)) throw new ConfigError('ANBAO_SECRET_KEY_FILE', `file ${file} does not exist`);
    return parseKey('ANBAO_SECRET_KEY_FILE', readFileSync(file, 'utf8'));
  }
  if (onPostgres) {
    throw new ConfigError('ANBAO_SECRET_KEY', 'is required with DATABASE_URL (or set ANBAO_SECRET_KEY_FILE); generate one with: openssl rand -hex 32');
  }
  const keyFile = path.join(dataDir, KEY_FILE_NAME);
  if (existsSync(keyFile)) return parseKey(`${keyFile} (key file)`, readFileSync(keyFile, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
