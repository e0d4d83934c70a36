// Plan periods (INS-02) as local calendar days (YYYY-MM-DD in the org time zone): a daily plan's
// period is the day, weekly the ISO week (Monday–Sunday), then the month, the quarter, the year; a
// one-off plan has one period, its start day. Period keys sort in time order within one recurrence
// ("2026-11-23", "2026-W47", "2026-11", "2026-Q4", "2026"), so "generated through" compares as text.
import type { Recurrence } from '../../db/schema/inspections.ts';
import { addDays } from '../../platform/time.ts';

export interface Period {
  key: string;
  start: string;
  end: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const lastOfMonth = (y: number, m: number) => ymd(new Date(Date.UTC(y, m, 0))); // m is 1-based

/** The period of `recurrence` containing `day` (for 'once', the plan's start day is its only period). */
export function periodOf(recurrence: Recurrence, day: string): Period {
  const d = utc(day);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  switch (recurrence) {
    case 'daily':
    case 'once':
      return { key: day, start: day, end: day };
    case 'weekly': {
      const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
      const start = addDays(day, -weekday);
      const thursday = utc(addDays(start, 3)); // the ISO week belongs to the year of its Thursday
      const isoYear = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000)) + 1;
      return { key: `${isoYear}-W${pad(week)}`, start, end: addDays(start, 6) };
    }
    case 'monthly':
      return { key: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: lastOfMonth(y, m) };
    case 'quarterly': {
      const q = Math.floor((m - 1) / 3) + 1;
      const first = (q - 1) * 3 + 1;
      return { key: `${y}-Q${q}`, start: `${y}-${pad(first)}-01`, end: lastOfMonth(y, first + 2) };
    }
    case 'yearly':
      return { key: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/**
 * The periods a plan owes from `from` through `to` (inclusive days), skipping those before `since`
 * (the last period already generated: it is checked again, so a unit added to the scope mid-period
 * still gets this period's inspection; the unique key makes the re-check harmless).
 */
export function periodsBetween(recurrence: Recurrence, from: string, to: string, opts: { since?: string | null; limit?: number } = {}): Period[] {
  if (to < from) return [];
  if (recurrence === 'once') return [periodOf('once', from)];
  const out: Period[] = [];
  const resume = opts.since ? startOfKey(recurrence, opts.since) : from;
  let p = periodOf(recurrence, resume > from ? resume : from);
  while (p.start <= to && out.length < (opts.limit ?? 1000)) {
    if (!opts.since || p.key >= opts.since) out.push(p);
    p = periodOf(recurrence, addDays(p.end, 1));
  }
  return out;
}

/** The first day of the period named by `key` (the inverse of periodOf(…).key). */
export function startOfKey(recurrence: Recurrence, key: string): string {
  switch (recurrence) {
    case 'daily':
    case 'once':
      return key;
    case 'monthly':
      return `${key}-01`;
    case 'quarterly': {
      const [y, q] = key.split('-Q');
      return `${y}-${pad((Number(q) - 1) * 3 + 1)}-01`;
    }
    case 'yearly':
      return `${key}-01-01`;
    case 'weekly': {
      const [y, w] = key.split('-W');
      const jan4 = `${y}-01-04`; // always in ISO week 1
      return addDays(periodOf('weekly', jan4).start, (Number(w) - 1) * 7);
    }
  }
}

/**
 * When an inspection of `period` is scheduled and due: it starts at the later of the period's start
 * and the plan's start, and may take `durationDays` — never beyond the end of its period for a
 * recurring plan (a monthly inspection belongs to its month).
 */
export function scheduleIn(recurrence: Recurrence, period: Period, startsOn: string, durationDays: number): { scheduledFor: string; dueOn: string } {
  const scheduledFor = period.start > startsOn ? period.start : startsOn;
  const dueOn = addDays(scheduledFor, durationDays - 1);
  return { scheduledFor, dueOn: recurrence !== 'once' && dueOn > period.end ? period.end : dueOn };
}
