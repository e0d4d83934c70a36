// List state (page, size, sort, filters) lives in the address bar, so a filtered list can be linked
// to, reloaded and returned to with the browser's back button.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Query } from '../app/api';

export interface ListParams<K extends string> {
  page: number;
  pageSize: number;
  sort?: string;
  filters: Partial<Record<K, string>>;
  /** The list request's query: filters + paging. */
  query: Query;
  setFilters(f: Partial<Record<K, string | undefined>>): void;
  setPaging(page: number, pageSize: number, sort?: string): void;
}

export function useListParams<K extends string>(keys: readonly K[], defaults: { pageSize?: number; sort?: string } = {}): ListParams<K> {
  const [sp, setSp] = useSearchParams();
  const serial = sp.toString();
  return useMemo(() => {
    const page = Math.max(1, Number(sp.get('page')) || 1);
    const pageSize = Math.min(200, Number(sp.get('pageSize')) || defaults.pageSize || 20);
    const sort = sp.get('sort') || defaults.sort;
    const filters: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = sp.get(k);
      if (v) filters[k] = v;
    }
    const write = (f: Partial<Record<K, string>>, p: number, size: number, s?: string) => {
      const next = new URLSearchParams();
      for (const [k, v] of Object.entries(f) as Array<[string, string | undefined]>) if (v) next.set(k, v);
      if (p > 1) next.set('page', String(p));
      if (size !== (defaults.pageSize ?? 20)) next.set('pageSize', String(size));
      if (s && s !== defaults.sort) next.set('sort', s);
      setSp(next);
    };
    return {
      page,
      pageSize,
      sort,
      filters,
      query: { ...filters, page, pageSize, sort },
      setFilters: (f) => write(Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Partial<Record<K, string>>, 1, pageSize, sort),
      setPaging: (p, size, s) => write(filters, size !== pageSize ? 1 : p, size, s),
    };
    // keys and defaults are constants of the page: the address bar alone decides.
  }, [serial, setSp]);
}
