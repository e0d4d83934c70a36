// `anbao serve`: lock the data folder (embedded), migrate, seed the demo into a new database, listen.
import type { Config } from '../config.ts';
import { buildApp } from '../app.ts';
import { databaseIsEmpty, seedDemo } from '../demo/seed.ts';
import { demoCredentials, printDemoAccounts, storedDemoCredentials } from './demo.ts';
import { openRuntime } from './runtime.ts';

export async function serve(config: Config): Promise<void> {
  const rt = await openRuntime(config);
  const app = await buildApp(config, { database: rt.database, migrate: false });
  let seeded = false;
  if (config.demo && (await databaseIsEmpty(app.anbao))) {
    const creds = demoCredentials(config, true);
    await seedDemo(app.anbao, creds);
    app.anbao.kickSealer();
    seeded = true;
  }
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\nAnbao 安保 is running: http://${shownHost}:${port}  (database: ${rt.database.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`);
  if (seeded) console.log('A demo cooperative was created in the new database. / 已在新数据库中创建演示信用社。');
  if (config.demo) printDemoAccounts(config, seeded ? demoCredentials(config, false) : storedDemoCredentials(config));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
