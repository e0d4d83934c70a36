// The equipment area of the web app (EQP-01 … EQP-04): 安防设施台账, registering and editing equipment, the
// equipment's (phone) page opened from its QR label, checks and maintenance tasks, plans, fault tickets.
import { SafetyCertificateOutlined, ToolOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { RequirePermission } from '../../app/guards';
import type { WebArea } from '../../app/modules';
import { EP } from './permissions';

const EquipmentPage = lazy(() => import('./EquipmentPage'));
const EquipmentFormPage = lazy(() => import('./EquipmentFormPage'));
const EquipmentDetailPage = lazy(() => import('./EquipmentDetailPage'));
const TasksPage = lazy(() => import('./TasksPage'));
const PlansPage = lazy(() => import('./PlansPage'));
const FaultsPage = lazy(() => import('./FaultsPage'));
const FaultDetailPage = lazy(() => import('./FaultDetailPage'));

export const equipmentArea: WebArea = {
  routes: [
    { path: 'equipment', element: <RequirePermission perm={EP.read}><EquipmentPage /></RequirePermission> },
    { path: 'equipment/new', element: <RequirePermission perm={EP.manage}><EquipmentFormPage /></RequirePermission> },
    { path: 'equipment/tasks', element: <RequirePermission perm={EP.read}><TasksPage /></RequirePermission> },
    { path: 'equipment/plans', element: <RequirePermission perm={EP.read}><PlansPage /></RequirePermission> },
    { path: 'equipment/faults', element: <RequirePermission perm={EP.read}><FaultsPage /></RequirePermission> },
    { path: 'equipment/faults/:id', element: <RequirePermission perm={EP.read}><FaultDetailPage /></RequirePermission> },
    { path: 'equipment/:id/edit', element: <RequirePermission perm={EP.manage}><EquipmentFormPage /></RequirePermission> },
    { path: 'equipment/:id', element: <RequirePermission perm={EP.read}><EquipmentDetailPage /></RequirePermission> },
  ],
  nav: [
    { path: '/equipment', label: 'equipment.nav', icon: <SafetyCertificateOutlined aria-hidden />, anyOf: [EP.read] },
    { path: '/equipment/tasks', label: 'maintenance.tasksNav', icon: <ToolOutlined aria-hidden />, anyOf: [EP.read] },
    { path: '/equipment/faults', label: 'faults.nav', icon: <ToolOutlined aria-hidden />, anyOf: [EP.read] },
  ],
};
