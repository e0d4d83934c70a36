// The anbao CLI (DESIGN §3). Every command reads its configuration from the environment (config.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { runCli } from './cli/commands.ts';
import { ROOT } from './paths.ts';


/** `start` = build the web app when it has not been built, then serve. */
function buildWebIfNeeded(): void {
  if (existsSync(path.join(ROOT, 'dist/web/index.html'))) return;
  console.log('Building the web app (first start)… / 首次启动，正在构建网页应用…');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The web app could not be built; the API will still be served. / 网页应用构建失败，仅提供 API。');
  }
}

async function main() {
  const [command = 'serve', ...args] = process.argv.slice(2);
  if (command === 'start') buildWebIfNeeded();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Invalid configuration / 配置错误 — ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const code = await runCli(command === 'start' ? 'serve' : command, args, config);
  if (code !== null) process.exit(code);
}

main().catch((e) => {
  if (e instanceof DataDirLockedError) {
    console.error(e.message);
    process.exit(3);
  }
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
