// The scheduler of one app instance (started by buildApp when config.scheduler is on): every second
// it runs the sweeps whose interval has passed on the app clock, one after another. Instances do not
// coordinate their timers; the sweep's advisory lock makes them take turns, and the notifications'
// unique key makes a second run in the same minute harmless.
import type { AppContext } from '../context.ts';
import { startLoop } from './loop.ts';
import { definedSweeps, runSweep, type SweepRun } from './registry.ts';

export const SCHEDULER_TICK_MS = 1000;

export interface Scheduler {
  /** Runs the sweeps that are due now (what each tick does); resolves with their runs. */
  runDue(): Promise<SweepRun[]>;
  /** Stops the timer and waits for a sweep in progress to commit or roll back. */
  stop(): Promise<void>;
}

export function startScheduler(app: AppContext, tickMs = SCHEDULER_TICK_MS): Scheduler {
  const lastRun = new Map<string, number>();
  let stopping = false;
  let runs: SweepRun[] = [];
  const tick = async () => {
    runs = [];
    for (const s of definedSweeps()) {
      if (stopping) break;
      const now = app.clock.now();
      const last = lastRun.get(s.name);
      if (last !== undefined && now.getTime() - last < (app.config.sweepIntervalMs ?? s.everyMs)) continue;
      lastRun.set(s.name, now.getTime());
      runs.push(await runSweep(app, s, now));
    }
  };
  const loop = startLoop(tick, { intervalMs: tickMs, onError: (e) => app.log.error({ err: e }, 'scheduler tick failed') });
  return {
    async runDue() {
      await loop.runNow();
      return runs;
    },
    async stop() {
      stopping = true;
      await loop.stop();
    },
  };
}
