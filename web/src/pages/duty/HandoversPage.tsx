// 交接班登记簿 (DUT-03): the handover register — filters in the address bar, Excel export; each row links
// to the handover record.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { DutyTabs, ExportButton, HandoverStatusTag, useUrlFilters } from './shared';
import type { Handover } from './types';

const KEYS = ['orgId', 'from', 'to', 'status', 'withOpenItems'] as const;
interface FormValues {
  orgId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  status?: 'submitted' | 'confirmed';
  withOpenItems?: boolean;
}

export default function HandoversPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useUrlFilters(KEYS);
  const f = list.filters;
  const q = useQuery({ queryKey: ['duty', 'handovers', list.listQuery], queryFn: () => api.get<PageOf<Handover>>(`/handovers?${list.listQuery}`), placeholderData: keepPreviousData });
  const columns: ColumnsType<Handover> = [
    { key: 'date', title: t('duty.field.date'), render: (_, h) => <Link to={`/duty/handovers/${h.id}`}>{`${h.dutyDate} ${h.shiftName}`}</Link> },
    { key: 'org', title: t('duty.field.unit'), render: (_, h) => h.orgName },
    { key: 'status', title: t('common.status'), render: (_, h) => <HandoverStatusTag h={h} /> },
    { key: 'outgoing', title: t('duty.handover.outgoing'), render: (_, h) => `${h.outgoing.name} ${formatDateTime(h.submittedAt)}` },
    { key: 'incoming', title: t('duty.handover.incoming'), render: (_, h) => (h.incoming ? `${h.incoming.name} ${formatDateTime(h.confirmedAt)}` : '') },
    { key: 'open', title: t('duty.handover.openItems'), render: (_, h) => h.openItemCount },
  ];
  return (
    <>
      <PageHeader title={t('duty.handover.title')} extra={<ExportButton path="/handovers/export.xlsx" query={list.filterQuery} name="handovers.xlsx" />} />
      <DutyTabs />
      <FilterBar<FormValues>
        name="handoverFilters"
        values={{ orgId: f.orgId, range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined, status: f.status as FormValues['status'], withOpenItems: f.withOpenItems === 'true' }}
        onSearch={(v) => list.setFilters({ orgId: v.orgId, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD'), status: v.status, withOpenItems: v.withOpenItems ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="range" label={t('duty.filter.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select allowClear placeholder={t('common.all')} options={(['submitted', 'confirmed'] as const).map((s) => ({ value: s, label: t(`duty.handover.status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="withOpenItems" valuePropName="checked" className="filter-check">
          <Checkbox>{t('duty.filter.withOpenItems')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<Handover>
          label={t('duty.handover.title')}
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          rowClassName={() => 'clickable-row'}
          onRow={(h) => ({ onClick: (e) => (e.target as HTMLElement).closest('a,button') || navigate(`/duty/handovers/${h.id}`) })}
          onChange={(p) => list.setPaging(p.current ?? 1, p.pageSize ?? list.pageSize)}
          pagination={{ current: list.page, pageSize: list.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.totalItems', { count: n }) }}
        />
      </div>
    </>
  );
}
