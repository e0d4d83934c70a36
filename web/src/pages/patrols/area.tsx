// The patrols area of the web app (PAT-01 … PAT-04): the patrol register, the guard's phone pages
// (my patrols today, the checkpoint scan page), routes and their QR labels, the monitoring-room log
// and the branches' opening / closing checks.
import { SafetyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { RequirePermission } from '../../app/guards';
import type { WebArea } from '../../app/modules';
import { PP } from './permissions';

const PatrolsPage = lazy(() => import('./PatrolsPage'));
const MyPatrolsPage = lazy(() => import('./MyPatrolsPage'));
const PatrolDetailPage = lazy(() => import('./PatrolDetailPage'));
const ScanPage = lazy(() => import('./ScanPage'));
const RoutesPage = lazy(() => import('./RoutesPage'));
const RouteFormPage = lazy(() => import('./RouteFormPage'));
const MonitoringPage = lazy(() => import('./MonitoringPage'));
const ChecksPage = lazy(() => import('./ChecksPage'));
const CheckFormPage = lazy(() => import('./CheckFormPage'));
const CheckDetailPage = lazy(() => import('./CheckDetailPage'));

const read = (el: React.ReactNode) => <RequirePermission perm={PP.read}>{el}</RequirePermission>;

export const patrolsArea: WebArea = {
  routes: [
    { path: 'patrols', element: read(<PatrolsPage />) },
    { path: 'patrols/mine', element: <RequirePermission perm={PP.patrol}><MyPatrolsPage /></RequirePermission> },
    { path: 'patrols/scan/:token', element: <RequirePermission perm={PP.patrol}><ScanPage /></RequirePermission> },
    { path: 'patrols/routes', element: read(<RoutesPage />) },
    { path: 'patrols/routes/new', element: <RequirePermission perm={PP.manage_routes}><RouteFormPage /></RequirePermission> },
    { path: 'patrols/routes/:id', element: read(<RouteFormPage />) },
    { path: 'patrols/monitoring', element: read(<MonitoringPage />) },
    { path: 'patrols/checks', element: read(<ChecksPage />) },
    { path: 'patrols/checks/new', element: <RequirePermission perm={PP.check}><CheckFormPage /></RequirePermission> },
    { path: 'patrols/checks/:id', element: read(<CheckDetailPage />) },
    { path: 'patrols/:id', element: read(<PatrolDetailPage />) },
  ],
  nav: [
    { path: '/patrols', label: 'patrols.title', icon: <SafetyOutlined aria-hidden />, anyOf: [PP.read] },
    { path: '/patrols/checks', label: 'patrols.checks', icon: <SafetyOutlined aria-hidden />, anyOf: [PP.read] },
    { path: '/patrols/monitoring', label: 'patrols.monitoring', icon: <SafetyOutlined aria-hidden />, anyOf: [PP.read] },
    { path: '/patrols/routes', label: 'patrols.routes', icon: <SafetyOutlined aria-hidden />, anyOf: [PP.read] },
  ],
};
