// The register's state in the address bar under the API's own query names, so that a link such as
// /hazards?status=assessed&status=rectifying&grade=major&orgId=…&overdue=true (the dashboard's)
// opens exactly that list, survives a reload and goes to the Excel export unchanged. Multi-valued
// filters repeat the name, as the API takes them.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** Filters that take several values (status=a&status=b). */
export const MULTI = ['status', 'grade', 'category', 'source'] as const;
/** Single-valued filters of GET /api/v1/hazards. */
export const SINGLE = [
  'orgId',
  'siteId',
  'overdue',
  'open',
  'dueFrom',
  'dueTo',
  'reportedFrom',
  'reportedTo',
  'closedFrom',
  'closedTo',
  'q',
  'reporterId',
  'responsibleUserId',
  'inspectionId',
  'task',
  'includeWithdrawn',
] as const;
/** The single filters the filter bar edits; the others (from links) are shown as removable tags. */
export const EDITED = ['orgId', 'overdue', 'dueFrom', 'dueTo', 'q'] as const;

export type MultiKey = (typeof MULTI)[number];
export type SingleKey = (typeof SINGLE)[number];
export type HazardFilters = Partial<Record<MultiKey, string[]> & Record<SingleKey, string>>;

const DEFAULT_SIZE = 20;

export interface HazardListState {
  filters: HazardFilters;
  page: number;
  pageSize: number;
  sort?: string;
  /** The filters as the API's query string (no paging): for the list and the export. */
  filterQuery: string;
  /** Filters + paging + sort. */
  listQuery: string;
  setFilters(f: HazardFilters): void;
  setPaging(page: number, pageSize: number, sort?: string): void;
}

function toSearch(f: HazardFilters, page = 1, pageSize = DEFAULT_SIZE, sort?: string): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of MULTI) for (const v of f[k] ?? []) p.append(k, v);
  for (const k of SINGLE) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  if (page > 1) p.set('page', String(page));
  if (pageSize !== DEFAULT_SIZE) p.set('pageSize', String(pageSize));
  if (sort) p.set('sort', sort);
  return p;
}

export function useHazardFilters(): HazardListState {
  const [sp, setSp] = useSearchParams();
  const serial = sp.toString();
  return useMemo(() => {
    const filters: HazardFilters = {};
    // Both status=a&status=b and status=a,b are read.
    for (const k of MULTI) {
      const vs = sp.getAll(k).flatMap((v) => v.split(',')).filter(Boolean);
      if (vs.length) filters[k] = [...new Set(vs)];
    }
    for (const k of SINGLE) {
      const v = sp.get(k);
      if (v) filters[k] = v;
    }
    const page = Math.max(1, Number(sp.get('page')) || 1);
    const pageSize = Math.min(200, Number(sp.get('pageSize')) || DEFAULT_SIZE);
    const sort = sp.get('sort') || undefined;
    const filterQuery = toSearch(filters).toString();
    const list = toSearch(filters, 1, DEFAULT_SIZE, sort);
    list.set('page', String(page));
    list.set('pageSize', String(pageSize));
    return {
      filters,
      page,
      pageSize,
      sort,
      filterQuery,
      listQuery: list.toString(),
      setFilters: (f) => setSp(toSearch(f, 1, pageSize, sort)),
      setPaging: (p, size, s) => setSp(toSearch(filters, size !== pageSize ? 1 : p, size, s)),
    };
  }, [serial, setSp]);
}
