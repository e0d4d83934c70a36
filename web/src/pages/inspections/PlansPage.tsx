// 检查计划 (INS-02): inspection plans in scope — filters (unit subtree, recurrence, active, text),
// paging, and "new plan" for those who plan.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../app/format';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { IP } from '../../../../server/modules/inspections/permissions.ts';
import { recurrenceLabel, recurrences } from './labels';
import { PlanForm } from './PlanForm';
import type { Plan, Recurrence } from './types';

const FILTERS = ['orgId', 'recurrence', 'active', 'q', 'includeWithdrawn'] as const;
type Filters = { orgId?: string; recurrence?: Recurrence; active?: 'true' | 'false'; q?: string; includeWithdrawn?: boolean };

export function PlanState({ p }: { p: Pick<Plan, 'withdrawnAt' | 'active'> }) {
  const { t } = useTranslation();
  if (p.withdrawnAt) return <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag>;
  return p.active ? <StatusTag tone="success">{t('inspectionPlans.active')}</StatusTag> : <StatusTag tone="warning">{t('inspectionPlans.paused')}</StatusTag>;
}

export const scopeText = (p: Plan, sep: string) => [...p.scopeOrgs.map((o) => o.name), ...p.scopeSites.map((s) => s.name)].join(sep) || '—';

export default function PlansPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const f = list.filters;
  const columns: ColumnsType<Plan> = [
    { key: 'name', title: t('inspectionPlans.name'), sorter: true, render: (_, p) => <Link to={`/inspection-plans/${p.id}`}>{p.name}</Link> },
    { key: 'template', title: t('inspections.template'), render: (_, p) => p.templateName },
    { key: 'scope', title: t('inspectionPlans.scope'), render: (_, p) => scopeText(p, t('common.listSep')) },
    { key: 'recurrence', title: t('inspectionPlans.recurrence'), render: (_, p) => recurrenceLabel(p.recurrence) },
    { key: 'startsOn', title: t('inspectionPlans.startsOn'), sorter: true, render: (_, p) => formatDate(p.startsOn) },
    { key: 'leader', title: t('inspections.leader'), render: (_, p) => p.leader.name },
    { key: 'state', title: t('common.status'), render: (_, p) => <PlanState p={p} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('inspectionPlans.nav')}
        extra={
          hasPermission(me, IP.plan) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('inspectionPlans.create')}
            </Button>
          )
        }
      />
      <FilterBar<Filters>
        name="planFilters"
        values={{ orgId: f.orgId, recurrence: f.recurrence as Recurrence | undefined, active: f.active as Filters['active'], q: f.q, includeWithdrawn: f.includeWithdrawn === 'true' }}
        onSearch={(v) => list.setFilters({ orgId: v.orgId, recurrence: v.recurrence, active: v.active, q: v.q?.trim(), includeWithdrawn: v.includeWithdrawn ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="recurrence" label={t('inspectionPlans.recurrence')}>
          <Select allowClear placeholder={t('common.all')} options={recurrences.map((r) => ({ value: r, label: recurrenceLabel(r) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            options={[
              { value: 'true', label: t('inspectionPlans.active') },
              { value: 'false', label: t('inspectionPlans.paused') },
            ]}
          />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="includeWithdrawn" valuePropName="checked" className="filter-check">
          <Checkbox>{t('common.includeWithdrawn')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<Plan, (typeof FILTERS)[number]> label={t('inspectionPlans.nav')} queryKey={['inspection-plans']} path="/inspection-plans" params={list} columns={columns} onRowClick={(p) => navigate(`/inspection-plans/${p.id}`)} />
      </div>
      <PlanForm open={creating} onClose={() => setCreating(false)} onSaved={(p) => navigate(`/inspection-plans/${p.id}`)} />
    </>
  );
}
