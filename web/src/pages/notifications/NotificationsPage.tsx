// 通知: my in-app notifications, newest first, paged; only the unread ones on request; each opens its
// record (and is marked read), or is marked read where it stands; "mark all read".
import { CheckOutlined } from '@ant-design/icons';
import { Button, Form, Switch } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { notificationTarget, type AppNotification } from './types';
import { useMarkAllRead, useMarkRead } from './useNotificationActions';

const FILTERS = ['unreadOnly'] as const;

export default function NotificationsPage() {
  const { t } = useTranslation();
  const list = useListParams(FILTERS);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const columns: ColumnsType<AppNotification> = [
    {
      key: 'state',
      title: t('common.status'),
      width: 96,
      render: (_, n) => (n.readAt ? <StatusTag tone="neutral">{t('notifications.read')}</StatusTag> : <StatusTag tone="info">{t('notifications.unread')}</StatusTag>),
    },
    {
      key: 'title',
      title: t('notifications.message'),
      render: (_, n) => {
        const to = notificationTarget(n);
        return to ? (
          <Link to={to} onClick={() => !n.readAt && markRead.mutate(n.id)}>
            {n.title}
          </Link>
        ) : (
          n.title
        );
      },
    },
    { key: 'createdAt', title: t('notifications.time'), width: 180, render: (_, n) => formatDateTime(n.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_, n) =>
        n.readAt ? null : (
          <Button size="small" icon={<CheckOutlined aria-hidden />} onClick={() => markRead.mutate(n.id)} aria-label={t('notifications.markReadOf', { title: n.title })}>
            {t('notifications.markRead')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <FilterBar<{ unreadOnly: boolean }>
        name="notificationFilters"
        values={{ unreadOnly: list.filters.unreadOnly === 'true' }}
        onSearch={(v) => list.setFilters({ unreadOnly: v.unreadOnly ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="unreadOnly" label={t('notifications.unreadOnly')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={markRead.error ?? markAll.error} />
      <div className="table-card">
        <RegisterTable<AppNotification, (typeof FILTERS)[number]>
          label={t('notifications.title')}
          queryKey={['notifications']}
          path="/notifications"
          params={list}
          columns={columns}
          rowClassName={(n) => (n.readAt ? '' : 'row-unread')}
        />
      </div>
    </>
  );
}
