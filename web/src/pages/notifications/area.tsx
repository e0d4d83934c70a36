// The notifications area of the web app: its routes (children of the signed-in layout) and side-menu
// entries — my notifications (everyone), and for the system administrator the delivery channels,
// their delivery log and the modules' per-org settings (reminder thresholds, hazard deadlines).
import { BellOutlined, ControlOutlined, NotificationOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { RequirePermission } from '../../app/guards';
import type { WebArea } from '../../app/modules';
import { P } from '../../app/permissions';
import { Loading } from '../../components/Loading';

const NotificationsPage = lazy(() => import('./NotificationsPage'));
const ChannelsPage = lazy(() => import('./ChannelsPage'));
const DeliveriesPage = lazy(() => import('./DeliveriesPage'));
const ModuleSettingsPage = lazy(() => import('../settings/ModuleSettingsPage'));

const page = (Page: LazyExoticComponent<ComponentType>, perm?: string) => {
  const el = (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
  return perm ? <RequirePermission perm={perm}>{el}</RequirePermission> : el;
};

export const notificationsArea: WebArea = {
  routes: [
    { path: 'notifications', element: page(NotificationsPage) },
    { path: 'notification-channels', element: page(ChannelsPage, P.settings.manage) },
    { path: 'notification-deliveries', element: page(DeliveriesPage, P.settings.manage) },
    { path: 'settings/modules', element: page(ModuleSettingsPage, P.settings.manage) },
  ],
  nav: [
    { path: '/notifications', label: 'notifications.nav', icon: <BellOutlined aria-hidden />, anyOf: [] },
    { path: '/notification-channels', label: 'notificationChannels.nav', icon: <NotificationOutlined aria-hidden />, anyOf: [P.settings.manage] },
    { path: '/notification-deliveries', label: 'notificationDeliveries.nav', icon: <UnorderedListOutlined aria-hidden />, anyOf: [P.settings.manage] },
    { path: '/settings/modules', label: 'notificationSettings.nav', icon: <ControlOutlined aria-hidden />, anyOf: [P.settings.manage] },
  ],
};
