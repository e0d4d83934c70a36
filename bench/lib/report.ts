// The printed table and bench/RESULTS.md (the figures block between markers is rewritten; text
// around it is kept).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Figures } from './load.ts';

export interface Row {
  op: string;
  anbao: Figures | null;
  bare: Figures | null;
  target: string;
  met: boolean | null;
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    if (execSync('git status --porcelain', { encoding: 'utf8' }).trim()) commit += ' (with uncommitted changes)';
  } catch {
    /* not a git checkout */
  }
  return { cpu, cores: os.cpus().length, ramGb: os.totalmem() / 2 ** 30, commit, node: process.version, load: os.loadavg() };
}

export function table(rows: Row[]): string {
  const head = '| Operation | Anbao req/s | p50 ms | p99 ms | RSS MB | non-2xx | Bare req/s | p50 ms | p99 ms | RSS MB | Anbao/bare | Target |';
  const sep = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|';
  const cell = (f: Figures | null) => (f ? [f1(f.reqPerSec), f0(f.p50), f0(f.p99), f0(f.rssMb), String(f.non2xx + f.errors)] : ['—', '—', '—', '—', '—']);
  const lines = rows.map((r) => {
    const a = cell(r.anbao);
    const b = cell(r.bare).slice(0, 4);
    const ratio = r.anbao && r.bare && r.bare.reqPerSec ? (r.anbao.reqPerSec / r.bare.reqPerSec).toFixed(2) : '—';
    return `| ${r.op} | ${a.join(' | ')} | ${b.join(' | ')} | ${ratio} | ${r.target}${r.met === null ? '' : r.met ? ' ✅ met' : ' ❌ missed'} |`;
  });
  return [head, sep, ...lines].join('\n');
}

export function writeResults(file: string, scale: string, block: string): void {
  const start = `<!-- figures:${scale}:start -->`;
  const end = `<!-- figures:${scale}:end -->`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmark results\n\n${start}\n${end}\n`;
  const i = old.indexOf(start);
  const j = old.indexOf(end);
  const next = i >= 0 && j > i ? `${old.slice(0, i + start.length)}\n${block}\n${old.slice(j)}` : `${old}\n${start}\n${block}\n${end}\n`;
  writeFileSync(file, next);
}
