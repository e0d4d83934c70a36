// A channel's settings: checked against its kind's schema, stored encrypted (the SMTP password and
// the robots' webhook addresses and signing secrets are credentials), shown masked. A masked value
// sent back unchanged in a PATCH keeps the stored secret, so an administrator can edit the name or
// the port without re-entering the password.
import { Compile } from 'typebox/compile';
import { notificationChannels } from '../../db/schema/index.ts';
import type { ChannelKind } from '../../db/schema/notify.ts';
import type { AppContext } from '../context.ts';
import { registerEncryptedColumns } from '../crypto/encrypted-columns.ts';
import { AppError, type ErrorDetail, invalidField } from '../http/errors.ts';
import { translateSchemaErrors } from '../http/validation.ts';
import { CHANNEL_CREATE_SCHEMAS, CONFIG_SCHEMAS, type ConfigOf } from './schema.ts';

// `anbao rekey` re-encrypts the settings after a key rotation (no lookup hash: never searched).
registerEncryptedColumns({ name: 'notification_channels', table: notificationChannels, id: notificationChannels.id, fields: [{ enc: notificationChannels.configEnc }] });

type Plain = Record<string, unknown>;

/** Fields holding a credential, per kind: masked on output, '***' in audit changes. */
export const SECRET_FIELDS: Record<ChannelKind, readonly string[]> = { email: ['password'], wecom: ['url'], dingtalk: ['url', 'secret'] };
export const MASK = '******';

/** "qyapi.weixin.qq.com…3f9a": enough to recognise which robot, not enough to use it. */
export function maskUrl(url: string): string {
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    host = '';
  }
  return `${host}…${url.slice(-4)}`;
}

function maskValue(field: string, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value ?? null;
  return field === 'url' ? maskUrl(String(value)) : MASK;
}

export function maskConfig(kind: ChannelKind, config: Plain): Plain {
  const out: Plain = { ...config };
  for (const f of SECRET_FIELDS[kind]) if (f in out) out[f] = maskValue(f, out[f]);
  return out;
}

/** The stored config with a PATCH applied: masked values equal to the stored secret's mask keep it. */
export function mergeConfig(kind: ChannelKind, stored: Plain, patch: Plain): Plain {
  const schema = CONFIG_SCHEMAS[kind];
  const required = (schema.required ?? []) as readonly string[];
  const merged: Plain = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    if (SECRET_FIELDS[kind].includes(k) && v !== null && v === maskValue(k, stored[k])) continue;
    if (v === null && k in schema.properties && !required.includes(k)) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

const configChecks = {
  email: Compile(CONFIG_SCHEMAS.email),
  wecom: Compile(CONFIG_SCHEMAS.wecom),
  dingtalk: Compile(CONFIG_SCHEMAS.dingtalk),
};
const createChecks = {
  email: Compile(CHANNEL_CREATE_SCHEMAS.email),
  wecom: Compile(CHANNEL_CREATE_SCHEMAS.wecom),
  dingtalk: Compile(CHANNEL_CREATE_SCHEMAS.dingtalk),
};

function refuse(details: ErrorDetail[]): AppError {
  return new AppError(400, 'VALIDATION_FAILED', {}, details);
}

/** 400 naming each wrong field (config.host …) unless `config` fits the kind's schema. */
export function checkConfig<K extends ChannelKind>(kind: K, config: Plain): ConfigOf[K] {
  const c = configChecks[kind];
  if (!c.Check(config)) throw refuse(translateSchemaErrors([...c.Errors(config)] as never, config).map((d) => ({ ...d, path: `config.${d.path}` })));
  return config as ConfigOf[K];
}

/**
 * The create body is a union by kind; checking it against the one branch its `kind` names gives
 * errors about that kind's fields only (a union check would mix in the other kinds' complaints).
 */
export function checkCreateBody(body: unknown): void {
  const kind = (body as Plain | null)?.kind;
  if (typeof kind !== 'string' || !(kind in createChecks)) throw invalidField('kind', 'V_ENUM', { allowed: Object.keys(createChecks).join(', ') });
  const c = createChecks[kind as ChannelKind];
  if (!c.Check(body)) throw refuse(translateSchemaErrors([...c.Errors(body)] as never, body));
}

export function encryptConfig(app: AppContext, config: Plain): string {
  return app.keys.encrypt(JSON.stringify(config));
}

export function decryptConfig(app: AppContext, enc: string): Plain {
  return JSON.parse(app.keys.decrypt(enc)) as Plain;
}
