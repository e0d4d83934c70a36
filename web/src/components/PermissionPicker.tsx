// Choosing permissions from the catalogue, grouped by module (SEC-02). Permissions that belong to
// the three administrator roles only can never go into a custom role or an API token: they are
// shown, but cannot be ticked.
import { useQuery } from '@tanstack/react-query';
import { Checkbox, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';
import type { Permission } from '../app/api-types';
import { codeLabel, currentLanguage } from '../app/i18n';
import { ErrorAlert } from './ErrorAlert';
import { StatusTag } from './StatusTag';

export function usePermissionCatalogue() {
  return useQuery({ queryKey: ['permissions'], queryFn: () => api.get<Permission[]>('/permissions'), staleTime: 10 * 60_000 });
}

export const permissionName = (p: Permission) => (currentLanguage() === 'en' ? p.nameEn : p.name);

/** Catalogue entries by module, in catalogue order. */
export function byModule(list: Permission[]): Array<[string, Permission[]]> {
  const groups = new Map<string, Permission[]>();
  for (const p of list) groups.set(p.module, [...(groups.get(p.module) ?? []), p]);
  return [...groups.entries()];
}

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
}

export function PermissionPicker({ id, value = [], onChange }: Props) {
  const { t } = useTranslation();
  const q = usePermissionCatalogue();
  if (q.isLoading) return <Skeleton active />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const selected = new Set(value);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    onChange?.([...next]);
  };
  return (
    <div id={id} className="permission-picker">
      {byModule(q.data ?? []).map(([module, perms]) => (
        <fieldset key={module} className="permission-group">
          <legend>{codeLabel('permissionModule', module)}</legend>
          {perms.map((p) => (
            <div key={p.code}>
              <Checkbox checked={selected.has(p.code)} disabled={p.adminOnly} onChange={(e) => toggle(p.code, e.target.checked)}>
                {permissionName(p)} <span className="permission-code">{p.code}</span>
              </Checkbox>
              {p.adminOnly && <StatusTag tone="neutral">{t('roles.adminOnly')}</StatusTag>}
            </div>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
