// Who sees the dashboard (RPT-02): whoever may read hazards or inspections somewhere — the rule of
// GET /api/v1/dashboard. The permission codes come from the server's own definitions.
import { HP } from '../../../../server/modules/hazards/permissions.ts';
import { IP } from '../../../../server/modules/inspections/permissions.ts';
import type { Me } from '../../app/api-types';
import { hasPermission } from '../../app/permissions';

export { HP, IP };
export const DASHBOARD_PERMISSIONS: readonly string[] = [HP.read, IP.read];

export const mayReadDashboard = (me: Me) => DASHBOARD_PERMISSIONS.some((p) => hasPermission(me, p));
