// Pickers the inspection forms share: a template (current versions in scope), a site of a unit, and
// several people (team members), each searched on the server.
import { useQuery } from '@tanstack/react-query';
import { Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Org, PageOf, Site, User } from '../../app/api-types';
import { useOrgTree, type OrgIndex } from '../../app/org-tree';
import { useServerSearch } from '../../components/useServerSearch';
import { bi, kindLabel } from './labels';
import type { Template } from './types';

interface Pick<V> {
  id?: string;
  value?: V;
  onChange?: (value: V) => void;
  'aria-label'?: string;
}

export function TemplateSelect({ id, value, onChange, ...rest }: Pick<string | undefined>) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['inspection-templates', 'pick'], queryFn: () => api.get<PageOf<Template>>('/inspection-templates', { pageSize: 200 }) });
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      loading={q.isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('inspectionPlans.chooseTemplate')}
      options={(q.data?.items ?? []).map((x) => ({ value: x.id, label: `${bi(x.name, x.nameEn)} · ${kindLabel(x.kind)} · ${x.orgName}` }))}
      className="full-width"
    />
  );
}

/** Sites of one unit (none chosen = the whole unit). */
export function SiteSelect({ id, value, onChange, orgId, multiple, ...rest }: Pick<string | string[] | undefined | null> & { orgId?: string; multiple?: boolean }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['sites', 'pick', orgId ?? ''], queryFn: () => api.get<PageOf<Site>>('/sites', { orgId, pageSize: 200 }) });
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? (multiple ? [] : null))}
      loading={q.isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('inspections.wholeUnit')}
      options={(q.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.orgName}` }))}
      className="full-width"
    />
  );
}

const personOption = (u: User) => ({ value: u.id, label: `${u.name} (${u.username}) · ${u.orgName}` });

/** Several people, searched by name, username or employee number (active accounts). */
export function PeopleSelect({ id, value, onChange, known = [], ...rest }: Pick<string[]> & { known?: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const found = useServerSearch(['users', 'pick', true], (q) => api.get<PageOf<User>>('/users', { q, status: 'active', pageSize: 20 }));
  const options = found.items.map(personOption);
  for (const k of known) if (!options.some((o) => o.value === k.id)) options.push({ value: k.id, label: k.name });
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      mode="multiple"
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      {...found.selectProps}
      placeholder={t('common.choosePerson')}
      className="full-width"
    />
  );
}

interface OrgNode {
  value: string;
  title: string;
  disabled: boolean;
  children: OrgNode[];
}

function orgNodes(orgs: OrgIndex, list: Org[], within?: string): OrgNode[] {
  return list.map((o) => ({ value: o.id, title: o.name, disabled: !!o.withdrawnAt || (!!within && !orgs.isWithin(o.id, within)), children: orgNodes(orgs, orgs.childrenOf(o.id), within) }));
}

/** Several units (a plan's scope), optionally only within one unit's subtree. */
export function OrgsSelect({ id, value, onChange, within, ...rest }: Pick<string[]> & { within?: string }) {
  const { t } = useTranslation();
  const { index, isLoading } = useOrgTree();
  const treeData = useMemo(() => orgNodes(index, index.roots, within), [index, within]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      multiple
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v ?? [])}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      placeholder={t('common.chooseUnit')}
      popupMatchSelectWidth={false}
      className="full-width"
    />
  );
}
