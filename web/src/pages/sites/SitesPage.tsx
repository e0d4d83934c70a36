// 场所: sites in the caller's scope — filter bar, paginated table, create. This page and
// SiteDetailPage are the reference register pages: a new module copies them (FilterBar +
// RegisterTable + useListParams here; fields, allowedActions buttons, RecordTimeline on the detail).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Site, SiteKind } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { hasPermission, P } from '../../app/permissions';
import { useSession } from '../../app/session';
import { siteKindLabel, siteKinds } from '../../components/enum-labels';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { SiteFormModal } from './SiteFormModal';

const FILTERS = ['orgId', 'kind', 'q', 'includeWithdrawn'] as const;
type Filters = { orgId?: string; kind?: SiteKind; q?: string; includeWithdrawn?: boolean };

export default function SitesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const f = list.filters;
  const columns: ColumnsType<Site> = [
    { key: 'name', title: t('field.name'), sorter: true, render: (_, s) => <Link to={`/sites/${s.id}`}>{s.name}</Link> },
    { key: 'kind', title: t('field.kind'), sorter: true, render: (_, s) => siteKindLabel(s.kind) },
    { key: 'org', title: t('field.orgId'), render: (_, s) => s.orgName },
    { key: 'location', title: t('field.location'), render: (_, s) => s.location ?? '—' },
    { key: 'state', title: t('common.status'), render: (_, s) => (s.withdrawnAt ? <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag> : <StatusTag tone="success">{t('common.inUse')}</StatusTag>) },
    { key: 'createdAt', title: t('field.createdAt'), sorter: true, render: (_, s) => formatDateTime(s.createdAt) },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.sites')}
        extra={
          hasPermission(me, P.sites.manage) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('sites.create')}
            </Button>
          )
        }
      />
      <FilterBar<Filters>
        name="siteFilters"
        values={{ orgId: f.orgId, kind: f.kind as SiteKind | undefined, q: f.q, includeWithdrawn: f.includeWithdrawn === 'true' }}
        onSearch={(v) => list.setFilters({ orgId: v.orgId, kind: v.kind, q: v.q?.trim(), includeWithdrawn: v.includeWithdrawn ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind')}>
          <Select allowClear placeholder={t('common.all')} options={siteKinds.map((k) => ({ value: k, label: siteKindLabel(k) }))} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear placeholder={t('sites.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="includeWithdrawn" valuePropName="checked" className="filter-check">
          <Checkbox>{t('common.includeWithdrawn')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<Site, (typeof FILTERS)[number]> label={t('nav.sites')} queryKey={['sites']} path="/sites" params={list} columns={columns} onRowClick={(s) => navigate(`/sites/${s.id}`)} />
      </div>
      <SiteFormModal open={creating} onClose={() => setCreating(false)} onSaved={(s) => navigate(`/sites/${s.id}`)} />
    </>
  );
}
