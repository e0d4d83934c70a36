// Choosing several people (entrants, key holders): people of the caller's scope, searched on the server.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import type { PageOf, User } from '../../app/api-types';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  'aria-label'?: string;
}

export function PeoplePicker({ id, value, onChange, ...rest }: Props) {
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    const h = setTimeout(() => setTerm(search.trim()), 250);
    return () => clearTimeout(h);
  }, [search]);
  const found = useQuery({ queryKey: ['users', 'pick', term, true], queryFn: () => api.get<PageOf<User>>('/users', { q: term || undefined, status: 'active', pageSize: 20 }) });
  const options = (found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.username}) · ${u.orgName}` }));
  for (const v of value ?? []) if (!options.some((o) => o.value === v)) options.unshift({ value: v, label: known.get(v) ?? v });
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      mode="multiple"
      showSearch
      filterOption={false}
      onSearch={setSearch}
      value={value ?? []}
      loading={found.isFetching}
      onChange={(v: string[]) => {
        const next = new Map(known);
        for (const o of options) next.set(o.value, o.label);
        setKnown(next);
        onChange?.(v);
      }}
      options={options}
    />
  );
}
