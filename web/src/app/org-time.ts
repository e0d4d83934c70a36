// "Today" as the cooperative counts it. Deadlines, the visitor desk's day and the registers' default
// ranges are days in the cooperative's time zone (ANBAO_TIMEZONE, sent in /auth/me), not in the
// browser's: a laptop left on another zone must not show yesterday's desk. Times shown (format.ts)
// follow the same zone, as the printed registers and Excel files do.
import dayjs, { type Dayjs } from 'dayjs';

let orgTimeZone: string | undefined;

/** Set from /auth/me when a session starts; until then the browser's zone serves. */
export function setOrgTimeZone(timeZone: string | undefined): void {
  orgTimeZone = timeZone;
}

// One formatter per zone: building one costs far more than using it, and a date picker asks per cell.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The date (YYYY-MM-DD) it is at `now` in `timeZone` (default: the cooperative's). */
export function orgTodayIso(now: Date = new Date(), timeZone: string | undefined = orgTimeZone): string {
  const key = timeZone ?? '';
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = f.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in the cooperative's zone as a date-picker value (that date, at the browser's midnight). */
export function orgToday(): Dayjs {
  return dayjs(orgTodayIso());
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();
/** A calendar day (a deadline's date, a duty day) rather than a moment: it has no zone to convert. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function momentFormat(kind: 'datetime' | 'date', lang: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${lang}:${kind}:${timeZone ?? ''}`;
  let f = momentFormats.get(key);
  if (!f) {
    const fields: Intl.DateTimeFormatOptions = kind === 'date' ? { year: 'numeric', month: '2-digit', day: '2-digit' } : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false };
    momentFormats.set(key, (f = new Intl.DateTimeFormat(lang, { ...fields, timeZone })));
  }
  return f;
}

/** An instant (ISO) as the cooperative's clock shows it, or a calendar day as that day, in `lang`. */
export function formatMoment(iso: string, kind: 'datetime' | 'date', lang: string): string {
  if (kind === 'date' && DATE_ONLY.test(iso)) return momentFormat('date', lang, 'UTC').format(new Date(`${iso}T00:00:00Z`));
  return momentFormat(kind, lang, orgTimeZone).format(new Date(iso));
}
