#!/usr/bin/env node
// npm test / npm run test:e2e. Builds the seeded template database once (PGlite dump, or a template
// database on TEST_DATABASE_URL), then runs every test file with Node's test runner (TAP summary:
// "# pass N" / "# fail N", which CI reads). Node 20's runner does not expand globs, so files are listed here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const suite = process.argv[2] ?? 'unit';
const filter = process.argv.slice(3);

function find(dir, pattern) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (f === 'node_modules') return [];
    return statSync(p).isDirectory() ? find(p, pattern) : pattern.test(f) ? [p] : [];
  });
}

// The unit suite also runs the web app's pure helpers' tests (web/src/**/*.test.ts: no DOM, no server).
let files = suite === 'e2e' ? find(path.join(root, 'e2e'), /\.test\.ts$/) : [...find(path.join(root, 'server'), /\.test\.ts$/), ...find(path.join(root, 'web', 'src'), /\.test\.ts$/)];
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
files.sort();
if (!files.length) {
  console.error('no test files found');
  process.exit(1);
}

const env = { ...process.env, NODE_ENV: 'test' };
const node = process.execPath;
let template = null;
if (suite !== 'e2e') {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  if (process.env.TEST_DATABASE_URL) {
    template = `anbao_tpl_${process.pid}`;
    const r = spawnSync(node, ['--import', 'tsx', 'server/test/template.ts', '--pg', template], { cwd: root, env, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  } else {
    const file = path.join(root, '.tmp', `test-template-${process.pid}.tar.gz`);
    const r = spawnSync(node, ['--import', 'tsx', 'server/test/template.ts', file], { cwd: root, env, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
    template = file;
  }
  env.ANBAO_TEST_TEMPLATE = template;
}

const concurrency = process.env.TEST_CONCURRENCY ?? (suite === 'e2e' ? '1' : '2');
const r = spawnSync(node, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, `--test-timeout=${suite === "e2e" ? 1500000 : 600000}`, ...files], { cwd: root, env, stdio: 'inherit' });

if (!process.env.TEST_DATABASE_URL && template) rmSync(template, { force: true });
if (process.env.TEST_DATABASE_URL && template) {
  spawnSync(node, ['--import', 'tsx', 'server/test/template.ts', '--drop-pg', template], { cwd: root, env, stdio: 'inherit' });
}
process.exit(r.status ?? 1);
