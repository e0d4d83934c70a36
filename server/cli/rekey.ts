// `anbao rekey`: after a key rotation (new ANBAO_SECRET_KEY, the old one in ANBAO_OLD_SECRET_KEYS),
// re-encrypts every registered encrypted column with the current key and recomputes the lookup
// hashes, in batches, each batch in its own transaction; audited. Afterwards the old key can go.
import { and, asc, eq, getTableColumns, gt, isNotNull, or } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Config } from '../config.ts';
import { audit } from '../platform/audit/writer.ts';
import { sealOnce } from '../platform/audit/sealer.ts';
import { inSystemTx } from '../platform/context.ts';
import { encryptedTables } from '../platform/crypto/encrypted-columns.ts';
import { openRuntime } from './runtime.ts';

const BATCH = 500;

export async function rekey(config: Config): Promise<number> {
  const rt = await openRuntime(config);
  try {
    const keys = rt.app.keys;
    const counts: Record<string, number> = {};
    for (const t of encryptedTables()) {
      counts[t.name] = 0;
      // drizzle's update().set() takes property keys, the registry holds columns.
      const keyOf = new Map<PgColumn, string>(Object.entries(getTableColumns(t.table)).map(([k, c]) => [c as PgColumn, k]));
      const anyEncrypted = or(...t.fields.map((f) => isNotNull(f.enc)))!;
      let last: string | null = null;
      for (;;) {
        const page: Array<Record<string, string | null>> = await rt.app.db
          .select({ id: t.id, ...Object.fromEntries(t.fields.flatMap((f, i) => [[`e${i}`, f.enc], ...(f.hash ? [[`h${i}`, f.hash]] : [])])) })
          .from(t.table)
          .where(last === null ? anyEncrypted : and(anyEncrypted, gt(t.id, last)))
          .orderBy(asc(t.id))
          .limit(BATCH);
        if (!page.length) break;
        await inSystemTx(rt.app, async (ctx) => {
          for (const row of page) {
            const set: Record<string, string | null> = {};
            t.fields.forEach((f, i) => {
              const enc = row[`e${i}`];
              if (!enc) return;
              const plain = keys.decrypt(enc);
              if (keys.isStale(enc)) set[keyOf.get(f.enc)!] = keys.encrypt(plain);
              if (f.hash && row[`h${i}`] !== keys.lookupHash(plain)) set[keyOf.get(f.hash)!] = keys.lookupHash(plain);
            });
            if (!Object.keys(set).length) continue;
            await ctx.tx.update(t.table).set(set).where(eq(t.id, row.id as string));
            counts[t.name]++;
          }
        });
        last = page[page.length - 1].id as string;
        if (page.length < BATCH) break;
      }
    }
    await inSystemTx(rt.app, (ctx) => audit(ctx, { action: 'keys.rekey', targetType: 'encrypted_fields', orgId: null, detail: { records: counts, keyId: keys.keyId } }));
    await sealOnce(rt.app.db, () => new Date());
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Re-encrypted ${total} records with key ${keys.keyId} (${JSON.stringify(counts)}). / 已用新密钥重新加密 ${total} 条记录。`);
    return 0;
  } finally {
    await rt.close();
  }
}
