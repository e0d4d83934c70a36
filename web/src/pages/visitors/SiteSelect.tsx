// Choosing sites (areas, rooms) of the caller's scope, optionally of some kinds only.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';

interface Site {
  id: string;
  name: string;
  kind: string;
  orgName?: string;
}

interface Props {
  id?: string;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  kinds?: readonly string[];
  placeholder?: string;
  'aria-label'?: string;
}

export function SiteSelect({ id, value, onChange, multiple, kinds, placeholder, ...rest }: Props) {
  const q = useQuery({ queryKey: ['sites', 'pick'], queryFn: () => api.get<PageOf<Site>>('/sites', { pageSize: 200 }) });
  const items = (q.data?.items ?? []).filter((s) => !kinds || kinds.includes(s.kind));
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch
      optionFilterProp="label"
      loading={q.isLoading}
      placeholder={placeholder}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v)}
      options={items.map((s) => ({ value: s.id, label: s.orgName ? `${s.name} · ${s.orgName}` : s.name }))}
    />
  );
}

export const RESTRICTED = ['vault', 'machine_room', 'monitoring_room'] as const;
