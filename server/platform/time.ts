// Calendar dates in the org's time zone (default Asia/Shanghai, ANBAO_TIMEZONE).
// Building an Intl.DateTimeFormat costs ~0.1 ms (it loads the zone's rules); a page's presenters call
// these helpers hundreds of times, so each (zone, use) keeps one formatter.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string, use: 'date' | 'offset'): Intl.DateTimeFormat {
  const key = `${use} ${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = use === 'date' ? new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }) : new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    formatters.set(key, f);
  }
  return f;
}

const parts = (d: Date, tz: string) =>
  Object.fromEntries(
    formatter(tz, 'date').formatToParts(d).map((p) => [p.type, p.value]),
  );

export function yearIn(d: Date, tz: string): number {
  return Number(parts(d, tz).year);
}

/** YYYY-MM-DD of the instant in the zone. */
export function dateIn(d: Date, tz: string): string {
  const p = parts(d, tz);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Minutes east of UTC of the zone at that instant (e.g. +480 for Asia/Shanghai). */
export function zoneOffsetMinutes(d: Date, tz: string): number {
  const name = formatter(tz, 'offset').formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** The instant a local calendar day (YYYY-MM-DD) starts in the zone. */
export function startOfDayIn(day: string, tz: string): Date {
  const [y, mo, da] = day.split('-').map(Number);
  const guess = new Date(Date.UTC(y, mo - 1, da));
  return new Date(guess.getTime() - zoneOffsetMinutes(guess, tz) * 60_000);
}

/** The last millisecond of a local calendar day: "due on 2026-12-23" means before this instant. */
export function endOfDayIn(day: string, tz: string): Date {
  return new Date(startOfDayIn(addDays(day, 1), tz).getTime() - 1);
}

/** Calendar arithmetic on YYYY-MM-DD. */
export function addDays(day: string, n: number): string {
  const [y, mo, da] = day.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, da + n)).toISOString().slice(0, 10);
}

/** Whole local days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
