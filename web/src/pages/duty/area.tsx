// The duty area of the web app (DUT-01 … DUT-03): my duty (phone), the roster and its coverage, shifts,
// the duty log and the handover register, with each record's page.
import { CalendarOutlined, ScheduleOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import { RequirePermission } from '../../app/guards';
import type { WebArea } from '../../app/modules';
import { DP } from './permissions';

const MyDutyPage = lazy(() => import('./MyDutyPage'));
const RostersPage = lazy(() => import('./RostersPage'));
const RosterDetailPage = lazy(() => import('./RosterDetailPage'));
const CoveragePage = lazy(() => import('./CoveragePage'));
const ShiftsPage = lazy(() => import('./ShiftsPage'));
const LogsPage = lazy(() => import('./LogsPage'));
const LogDetailPage = lazy(() => import('./LogDetailPage'));
const HandoversPage = lazy(() => import('./HandoversPage'));
const HandoverDetailPage = lazy(() => import('./HandoverDetailPage'));

const read = (el: ReactNode) => <RequirePermission perm={DP.read}>{el}</RequirePermission>;

export const dutyArea: WebArea = {
  routes: [
    { path: 'duty', element: read(<MyDutyPage />) },
    { path: 'duty/rosters', element: read(<RostersPage />) },
    { path: 'duty/rosters/:id', element: read(<RosterDetailPage />) },
    { path: 'duty/coverage', element: read(<CoveragePage />) },
    { path: 'duty/shifts', element: read(<ShiftsPage />) },
    { path: 'duty/logs', element: read(<LogsPage />) },
    { path: 'duty/logs/:id', element: read(<LogDetailPage />) },
    { path: 'duty/handovers', element: read(<HandoversPage />) },
    { path: 'duty/handovers/:id', element: read(<HandoverDetailPage />) },
  ],
  // Each menu label is the heading of the page it opens.
  nav: [
    { path: '/duty', label: 'duty.mine.title', icon: <ScheduleOutlined aria-hidden />, anyOf: [DP.read] },
    { path: '/duty/rosters', label: 'duty.roster.title', icon: <CalendarOutlined aria-hidden />, anyOf: [DP.read] },
  ],
};
