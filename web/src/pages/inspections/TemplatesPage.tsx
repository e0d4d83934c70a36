// 检查模板 (INS-01): checklist templates in scope (current versions; retired ones on request), with
// filters (kind, owning unit, text) and "new template" for those who maintain them.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { IP } from '../../../../server/modules/inspections/permissions.ts';
import { bi, kindLabel, templateKinds } from './labels';
import { TemplateForm } from './TemplateForm';
import type { Template, TemplateKind } from './types';
import './inspections.css';

const FILTERS = ['kind', 'orgId', 'q', 'includeRetired'] as const;
type Filters = { kind?: TemplateKind; orgId?: string; q?: string; includeRetired?: boolean };

export function TemplateState({ x }: { x: Pick<Template, 'withdrawnAt' | 'current'> }) {
  const { t } = useTranslation();
  if (x.withdrawnAt) return <StatusTag tone="neutral">{t('inspectionTemplates.retired')}</StatusTag>;
  if (!x.current) return <StatusTag tone="neutral">{t('inspectionTemplates.superseded')}</StatusTag>;
  return <StatusTag tone="success">{t('common.inUse')}</StatusTag>;
}

export default function TemplatesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const f = list.filters;
  const columns: ColumnsType<Template> = [
    { key: 'name', title: t('inspectionTemplates.name'), sorter: true, render: (_, x) => <Link to={`/inspection-templates/${x.id}`}>{bi(x.name, x.nameEn)}</Link> },
    { key: 'kind', title: t('inspectionTemplates.kind'), sorter: true, render: (_, x) => kindLabel(x.kind) },
    { key: 'version', title: t('inspectionTemplates.version'), render: (_, x) => t('inspectionTemplates.versionN', { n: x.templateVersion }) },
    { key: 'items', title: t('inspectionTemplates.items'), render: (_, x) => t('inspectionTemplates.counts', { sections: x.sectionCount, items: x.itemCount }) },
    { key: 'org', title: t('inspectionTemplates.owner'), render: (_, x) => x.orgName },
    { key: 'state', title: t('common.status'), render: (_, x) => <TemplateState x={x} /> },
    { key: 'updatedAt', title: t('field.updatedAt'), sorter: true, render: (_, x) => formatDateTime(x.updatedAt) },
  ];
  return (
    <>
      <PageHeader
        title={t('inspectionTemplates.nav')}
        extra={
          hasPermission(me, IP.manage_templates) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('inspectionTemplates.create')}
            </Button>
          )
        }
      />
      <FilterBar<Filters>
        name="templateFilters"
        values={{ kind: f.kind as TemplateKind | undefined, orgId: f.orgId, q: f.q, includeRetired: f.includeRetired === 'true' }}
        onSearch={(v) => list.setFilters({ kind: v.kind, orgId: v.orgId, q: v.q?.trim(), includeRetired: v.includeRetired ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="kind" label={t('inspectionTemplates.kind')}>
          <Select allowClear placeholder={t('common.all')} options={templateKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
        </Form.Item>
        <Form.Item name="orgId" label={t('inspectionTemplates.owner')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear placeholder={t('inspectionTemplates.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="includeRetired" valuePropName="checked" className="filter-check">
          <Checkbox>{t('inspectionTemplates.includeRetired')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<Template, (typeof FILTERS)[number]> label={t('inspectionTemplates.nav')} queryKey={['inspection-templates']} path="/inspection-templates" params={list} columns={columns} onRowClick={(x) => navigate(`/inspection-templates/${x.id}`)} />
      </div>
      <TemplateForm open={creating} onClose={() => setCreating(false)} onSaved={(x) => navigate(`/inspection-templates/${x.id}`)} />
    </>
  );
}
