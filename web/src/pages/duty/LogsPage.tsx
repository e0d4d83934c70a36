// 值班日志 (DUT-02): the duty log register — filters in the address bar (unit, days, today, urgent, text),
// Excel export of exactly what is filtered; each entry links to its shift.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Form, Input } from 'antd';
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
import { StatusTag } from '../../components/StatusTag';
import { DutyTabs, ExportButton, useUrlFilters } from './shared';
import type { DutyLog } from './types';
import './duty.css';

const KEYS = ['orgId', 'from', 'to', 'today', 'urgent', 'q', 'assignmentId'] as const;
interface FormValues {
  orgId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  urgent?: boolean;
  today?: boolean;
  q?: string;
}

export default function LogsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useUrlFilters(KEYS);
  const f = list.filters;
  const q = useQuery({ queryKey: ['duty', 'logs', list.listQuery], queryFn: () => api.get<PageOf<DutyLog>>(`/duty-logs?${list.listQuery}`), placeholderData: keepPreviousData });
  const columns: ColumnsType<DutyLog> = [
    { key: 'time', title: t('duty.log.time'), render: (_, l) => <Link to={`/duty/logs/${l.id}`}>{formatDateTime(l.occurredAt)}</Link> },
    { key: 'org', title: t('duty.field.unit'), render: (_, l) => `${l.orgName} · ${l.shiftName}` },
    { key: 'happened', title: t('duty.log.happened'), render: (_, l) => <span className={l.urgent ? 'duty-urgent' : undefined}>{l.happened}</span> },
    { key: 'action', title: t('duty.log.actionTaken'), render: (_, l) => l.actionTaken ?? '' },
    { key: 'flags', title: t('common.status'), render: (_, l) => (l.urgent ? <StatusTag tone="error">{t('duty.log.urgent')}</StatusTag> : l.correctsId ? <StatusTag tone="info">{t('duty.log.isCorrection')}</StatusTag> : null) },
    { key: 'author', title: t('duty.log.author'), render: (_, l) => l.author.name },
  ];
  return (
    <>
      <PageHeader title={t('duty.log.title')} extra={<ExportButton path="/duty-logs/export.xlsx" query={list.filterQuery} name="duty-log.xlsx" />} />
      <DutyTabs />
      <FilterBar<FormValues>
        name="logFilters"
        values={{ orgId: f.orgId, range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined, urgent: f.urgent === 'true', today: f.today === 'true', q: f.q }}
        onSearch={(v) =>
          list.setFilters({ assignmentId: f.assignmentId, orgId: v.orgId, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD'), urgent: v.urgent ? 'true' : undefined, today: v.today ? 'true' : undefined, q: v.q?.trim() || undefined })
        }
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="range" label={t('duty.filter.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="urgent" valuePropName="checked" className="filter-check">
          <Checkbox>{t('duty.filter.urgent')}</Checkbox>
        </Form.Item>
        <Form.Item name="today" valuePropName="checked" className="filter-check">
          <Checkbox>{t('duty.filter.today')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<DutyLog>
          label={t('duty.log.title')}
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          rowClassName={() => 'clickable-row'}
          onRow={(l) => ({ onClick: (e) => (e.target as HTMLElement).closest('a,button') || navigate(`/duty/logs/${l.id}`) })}
          onChange={(p) => list.setPaging(p.current ?? 1, p.pageSize ?? list.pageSize)}
          pagination={{ current: list.page, pageSize: list.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.totalItems', { count: n }) }}
        />
      </div>
    </>
  );
}
