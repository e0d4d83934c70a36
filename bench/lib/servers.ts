// Child servers for the benchmark: start, wait until they answer, sample their resident memory, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface Child {
  url: string;
  proc: ChildProcess;
  /** Highest RSS (MB) seen since the last reset. */
  peakRss(): number;
  resetPeak(): void;
  stop(): Promise<void>;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Spawns `cmd args` with env and waits until GET url+readyPath answers 200 (output kept for the error). */
export async function startChild(cmd: string, args: string[], env: Record<string, string>, readyPath: string, timeoutMs = 120_000): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its own process group, so stop() also ends what it started (npm start runs node as a child).
  const proc = spawn(cmd, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  proc.stdout!.on('data', (d) => (out = (out + d).slice(-4000)));
  proc.stderr!.on('data', (d) => (out = (out + d).slice(-4000)));
  const started = Date.now();
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${cmd} ${args.join(' ')} exited ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(url + readyPath);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${cmd} not ready after ${timeoutMs} ms:\n${out}`);
    await sleep(100);
  }
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(proc.pid!))), 250);
  return {
    url,
    proc,
    peakRss: () => Math.max(peak, rssMb(proc.pid!)),
    resetPeak: () => (peak = rssMb(proc.pid!)),
    stop: async () => {
      clearInterval(timer);
      if (proc.exitCode !== null) return;
      const group = (sig: NodeJS.Signals) => {
        try {
          process.kill(-proc.pid!, sig);
        } catch {
          /* already gone */
        }
      };
      group('SIGTERM');
      for (let i = 0; i < 100 && proc.exitCode === null; i++) await sleep(100);
      if (proc.exitCode === null) group('SIGKILL');
      // npm exits before its child: give the group a moment, then make sure nothing of it is left.
      await sleep(300);
      group('SIGKILL');
    },
  };
}
