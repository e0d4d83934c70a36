// 组织机构: the org tree in the caller's scope beside the chosen unit's detail (stacked on phones).
import { Card, Checkbox, Empty, Tree } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Org } from '../../app/api-types';
import { useOrgTree, type OrgIndex } from '../../app/org-tree';
import { useIsMobile } from '../../app/useIsMobile';
import { orgKindLabel } from '../../components/enum-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { OrgDetail } from './OrgDetail';

interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}

function treeNodes(index: OrgIndex, list: Org[], withdrawnLabel: string): TreeNode[] {
  return list.map((o) => ({
    key: o.id,
    title: `${o.name} · ${orgKindLabel(o.kind)}${o.withdrawnAt ? ` (${withdrawnLabel})` : ''}`,
    children: treeNodes(index, index.childrenOf(o.id), withdrawnLabel),
  }));
}

export default function OrgsPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [sp, setSp] = useSearchParams();
  const showWithdrawn = sp.get('withdrawn') === '1';
  const tree = useOrgTree(showWithdrawn);
  const nodes = useMemo(() => treeNodes(tree.index, tree.index.roots, t('common.withdrawn')), [tree.index, t]);
  const selected = sp.get('id') ?? tree.index.roots[0]?.id ?? null;
  const expanded = useMemo(() => tree.index.list.filter((o) => o.depth <= (tree.index.roots[0]?.depth ?? 0) + 1).map((o) => o.id), [tree.index]);
  const select = (id: string) => {
    const next = new URLSearchParams(sp);
    next.set('id', id);
    setSp(next);
    if (isMobile) setTimeout(() => document.getElementById('org-detail')?.scrollIntoView({ behavior: 'smooth' }), 50);
  };
  return (
    <>
      <PageHeader
        title={t('nav.orgs')}
        extra={
          <Checkbox
            checked={showWithdrawn}
            onChange={(e) => {
              const next = new URLSearchParams(sp);
              if (e.target.checked) next.set('withdrawn', '1');
              else next.delete('withdrawn');
              setSp(next);
            }}
          >
            {t('common.includeWithdrawn')}
          </Checkbox>
        }
      />
      <ErrorAlert error={tree.error} />
      <div className="split-layout">
        <Card title={<h2 className="section-title">{t('orgs.tree')}</h2>} size="small">
          {tree.isLoading ? (
            <Loading />
          ) : nodes.length ? (
            <nav aria-label={t('orgs.tree')}>
              <Tree
                key={expanded.join()}
                treeData={nodes}
                selectedKeys={selected ? [selected] : []}
                defaultExpandedKeys={expanded}
                onSelect={(keys) => keys[0] && select(String(keys[0]))}
                blockNode
              />
            </nav>
          ) : (
            <Empty />
          )}
        </Card>
        <section id="org-detail" aria-label={t('orgs.detail')}>
          {selected ? <OrgDetail key={selected} id={selected} onSelect={select} /> : <Empty />}
        </section>
      </div>
    </>
  );
}
