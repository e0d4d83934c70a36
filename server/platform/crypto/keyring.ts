// Field encryption at rest (AES-256-GCM), keyed hashes for exact lookup of encrypted values, and the
// Ed25519 key that signs audit checkpoints — all derived (HKDF) from ANBAO_SECRET_KEY. Older keys in
// ANBAO_OLD_SECRET_KEYS still decrypt, so a key can be rotated with `anbao rekey` (OPERATIONS.md).
import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

interface DerivedKey {
  id: string;
  enc: Buffer;
  mac: Buffer;
}

function derive(master: Buffer): DerivedKey {
  const sub = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { id: createHash('sha256').update(master).digest('hex').slice(0, 8), enc: sub('anbao/field-encryption'), mac: sub('anbao/lookup-hash') };
}

// PKCS#8 DER prefix for a raw 32-byte Ed25519 seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export class KeyRing {
  private readonly current: DerivedKey;
  private readonly byId = new Map<string, DerivedKey>();
  private readonly signingKey: KeyObject;
  readonly publicKeyPem: string;

  constructor(master: Buffer, older: Buffer[] = []) {
    this.current = derive(master);
    for (const k of [this.current, ...older.map(derive)]) this.byId.set(k.id, k);
    const seed = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'anbao/audit-checkpoint', 32));
    this.signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    this.publicKeyPem = createPublicKey(this.signingKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  get keyId(): string {
    return this.current.id;
  }

  /** "v1:<key id>:<iv>:<tag>:<ciphertext>", base64 parts. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.enc, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', this.current.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
  }

  decrypt(value: string): string {
    const [v, id, iv, tag, ct] = value.split(':');
    const key = this.byId.get(id);
    if (v !== 'v1' || !key) throw new Error(`cannot decrypt: unknown key ${id} (set ANBAO_OLD_SECRET_KEYS?)`);
    const d = createDecipheriv('aes-256-gcm', key.enc, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64')), d.final()]).toString('utf8');
  }

  /** Whether a ciphertext was made with an older key (rekey re-encrypts those). */
  isStale(value: string): boolean {
    return value.split(':')[1] !== this.current.id;
  }

  /** Keyed hash for exact lookup; values are normalised (spaces removed, upper case) first. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.current.mac).update(value.replace(/\s+/g, '').toUpperCase()).digest('hex');
  }

  sign(data: Buffer | string): string {
    return sign(null, Buffer.from(data), this.signingKey).toString('base64');
  }

  static verifySignature(publicKeyPem: string, data: Buffer | string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(data), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }
}

/** Masks for sensitive values shown without a reveal (PIP-02). */
export function maskPhone(v: string): string {
  return v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '*'.repeat(v.length);
}

export function maskIdNumber(v: string): string {
  return v.length > 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : '*'.repeat(v.length);
}
