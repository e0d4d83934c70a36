// A background task run on a timer and soon after a kick, never twice at once in this process, and
// stopped cleanly: stop() waits for a run in progress (its transaction commits or rolls back before
// the database closes). The scheduler and the delivery worker both run on it.
export interface Loop {
  /** Runs the task now (or, if it is running, once more after it); resolves when that run ends. */
  runNow(): Promise<void>;
  /** Asks for a run shortly (debounced: many kicks, one run). */
  kick(): void;
  stop(): Promise<void>;
}

export function startLoop(task: () => Promise<unknown>, opts: { intervalMs: number; onError: (e: unknown) => void; kickDelayMs?: number }): Loop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let kickTimer: NodeJS.Timeout | null = null;

  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    const current: Promise<void> = (async () => {
      try {
        await task();
      } catch (e) {
        opts.onError(e);
      }
    })().finally(() => {
      if (running === current) running = null;
      if (again && !stopped) {
        again = false;
        void run();
      }
    });
    running = current;
    return current;
  };

  const timer = setInterval(() => void run(), opts.intervalMs);
  timer.unref();
  return {
    runNow: run,
    kick() {
      if (stopped || kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        void run();
      }, opts.kickDelayMs ?? 50);
      kickTimer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
      while (running) await running;
    },
  };
}
