#!/usr/bin/env node
// Bundles the server's TypeScript into one ES module (dist/server/anbao.mjs, plus chunk-*.mjs beside it
// for what is imported on first use) so a start loads one file instead of compiling and resolving some
// 300 modules through tsx — most of the start-up time. Dependencies stay external (node_modules),
// except the pure-ESM libraries made of hundreds of small modules (BUNDLED): loading typebox's ~700
// files alone took ~0.4 s of every start (issue 4, cold start). bin/anbao.mjs runs the bundle when it
// is newer than every source file under server/, and the sources through tsx otherwise; `npm start`
// rebuilds a stale one.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist/server');
export const BUNDLE = path.join(OUT_DIR, 'anbao.mjs');

/** The newest modification time of the server's source files (tests excluded). */
function newestSource(dir = path.join(ROOT, 'server')) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'test' && e.name !== 'migrations') newest = Math.max(newest, newestSource(p));
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function bundleIsFresh() {
  return existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource();
}

/** Bundled into the server file rather than loaded from node_modules module by module. */
const BUNDLED = ['typebox', '@fastify/type-provider-typebox', 'drizzle-orm'];

/** esbuild plugin: every other package import (bare specifier, not node:) stays external. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED.includes(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * esbuild plugin: drizzle-orm's `is(value, Class)` — called for every piece of every query it builds —
 * walks the value's class chain looking for a matching entity kind whenever `instanceof` fails, which
 * is most calls; under load it was ~8 % of the server's CPU (profile of the inspection-submit benchmark,
 * issue 4). The answer depends only on the value's class and the class asked about, so the bundled copy
 * remembers it per pair: same results, one lookup. (Tests run drizzle unpatched from node_modules.)
 */
const memoizedDrizzleIs = {
  name: 'memoized-drizzle-is',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]drizzle-orm[\\/]entity\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const original = 'function is(value, type) {';
      if (!source.includes(original)) throw new Error(`drizzle-orm/entity.js changed: ${original} not found (scripts/build-server.mjs)`);
      const memo = `const isMemo = new WeakMap();
function is(value, type) {
  if (!value || typeof value !== "object") return false;
  if (value instanceof type) return true;
  const cls = Object.getPrototypeOf(value)?.constructor;
  if (typeof cls !== "function") return isUnmemoized(value, type);
  let byType = isMemo.get(cls);
  if (!byType) isMemo.set(cls, (byType = new Map()));
  let answer = byType.get(type);
  if (answer === undefined) byType.set(type, (answer = isUnmemoized(value, type)));
  return answer;
}
function isUnmemoized(value, type) {`;
      return { contents: source.replace(original, memo), loader: 'js' };
    });
  },
};

export async function buildServer() {
  const { build } = await import('esbuild'); // only when building, not at every start
  // Modules imported dynamically (the PostgreSQL driver, db/postgres.ts) go to chunks beside the
  // bundle, loaded when first imported. A rebuild leaves the previous build's chunks (their names carry
  // a hash): a server still running the old bundle may yet import one. `rm -rf dist` clears them.
  await build({
    entryPoints: { anbao: path.join(ROOT, 'server/main.ts') },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackages, memoizedDrizzleIs],
    sourcemap: 'linked',
    // Stack traces need the mappings, not the sources (the maps read at start: 4.2 MB before, ~1.2 MB now).
    sourcesContent: false,
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildServer();
  console.log(`server bundle: ${path.relative(ROOT, BUNDLE)}`);
}
