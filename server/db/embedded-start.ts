// How the embedded engine (PGlite) is started: its buffer cache and its WebAssembly module. Both were
// measured on a cold start of `npm start` (issue 4, bench/RESULTS.md):
// - shared_buffers: PGlite zeroes its whole shared memory at every start, in WebAssembly. At
//   PostgreSQL's server default (128 MB, and shared memory sized for 100 connections) that was ~0.45 s
//   of a ~0.9 s start; one in-process connection needs neither (config.ts EMBEDDED_CACHE_MB).
// - the module: compiled by PGlite itself, the first turn of the event loop after PGlite.create
//   waited ~0.2 s for V8's background compilation (strace: the main thread on a futex while V8's
//   workers compile); compiled here and handed over, it does not, and queries run as fast once warm.
//   It is compiled once per process and shared by every embedded database the process opens.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

let compiled: Promise<WebAssembly.Module | undefined> | undefined;

/** PGlite's own module, compiled once; undefined (PGlite compiles it) if its file is not where 0.5 keeps it. */
function pgliteModule(): Promise<WebAssembly.Module | undefined> {
  compiled ??= (async () => {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm');
    return WebAssembly.compile(await readFile(file));
  })().catch(() => undefined);
  return compiled;
}

/** Options for PGlite.create beside the data folder. */
export async function embeddedStartOptions(cacheMb: number) {
  return {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${cacheMb}MB`, '-c', 'max_connections=10'],
    pgliteWasmModule: await pgliteModule(),
  };
}
