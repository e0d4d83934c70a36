// Sweeps (DESIGN §7): work the clock starts — reminders before a due date, escalations after it,
// overdue flags, plan-generated tasks. A module defines its sweeps at import time:
//   defineSweep({ name: 'hazards.reminders', run: async (ctx) => { … notify(ctx, …) … } });
// Each run is ONE transaction that first takes a transaction-scoped advisory lock named after the
// sweep: with several app instances on one PostgreSQL database one runs it and the others skip; a
// crash or an error mid-sweep rolls everything back, and the next run redoes it. notify()'s unique
// key makes redoing it harmless.
import { sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { rows } from '../../db/client.ts';
import { type AppContext, type Ctx, systemCtx } from '../context.ts';

export interface SweepDef {
  /** Stable, unique, e.g. "hazards.reminders" (the lock is derived from it). */
  name: string;
  /** How often the scheduler runs it (default one minute). */
  everyMs?: number;
  /** Runs in the sweep's transaction (ctx.tx) with ctx.now = the scheduler's clock; the actor is the system. */
  run: (ctx: Ctx) => Promise<void>;
}

export interface Sweep extends Required<SweepDef> {
  lockKey: number;
}

export type SweepStatus = 'done' | 'skipped' | 'failed';

export interface SweepRun {
  name: string;
  /** skipped: another instance held the sweep's lock. failed: rolled back, logged. */
  status: SweepStatus;
  error?: string;
}

/** First key of the two-key advisory locks of sweeps (a key space apart from the one-key locks). */
export const SWEEP_LOCK_SPACE = 7_240_100;
const NAME = /^[a-z][a-z0-9_.-]{0,99}$/;
const registry = new Map<string, Sweep>();

/** A stable signed 32-bit number from the sweep's name (the same in every instance and release). */
export function sweepLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

export function defineSweep(def: SweepDef): Sweep {
  if (!NAME.test(def.name)) throw new Error(`sweep name "${def.name}" must match ${NAME}`);
  if (registry.has(def.name)) throw new Error(`sweep ${def.name} defined twice`);
  const everyMs = def.everyMs ?? 60_000;
  if (!Number.isInteger(everyMs) || everyMs < 1000) throw new Error(`sweep ${def.name}: everyMs must be a whole number ≥ 1000`);
  const sweep: Sweep = { name: def.name, everyMs, run: def.run, lockKey: sweepLockKey(def.name) };
  registry.set(def.name, sweep);
  return sweep;
}

export function definedSweeps(): Sweep[] {
  return [...registry.values()];
}

/** Runs one sweep once, in its own transaction, unless another instance is running it. Never throws. */
export async function runSweep(app: AppContext, sweep: Sweep, now: Date): Promise<SweepRun> {
  const after: Array<() => void> = [];
  try {
    const status = await app.db.transaction(async (tx): Promise<SweepStatus> => {
      const [{ locked }] = await rows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SWEEP_LOCK_SPACE}::int4, ${sweep.lockKey}::int4) as locked`);
      if (!locked) return 'skipped';
      const ctx: Ctx = { ...systemCtx(app, tx, (f) => after.push(f)), now };
      await sweep.run(ctx);
      return 'done';
    });
    for (const f of after) f();
    return { name: sweep.name, status };
  } catch (e) {
    app.log.error({ err: e, sweep: sweep.name }, 'sweep failed; rolled back, the next run redoes it');
    return { name: sweep.name, status: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Runs every defined sweep (or those named in `only`) once, now, whatever their interval — what the
 * scheduler does when they are due; tests call it with a moved clock.
 */
export async function runSweeps(app: AppContext, opts: { now?: Date; only?: readonly string[] } = {}): Promise<SweepRun[]> {
  const list = opts.only
    ? opts.only.map((n) => {
        const s = registry.get(n);
        if (!s) throw new Error(`no sweep named ${n}`);
        return s;
      })
    : definedSweeps();
  const out: SweepRun[] = [];
  for (const s of list) out.push(await runSweep(app, s, opts.now ?? app.clock.now()));
  return out;
}
