// The hazards area of the web app: its routes (children of the signed-in layout) and side-menu entries.
// 隐患整改台账, 上报隐患, the hazard's page and the reporters' recognition list (HAZ-01 … HAZ-08).
import { WarningOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { RequirePermission } from '../../app/guards';
import type { WebArea } from '../../app/modules';
import { HP } from './permissions';

const HazardsPage = lazy(() => import('./HazardsPage'));
const HazardReportPage = lazy(() => import('./HazardReportPage'));
const HazardDetailPage = lazy(() => import('./HazardDetailPage'));
const ReportersPage = lazy(() => import('./ReportersPage'));

export const hazardsArea: WebArea = {
  routes: [
    { path: 'hazards', element: <RequirePermission perm={HP.read}><HazardsPage /></RequirePermission> },
    { path: 'hazards/new', element: <RequirePermission perm={HP.report}><HazardReportPage /></RequirePermission> },
    { path: 'hazards/reporters', element: <RequirePermission perm={HP.read}><ReportersPage /></RequirePermission> },
    { path: 'hazards/:id', element: <RequirePermission perm={HP.read}><HazardDetailPage /></RequirePermission> },
  ],
  nav: [{ path: '/hazards', label: 'hazards.nav', icon: <WarningOutlined aria-hidden />, anyOf: [HP.read] }],
};
