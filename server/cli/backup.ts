// `anbao backup <file>` and `anbao restore <file>` (OPERATIONS.md). A backup is one portable file
// (platform/backup/format.ts); restoring it into a new data folder or an empty PostgreSQL database
// recreates every record, and is how a cooperative moves from the embedded database to a server.
// Embedded: both take the data-folder lock, so the server must be stopped. PostgreSQL: a backup reads
// one consistent snapshot and may run while servers run.
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { backupTo } from '../platform/backup/backup.ts';
import { BackupRefusedError, type BackupSummary, readHeader } from '../platform/backup/format.ts';
import { checkHeader, restoreFrom } from '../platform/backup/restore.ts';
import { verifyChain } from '../platform/audit/verify.ts';
import { KeyRing } from '../platform/crypto/keyring.ts';
import { openRuntime } from './runtime.ts';

function fileArgument(args: string[], command: string): string | null {
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error(`Usage: anbao ${command} <file> / 用法：anbao ${command} <文件>`);
    return null;
  }
  return path.resolve(args[0]);
}

function printCounts(summary: BackupSummary): void {
  const width = Math.max(...Object.keys(summary.counts).map((t) => t.length), 5);
  for (const [table, n] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(width)}  ${String(n).padStart(10)}`);
  console.log(`  ${'total'.padEnd(width)}  ${String(summary.rows).padStart(10)}  (${(summary.durationMs / 1000).toFixed(1)} s)`);
}

function where(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
}

export async function backupCommand(config: Config, args: string[]): Promise<number> {
  const file = fileArgument(args, 'backup');
  if (!file) return 2;
  const partial = `${file}.partial`;
  const rt = await openRuntime(config, { migrate: false });
  try {
    // Written beside the target and renamed when complete: an interrupted backup never looks finished.
    // 0600: the file holds password hashes and (encrypted) personal data.
    const summary = await backupTo(rt.database, createWriteStream(partial, { mode: 0o600 }));
    renameSync(partial, file);
    console.log(`Backup of ${where(config)} written to ${file} / 备份已写入:`);
    printCounts(summary);
    return 0;
  } catch (e) {
    if (!(e instanceof BackupRefusedError)) throw e;
    console.error(e.message);
    return 1;
  } finally {
    rmSync(partial, { force: true });
    await rt.close();
  }
}

export async function restoreCommand(config: Config, args: string[]): Promise<number> {
  const file = fileArgument(args, 'restore');
  if (!file) return 2;
  if (!existsSync(file)) {
    console.error(`${file} does not exist. / 文件不存在。`);
    return 2;
  }
  const keyIds = [config.secretKey, ...config.oldSecretKeys].map((k) => new KeyRing(k).keyId);
  try {
    // A backup that is not one, is newer, or needs another key is refused before a database is created.
    checkHeader(await readHeader(createReadStream(file)), keyIds);
  } catch (e) {
    if (!(e instanceof BackupRefusedError)) throw e;
    console.error(e.message);
    return 1;
  }
  const rt = await openRuntime(config, { migrate: false });
  try {
    let summary: BackupSummary;
    try {
      summary = await restoreFrom(rt.database, createReadStream(file), { keyIds });
    } catch (e) {
      if (!(e instanceof BackupRefusedError)) throw e;
      console.error(e.message);
      return 1;
    }
    const h = summary.header;
    console.log(`Restored ${file} (made ${h.createdAt} from ${h.source === 'pglite' ? 'an embedded database' : 'PostgreSQL'}) into ${where(config)} / 已恢复:`);
    printCounts(summary);
    // Nothing new is sealed here: the chain is checked exactly as it came out of the backup.
    const r = await verifyChain(rt.app.db);
    if (r.ok) {
      console.log(`Audit chain intact: ${r.checked} entries, head seq ${r.headSeq}, head hash ${r.headHash}, ${r.unsealed.count} unsealed. / 审计链完整。`);
      return 0;
    }
    const b = r.firstBroken!;
    console.error(`Audit chain BROKEN at seq ${b.seq} (entry id ${b.id ?? '-'}, ${b.reason}). / 审计链在第 ${b.seq} 条处断裂。`);
    return 1;
  } finally {
    await rt.close();
  }
}
