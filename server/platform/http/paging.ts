// Paging and sorting for every list: ?page=1&pageSize=20&sort=-dueAt (pageSize ≤ 200).
import { asc, desc, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { invalidField } from './errors.ts';

export interface PageParams {
  page: number;
  pageSize: number;
  offset: number;
}

export function pageParams(q: { page?: number; pageSize?: number }): PageParams {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** Sort order from `sort`, restricted to the fields a list declares; the id breaks ties so pages are stable. */
export function sortOrder(sort: string | undefined, fields: Record<string, PgColumn | SQL>, dflt: string, tieBreak: PgColumn): SQL[] {
  const s = sort ?? dflt;
  const descending = s.startsWith('-');
  const name = descending ? s.slice(1) : s;
  const col = fields[name];
  if (!col) throw invalidField('sort', 'V_ENUM', { allowed: Object.keys(fields).flatMap((f) => [f, `-${f}`]).join(', ') });
  return [descending ? desc(col) : asc(col), asc(tieBreak)];
}

export function pageOf<T>(items: T[], total: number, p: PageParams) {
  return { items, total, page: p.page, pageSize: p.pageSize };
}
