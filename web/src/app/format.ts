// Dates, sizes and other values as people read them, in the UI language. Moments are shown in the
// cooperative's time zone (org-time.ts), as on the printed registers, whatever zone the browser is in.
import { currentLanguage } from './i18n';
import { formatMoment } from './org-time';

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? formatMoment(iso, 'datetime', currentLanguage()) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? formatMoment(iso, 'date', currentLanguage()) : '—';
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
