// 安全检查: inspection records in the caller's scope — filters with the API's query names (status,
// unit subtree, plan, scheduled range, overdue, mine, text), paging, Excel export of exactly what the
// filters select, and a new ad-hoc / unannounced inspection for those who plan.
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, download } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDate, formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { useListParams } from '../../components/useListParams';
import { AdhocModal } from './AdhocModal';
import { IP } from '../../../../server/modules/inspections/permissions.ts';
import { bi, inspectionStatuses, STATUS_TONES, statusLabel } from './labels';
import type { Inspection, InspectionStatus, Plan } from './types';
import './inspections.css';

const FILTERS = ['status', 'orgId', 'planId', 'scheduledFrom', 'scheduledTo', 'overdue', 'mine', 'q', 'includeWithdrawn'] as const;
type Key = (typeof FILTERS)[number];
interface FormValues {
  status?: InspectionStatus;
  orgId?: string;
  planId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  overdue?: boolean;
  mine?: boolean;
  q?: string;
  includeWithdrawn?: boolean;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export default function InspectionsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const f = list.filters;
  const plans = useQuery({ queryKey: ['inspection-plans', 'pick'], queryFn: () => api.get<PageOf<Plan>>('/inspection-plans', { pageSize: 200 }) });
  const exporter = useFormMutation(() => download('/inspections/export.xlsx', { ...f, sort: list.sort }, currentLanguage() === 'en' ? 'inspections.xlsx' : '安全检查记录.xlsx'));
  const columns: ColumnsType<Inspection> = [
    { key: 'number', title: t('inspections.number'), sorter: true, render: (_, r) => <Link to={`/inspections/${r.id}`}>{r.number}</Link> },
    { key: 'unit', title: t('inspections.unit'), render: (_, r) => (r.siteName ? `${r.orgName} · ${r.siteName}` : r.orgName) },
    { key: 'template', title: t('inspections.template'), render: (_, r) => bi(r.templateName, r.templateNameEn) },
    { key: 'plan', title: t('inspections.plan'), render: (_, r) => r.planName ?? t('inspections.adhoc') },
    {
      key: 'status',
      title: t('common.status'),
      sorter: true,
      render: (_, r) => (
        <>
          {r.withdrawnAt ? <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag> : <StatusTag tone={STATUS_TONES[r.status]}>{statusLabel(r.status)}</StatusTag>}
          {r.overdue && <StatusTag tone="error">{t('inspections.overdue')}</StatusTag>}
          {r.unannounced && <StatusTag tone="warning">{t('inspections.unannounced')}</StatusTag>}
        </>
      ),
    },
    { key: 'scheduledFor', title: t('inspections.scheduledFor'), sorter: true, render: (_, r) => formatDate(r.scheduledFor) },
    { key: 'dueAt', title: t('inspections.dueAt'), sorter: true, render: (_, r) => formatDateTime(r.dueAt) },
    { key: 'progress', title: t('inspections.progress'), render: (_, r) => `${r.answeredCount} / ${r.itemCount}` },
    { key: 'failed', title: t('inspections.failedItems'), render: (_, r) => r.failedCount },
    { key: 'leader', title: t('inspections.leader'), render: (_, r) => r.leader.name },
  ];
  const values: FormValues = {
    status: f.status as InspectionStatus | undefined,
    orgId: f.orgId,
    planId: f.planId,
    range: f.scheduledFrom || f.scheduledTo ? [f.scheduledFrom ? dayjs(f.scheduledFrom) : null, f.scheduledTo ? dayjs(f.scheduledTo) : null] : null,
    overdue: f.overdue === 'true',
    mine: f.mine === 'true',
    q: f.q,
    includeWithdrawn: f.includeWithdrawn === 'true',
  };
  const search = (v: FormValues) =>
    list.setFilters({
      status: v.status,
      orgId: v.orgId,
      planId: v.planId,
      scheduledFrom: day(v.range?.[0]),
      scheduledTo: day(v.range?.[1]),
      overdue: v.overdue ? 'true' : undefined,
      mine: v.mine ? 'true' : undefined,
      q: v.q?.trim(),
      includeWithdrawn: v.includeWithdrawn ? 'true' : undefined,
    });
  return (
    <>
      <PageHeader
        title={t('inspections.nav')}
        extra={
          <>
            {hasPermission(me, IP.export) && (
              <Button icon={<FileExcelOutlined aria-hidden />} loading={exporter.isPending} onClick={() => exporter.mutate(undefined)}>
                {t('inspections.export')}
              </Button>
            )}
            {hasPermission(me, IP.plan) && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('inspections.createAdhoc')}
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={exporter.error} />
      <FilterBar<FormValues> name="inspectionFilters" values={values} onSearch={search} onReset={() => list.setFilters({})}>
        <Form.Item name="status" label={t('common.status')}>
          <Select allowClear placeholder={t('common.all')} options={inspectionStatuses.map((s) => ({ value: s, label: statusLabel(s) }))} />
        </Form.Item>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="planId" label={t('inspections.plan')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('common.all')} loading={plans.isLoading} options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="range" label={t('inspections.scheduledRange')} className="filter-wide">
          <DatePicker.RangePicker allowEmpty={[true, true]} className="full-width" placeholder={[t('inspections.from'), t('inspections.to')]} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear placeholder={t('inspections.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked" className="filter-check">
          <Checkbox>{t('inspections.overdueOnly')}</Checkbox>
        </Form.Item>
        <Form.Item name="mine" valuePropName="checked" className="filter-check">
          <Checkbox>{t('inspections.mineOnly')}</Checkbox>
        </Form.Item>
        <Form.Item name="includeWithdrawn" valuePropName="checked" className="filter-check">
          <Checkbox>{t('common.includeWithdrawn')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<Inspection, Key> label={t('inspections.nav')} queryKey={['inspections']} path="/inspections" params={list} columns={columns} onRowClick={(r) => navigate(`/inspections/${r.id}`)} />
      </div>
      <AdhocModal open={creating} onClose={() => setCreating(false)} onCreated={(r) => navigate(`/inspections/${r.id}`)} />
    </>
  );
}
