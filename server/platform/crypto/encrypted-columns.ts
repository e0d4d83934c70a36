// The registry of encrypted columns (DESIGN §4, PIP-02). Each module that stores a sensitive field
// encrypted registers it here, with its lookup-hash column, so `anbao rekey` re-encrypts every one of
// them after a key rotation without knowing the modules.
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

export interface EncryptedField {
  enc: PgColumn;
  /** The keyed lookup hash beside it, recomputed on rekey (none for secrets never looked up). */
  hash?: PgColumn;
}

export interface EncryptedTable {
  name: string;
  table: PgTable;
  id: PgColumn;
  fields: EncryptedField[];
}

const registry: EncryptedTable[] = [];

export function registerEncryptedColumns(t: EncryptedTable): void {
  if (registry.some((r) => r.name === t.name)) throw new Error(`encrypted columns of ${t.name} registered twice`);
  registry.push(t);
}

export function encryptedTables(): readonly EncryptedTable[] {
  return registry;
}
