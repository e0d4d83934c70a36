// Where the project's files are, wherever this code runs from: the TypeScript sources (server/…) or
// the bundle that `npm run build` writes (dist/server/anbao.mjs). Found by walking up to the folder
// whose package.json is Anbao's, so paths do not depend on how deep the running file sits.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'anbao') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Anbao's package.json not found above ${from}`);
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const WEB_DIST = path.join(ROOT, 'dist/web');
export const MIGRATIONS_DIR = path.join(ROOT, 'server/db/migrations');
