// Choosing a hazard by number or words (searched on the server, within the caller's scope): open
// hazards of one unit's subtree by default, shown as "YH-… title · unit" — wherever a record links a
// hazard (a handover's open item, …) instead of typing its id.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { PageOf } from '../app/api-types';
import type { Hazard } from '../pages/hazards/types';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Only hazards of this unit and its subtree. */
  orgId?: string;
  'aria-label'?: string;
}

const optionOf = (h: Hazard) => ({ value: h.id, label: `${h.number} ${h.title} · ${h.orgName}` });

export function HazardSelect({ id, value, onChange, orgId, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(search.trim()), 250);
    return () => clearTimeout(h);
  }, [search]);
  const found = useQuery({
    queryKey: ['hazards', 'pick', orgId, term],
    queryFn: () => api.get<PageOf<Hazard>>('/hazards', { q: term || undefined, orgId, open: true, pageSize: 20 }),
  });
  const options = (found.data?.items ?? []).map(optionOf);
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={found.isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('common.chooseHazard')}
      notFoundContent={found.isFetching ? t('common.loading') : t('common.noMatch')}
      className="full-width"
      popupMatchSelectWidth={false}
    />
  );
}
