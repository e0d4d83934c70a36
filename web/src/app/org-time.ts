// "Today" as the cooperative counts it. Deadlines, the visitor desk's day and the registers' default
// ranges are days in the cooperative's time zone (ANBAO_TIMEZONE, sent in /auth/me), not in the
// browser's: a laptop left on another zone must not show yesterday's desk.
import dayjs, { type Dayjs } from 'dayjs';

let orgTimeZone: string | undefined;

/** Set from /auth/me when a session starts; until then the browser's zone serves. */
export function setOrgTimeZone(timeZone: string | undefined): void {
  orgTimeZone = timeZone;
}

/** The date (YYYY-MM-DD) it is at `now` in `timeZone` (default: the cooperative's). */
export function orgTodayIso(now: Date = new Date(), timeZone: string | undefined = orgTimeZone): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in the cooperative's zone as a date-picker value (that date, at the browser's midnight). */
export function orgToday(): Dayjs {
  return dayjs(orgTodayIso());
}
