// 发送记录: the delivery log of the channels in my scope (system administrator), newest first —
// status, attempts, next attempt, last error — filtered by channel, status and time.
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { useListParams } from '../../components/useListParams';
import { DeliveryStatusTag } from './DeliveryStatusTag';
import { DELIVERY_STATUSES, type Channel, type Delivery, type DeliveryStatus } from './types';

const FILTERS = ['channelId', 'status', 'from', 'to'] as const;
type Filters = { channelId?: string; status?: DeliveryStatus; range?: [Dayjs | null, Dayjs | null] | null };

export default function DeliveriesPage() {
  const { t } = useTranslation();
  const list = useListParams(FILTERS);
  const f = list.filters;
  const channels = useQuery({ queryKey: ['notification-channels', 'all'], queryFn: () => api.get<PageOf<Channel>>('/notification-channels', { pageSize: 200, includeWithdrawn: true }) });
  const columns: ColumnsType<Delivery> = [
    { key: 'createdAt', title: t('notificationDeliveries.field.createdAt'), render: (_, d) => formatDateTime(d.createdAt) },
    { key: 'channel', title: t('notificationDeliveries.field.channel'), render: (_, d) => `${d.channelName} · ${t(`notificationChannels.kind.${d.kind}`)}` },
    { key: 'subject', title: t('notificationDeliveries.field.subject'), render: (_, d) => (d.isTest ? `${t('notificationDeliveries.test')} ${d.subject}` : d.subject) },
    { key: 'recipient', title: t('notificationDeliveries.field.recipient'), render: (_, d) => d.recipient ?? '—' },
    { key: 'status', title: t('common.status'), render: (_, d) => <DeliveryStatusTag status={d.status} /> },
    { key: 'attempts', title: t('notificationDeliveries.field.attempts'), render: (_, d) => d.attempts },
    { key: 'time', title: t('notificationDeliveries.field.time'), render: (_, d) => (d.sentAt ? formatDateTime(d.sentAt) : d.status === 'failed' ? '—' : t('notificationDeliveries.nextAt', { at: formatDateTime(d.nextAttemptAt) })) },
    { key: 'lastError', title: t('notificationDeliveries.field.lastError'), render: (_, d) => d.lastError ?? '—' },
  ];
  return (
    <>
      <PageHeader title={t('notificationDeliveries.title')} back={{ to: '/notification-channels', label: t('notificationChannels.title') }} />
      <FilterBar<Filters>
        name="deliveryFilters"
        values={{ channelId: f.channelId, status: f.status as DeliveryStatus | undefined, range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null }}
        onSearch={(v) =>
          list.setFilters({
            channelId: v.channelId,
            status: v.status,
            from: v.range?.[0]?.startOf('day').toISOString(),
            to: v.range?.[1]?.endOf('day').toISOString(),
          })
        }
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="channelId" label={t('notificationDeliveries.field.channel')}>
          <Select allowClear placeholder={t('common.all')} loading={channels.isLoading} options={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.orgName}` }))} />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select allowClear placeholder={t('common.all')} options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`notificationDeliveries.status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="range" label={t('notificationDeliveries.field.range')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} className="full-width" />
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<Delivery, (typeof FILTERS)[number]> label={t('notificationDeliveries.title')} queryKey={['notification-deliveries']} path="/notification-deliveries" params={list} columns={columns} />
      </div>
    </>
  );
}
