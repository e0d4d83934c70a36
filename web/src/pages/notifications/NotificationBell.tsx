// The bell in the header: my unread notifications (polled every 60 s and when the tab regains
// focus), the latest few in a panel, "mark all read", and the way to the full list. Opening a
// notification marks it read and goes to its record.
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Popover } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notificationTarget, unreadCountKey, type AppNotification } from './types';
import { useMarkAllRead, useMarkRead } from './useNotificationActions';
import './bell.css';

const POLL_MS = 60_000;
const LATEST = 6;

function Latest({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const latest = useQuery({ queryKey: ['notifications', 'latest'], queryFn: () => api.get<PageOf<AppNotification>>('/notifications', { pageSize: LATEST }) });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = async (n: AppNotification) => {
    if (!n.readAt) await markRead.mutateAsync(n.id).catch(() => undefined);
    onDone();
    const to = notificationTarget(n);
    if (to) navigate(to);
  };
  const items = latest.data?.items ?? [];
  return (
    <div className="bell-panel">
      <div className="bell-panel-head">
        <strong>{t('notifications.title')}</strong>
        <Button size="small" type="link" onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!items.some((n) => !n.readAt)}>
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <ErrorAlert error={latest.error ?? markAll.error} />
      {latest.isLoading ? (
        <p className="bell-empty">{t('common.loading')}</p>
      ) : items.length ? (
        <ul className="bell-list">
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className={n.readAt ? 'bell-item' : 'bell-item is-unread'} onClick={() => void open(n)}>
                <span className="bell-item-title">
                  {!n.readAt && <span className="visually-hidden">{t('notifications.unreadMark')}</span>}
                  {n.title}
                </span>
                <span className="bell-item-time">{formatDateTime(n.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="bell-empty">{t('notifications.none')}</p>
      )}
      <Link to="/notifications" className="bell-all" onClick={onDone}>
        {t('notifications.viewAll')}
      </Link>
    </div>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const unread = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => api.get<{ count: number }>('/notifications/unread-count'),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: 'always',
  });
  const count = unread.data?.count ?? 0;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      destroyOnHidden
      content={
        <div id={panelId}>
          <Latest onDone={() => setOpen(false)} />
        </div>
      }
    >
      <Button
        type="text"
        className="header-icon-button"
        aria-label={count ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
      >
        <Badge count={count} size="small" overflowCount={99}>
          <BellOutlined aria-hidden className="bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
