// The visitors area of the web app (VIS-01 … VIS-04): 访客登记簿 and the desk (phone), appointments,
// the blocklist, 机房出入管理登记簿 and 钥匙保管登记, with their routes and side-menu entries.
import { KeyOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { RequirePermission } from '../../app/guards';
import type { WebArea } from '../../app/modules';
import { KP, RP, VP } from './permissions';

const VisitorsPage = lazy(() => import('./VisitorsPage'));
const VisitorDeskPage = lazy(() => import('./VisitorDeskPage'));
const VisitorNewPage = lazy(() => import('./VisitorNewPage'));
const VisitorDetailPage = lazy(() => import('./VisitorDetailPage'));
const BlocklistPage = lazy(() => import('./BlocklistPage'));
const RoomEntriesPage = lazy(() => import('./RoomEntriesPage'));
const RoomEntryNewPage = lazy(() => import('./RoomEntryNewPage'));
const RoomEntryDetailPage = lazy(() => import('./RoomEntryDetailPage'));
const KeysPage = lazy(() => import('./KeysPage'));
const KeyNewPage = lazy(() => import('./KeyNewPage'));
const KeyDetailPage = lazy(() => import('./KeyDetailPage'));

export const visitorsArea: WebArea = {
  routes: [
    { path: 'visitors', element: <RequirePermission perm={VP.read}><VisitorsPage /></RequirePermission> },
    { path: 'visitors/desk', element: <RequirePermission perm={VP.desk}><VisitorDeskPage /></RequirePermission> },
    { path: 'visitors/new', element: <RequirePermission perm={VP.register}><VisitorNewPage /></RequirePermission> },
    { path: 'visitors/blocklist', element: <RequirePermission perm={VP.desk}><BlocklistPage /></RequirePermission> },
    { path: 'visitors/rooms', element: <RequirePermission perm={RP.read}><RoomEntriesPage /></RequirePermission> },
    { path: 'visitors/rooms/new', element: <RequirePermission perm={RP.log}><RoomEntryNewPage /></RequirePermission> },
    { path: 'visitors/rooms/:id', element: <RequirePermission perm={RP.read}><RoomEntryDetailPage /></RequirePermission> },
    { path: 'visitors/keys', element: <RequirePermission perm={KP.read}><KeysPage /></RequirePermission> },
    { path: 'visitors/keys/new', element: <RequirePermission perm={KP.manage}><KeyNewPage /></RequirePermission> },
    { path: 'visitors/keys/:id', element: <RequirePermission perm={KP.read}><KeyDetailPage /></RequirePermission> },
    { path: 'visitors/:id', element: <RequirePermission perm={VP.read}><VisitorDetailPage /></RequirePermission> },
  ],
  nav: [
    { path: '/visitors', label: 'visitors.nav', icon: <TeamOutlined aria-hidden />, anyOf: [VP.read] },
    { path: '/visitors/rooms', label: 'visitors.rooms.nav', icon: <SafetyCertificateOutlined aria-hidden />, anyOf: [RP.read] },
    { path: '/visitors/keys', label: 'visitors.keys.nav', icon: <KeyOutlined aria-hidden />, anyOf: [KP.read] },
  ],
};
