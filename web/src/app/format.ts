// Dates, sizes and other values as people read them, in the UI language.
import { currentLanguage } from './i18n';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function fmt(kind: 'datetime' | 'date'): Intl.DateTimeFormat {
  const lang = currentLanguage();
  const key = `${lang}:${kind}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, kind === 'date' ? { year: 'numeric', month: '2-digit', day: '2-digit' } : { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    dateTimeFormats.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? fmt('datetime').format(new Date(iso)) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? fmt('date').format(new Date(iso)) : '—';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Days from now until a moment (negative when past). */
export function daysUntil(iso: string): number {
  return Math.floor((new Date(iso).getTime() - Date.now()) / 86_400_000);
}

/** A value from a change record or detail, shown as text. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
