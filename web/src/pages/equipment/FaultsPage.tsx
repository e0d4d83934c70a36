// 故障工单 (EQP-03): the tickets, open ones first by default filter, linked from the dashboard.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { FaultStatusTag } from './EquipmentTags';
import { faultStatuses, faultStatusLabel, options } from './labels';
import type { Fault, FaultStatus } from './types';

interface FormValues {
  status?: FaultStatus[];
  orgId?: string;
  q?: string;
  open?: boolean;
}

export default function FaultsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const qs = new URLSearchParams(sp);
  if (!qs.get('pageSize')) qs.set('pageSize', '20');
  const q = useQuery({ queryKey: ['faults', 'list', qs.toString()], queryFn: () => api.get<PageOf<Fault>>(`/equipment-faults?${qs.toString()}`), placeholderData: keepPreviousData });
  const columns: ColumnsType<Fault> = [
    { key: 'number', title: t('equipment.field.number'), render: (_, f) => <Link to={`/equipment/faults/${f.id}`}>{f.number}</Link> },
    { key: 'equipment', title: t('maintenance.field.equipment'), render: (_, f) => <Link to={`/equipment/${f.equipmentId}`}>{`${f.equipmentNumber} ${f.equipmentName}`}</Link> },
    { key: 'status', title: t('common.status'), render: (_, f) => <FaultStatusTag status={f.status} /> },
    { key: 'description', title: t('equipment.faultDescription'), render: (_, f) => f.description },
    { key: 'org', title: t('equipment.field.orgId'), render: (_, f) => f.orgName },
    { key: 'assignee', title: t('faults.assignee'), render: (_, f) => f.assignee?.name ?? '' },
    { key: 'reportedAt', title: t('faults.reportedBy'), render: (_, f) => `${formatDateTime(f.reportedAt)} · ${f.reportedBy?.name ?? ''}` },
  ];
  return (
    <>
      <PageHeader title={t('faults.title')} />
      <FilterBar<FormValues>
        name="faultFilters"
        values={{ status: sp.getAll('status') as FaultStatus[], orgId: sp.get('orgId') ?? undefined, q: sp.get('q') ?? undefined, open: sp.get('open') === 'true' }}
        onSearch={(v) => {
          const next = new URLSearchParams();
          for (const s of v.status ?? []) next.append('status', s);
          if (v.orgId) next.set('orgId', v.orgId);
          if (v.q?.trim()) next.set('q', v.q.trim());
          if (v.open) next.set('open', 'true');
          setSp(next);
        }}
        onReset={() => setSp(new URLSearchParams())}
      >
        <Form.Item name="status" label={t('common.status')}>
          <Select mode="multiple" allowClear placeholder={t('common.all')} options={options(faultStatuses, faultStatusLabel)} />
        </Form.Item>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="open" valuePropName="checked" className="filter-check">
          <Checkbox>{t('faults.onlyOpen')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<Fault>
          label={t('faults.title')}
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          rowClassName={() => 'clickable-row'}
          onRow={(f) => ({ onClick: (e) => (e.target as HTMLElement).closest('a,button') || navigate(`/equipment/faults/${f.id}`) })}
          onChange={(p) => {
            const next = new URLSearchParams(sp);
            next.set('page', String(p.current ?? 1));
            next.set('pageSize', String(p.pageSize ?? 20));
            setSp(next);
          }}
          pagination={{ current: Number(sp.get('page')) || 1, pageSize: Number(sp.get('pageSize')) || 20, total: q.data?.total ?? 0, showTotal: (total) => t('common.totalItems', { count: total }) }}
          scroll={{ x: true }}
        />
      </div>
    </>
  );
}
