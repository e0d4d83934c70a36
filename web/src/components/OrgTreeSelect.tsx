// Choosing a unit from the org tree in the caller's scope. With `permission`, only units where the
// caller holds it can be chosen; with `excludeSubtree`, a unit and everything under it cannot (moves).
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org } from '../app/api-types';
import { useOrgTree, type OrgIndex } from '../app/org-tree';
import { canAt } from '../app/permissions';
import { useSession } from '../app/session';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  permission?: string;
  excludeSubtree?: string;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
  disabled?: boolean;
}

interface Node {
  value: string;
  title: string;
  disabled: boolean;
  children: Node[];
}

function nodes(orgs: OrgIndex, list: Org[], selectable: (o: Org) => boolean): Node[] {
  return list.map((o) => ({
    value: o.id,
    title: o.withdrawnAt ? `${o.name} (${o.code})` : `${o.name}`,
    disabled: !selectable(o),
    children: nodes(orgs, orgs.childrenOf(o.id), selectable),
  }));
}

export function OrgTreeSelect({ id, value, onChange, permission, excludeSubtree, placeholder, allowClear = true, disabled, ...rest }: Props) {
  const { t } = useTranslation();
  const me = useSession();
  const { index, isLoading } = useOrgTree();
  const treeData = useMemo(
    () =>
      nodes(index, index.roots, (o) => {
        if (o.withdrawnAt) return false;
        if (excludeSubtree && index.isWithin(o.id, excludeSubtree)) return false;
        return permission ? canAt(me, permission, o.id, index) : true;
      }),
    [index, me, permission, excludeSubtree],
  );
  const expanded = useMemo(() => index.roots.map((r) => r.id), [index]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('common.chooseUnit')}
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      className="full-width"
    />
  );
}
