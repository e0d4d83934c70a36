// The inspections area of the web app (INS-01 … INS-05): its routes (children of the signed-in
// layout) and side-menu entries. Every page needs inspections.read; the buttons inside follow the
// finer permissions and each record's allowedActions.
import { BarChartOutlined, CarryOutOutlined, ProfileOutlined, ScheduleOutlined } from '@ant-design/icons';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/guards';
import type { WebArea } from '../../app/modules';
import { Loading } from '../../components/Loading';
import { IP } from '../../../../server/modules/inspections/permissions.ts';

const InspectionsPage = lazy(() => import('./InspectionsPage'));
const InspectionPage = lazy(() => import('./InspectionPage'));
const SummaryPage = lazy(() => import('./SummaryPage'));
const TemplatesPage = lazy(() => import('./TemplatesPage'));
const TemplateDetailPage = lazy(() => import('./TemplateDetailPage'));
const PlansPage = lazy(() => import('./PlansPage'));
const PlanDetailPage = lazy(() => import('./PlanDetailPage'));

const route = (path: string, Page: LazyExoticComponent<ComponentType>): RouteObject => ({
  path,
  element: (
    <RequirePermission perm={IP.read}>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    </RequirePermission>
  ),
});

export const inspectionsArea: WebArea = {
  routes: [
    route('inspections', InspectionsPage),
    route('inspections/summary', SummaryPage),
    route('inspections/:id', InspectionPage),
    route('inspection-templates', TemplatesPage),
    route('inspection-templates/:id', TemplateDetailPage),
    route('inspection-plans', PlansPage),
    route('inspection-plans/:id', PlanDetailPage),
  ],
  nav: [
    { path: '/inspections', label: 'inspections.nav', icon: <CarryOutOutlined aria-hidden />, anyOf: [IP.read] },
    { path: '/inspection-plans', label: 'inspectionPlans.nav', icon: <ScheduleOutlined aria-hidden />, anyOf: [IP.read] },
    { path: '/inspection-templates', label: 'inspectionTemplates.nav', icon: <ProfileOutlined aria-hidden />, anyOf: [IP.read] },
    { path: '/inspections/summary', label: 'inspectionSummary.nav', icon: <BarChartOutlined aria-hidden />, anyOf: [IP.read] },
  ],
};
