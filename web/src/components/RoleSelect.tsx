// Choosing roles (built-in and custom, not withdrawn), named in the UI language.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { Role } from '../app/api-types';
import { currentLanguage } from '../app/i18n';

export const ROLES_KEY = ['roles'] as const;

export function useRoles(includeWithdrawn = false, enabled = true) {
  return useQuery({ queryKey: [...ROLES_KEY, 'all', includeWithdrawn], queryFn: () => api.get<Role[]>('/roles', { includeWithdrawn }), staleTime: 60_000, enabled });
}

export const roleName = (r: { name: string; nameEn: string }) => (currentLanguage() === 'en' ? r.nameEn : r.name);

interface Props {
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Which field of the role is the value. */
  valueKey?: 'code' | 'id';
  builtinOnly?: boolean;
  placeholder?: string;
  'aria-label'?: string;
}

export function RoleSelect({ id, value, onChange, multiple, valueKey = 'code', builtinOnly, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const roles = useRoles();
  const options = (roles.data ?? []).filter((r) => !r.withdrawnAt && (!builtinOnly || r.builtin)).map((r) => ({ value: r[valueKey], label: roleName(r) }));
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v: string | string[] | undefined) => onChange?.(v)}
      options={options}
      loading={roles.isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('common.chooseRole')}
      className="full-width"
    />
  );
}
