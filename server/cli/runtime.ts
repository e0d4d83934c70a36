// Opening Anbao's data outside the HTTP server (CLI commands): the data-folder lock on embedded
// databases, migrations, and an AppContext with the key ring and a console logger.
import pino from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { lockDataDir } from '../db/lock.ts';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../app.ts';
import { type AppContext, SystemClock } from '../platform/context.ts';
import { KeyRing } from '../platform/crypto/keyring.ts';
// Every area registers its permissions, settings, hooks and encrypted columns at import time.
import '../routes.ts';

export interface Runtime {
  app: AppContext;
  database: Database;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, opts: { migrate?: boolean } = {}): Promise<Runtime> {
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  try {
    const database = await openDatabase(config);
    if (opts.migrate !== false) await migrate(database);
    const app: AppContext = {
      config,
      database,
      db: database.db,
      clock: new SystemClock(),
      keys: new KeyRing(config.secretKey, config.oldSecretKeys),
      log: pino({ level: config.logLevel }) as unknown as AppContext['log'],
      kickSealer: () => {},
    };
    return {
      app,
      database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
