// Choosing a person by name, username or employee number (searched on the server, within scope).
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { PageOf, User } from '../app/api-types';
import { useServerSearch } from './useServerSearch';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Only people who can still act (tokens, grants). */
  activeOnly?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}

const optionOf = (u: User) => ({ value: u.id, label: `${u.name} (${u.username}) · ${u.orgName}` });

export function UserSelect({ id, value, onChange, activeOnly, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const found = useServerSearch(['users', 'pick', !!activeOnly], (q) => api.get<PageOf<User>>('/users', { q, status: activeOnly ? 'active' : undefined, pageSize: 20 }));
  const selected = useQuery({
    queryKey: ['users', 'one', value],
    queryFn: () => api.get<User>(`/users/${value}`),
    enabled: !!value && !found.items.some((u) => u.id === value),
  });
  const options = found.items.map(optionOf);
  if (selected.data && !options.some((o) => o.value === selected.data.id)) options.unshift(optionOf(selected.data));
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      {...found.selectProps}
      allowClear
      placeholder={placeholder ?? t('common.choosePerson')}
      className="full-width"
    />
  );
}
