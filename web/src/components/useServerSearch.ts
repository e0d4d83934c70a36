// A Select searched on the server (people, hazards…): the typed text, debounced by 250 ms, becomes the
// list query's `q`; antd's own filtering is off since the server already filtered.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageOf } from '../app/api-types';

export function useServerSearch<T>(queryKey: readonly unknown[], fetch: (q: string | undefined) => Promise<PageOf<T>>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(search.trim()), 250);
    return () => clearTimeout(h);
  }, [search]);
  const found = useQuery({ queryKey: [...queryKey, term], queryFn: () => fetch(term || undefined) });
  return {
    items: found.data?.items ?? [],
    /** Spread into the Select. */
    selectProps: {
      loading: found.isFetching,
      showSearch: { filterOption: false, onSearch: setSearch },
      notFoundContent: found.isFetching ? t('common.loading') : t('common.noMatch'),
    },
  };
}
