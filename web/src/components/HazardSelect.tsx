// Choosing a hazard by number or words (searched on the server, within the caller's scope): open
// hazards of one unit's subtree by default, shown as "YH-… title · unit" — wherever a record links a
// hazard (a handover's open item, …) instead of typing its id.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { PageOf } from '../app/api-types';
import type { Hazard } from '../pages/hazards/types';
import { useServerSearch } from './useServerSearch';

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
  const found = useServerSearch(['hazards', 'pick', orgId], (q) => api.get<PageOf<Hazard>>('/hazards', { q, orgId, open: true, pageSize: 20 }));
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={found.items.map(optionOf)}
      {...found.selectProps}
      allowClear
      placeholder={t('common.chooseHazard')}
      className="full-width"
      popupMatchSelectWidth={false}
    />
  );
}
