// The domain areas of the web app (web/src/pages/<area>/area.tsx), in menu order. Each gives its
// routes (children of the signed-in layout) and its side-menu entries; its messages live in
// web/src/pages/<area>/i18n.<lang>.json under top-level keys named after the area (see i18n.ts).
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Me } from './api-types';
import { hasPermission } from './permissions';
import { dashboardArea } from '../pages/dashboard/area';
import { hazardsArea } from '../pages/hazards/area';
import { inspectionsArea } from '../pages/inspections/area';
import { dutyArea } from '../pages/duty/area';
import { notificationsArea } from '../pages/notifications/area';
import { visitorsArea } from '../pages/visitors/area';
import { equipmentArea } from '../pages/equipment/area';
import { patrolsArea } from '../pages/patrols/area';

export interface AreaNavItem {
  /** The menu key and link target, e.g. '/hazards'. */
  path: string;
  /** i18n key of the menu label. */
  label: string;
  icon: ReactNode;
  /** Shown when the person holds any of these permissions somewhere; empty = everyone signed in. */
  anyOf: string[];
}

export interface WebArea {
  routes: RouteObject[];
  nav: AreaNavItem[];
}

export const AREAS: readonly WebArea[] = [dashboardArea, hazardsArea, inspectionsArea, patrolsArea, dutyArea, visitorsArea, equipmentArea, notificationsArea];

export const areaRoutes = (): RouteObject[] => AREAS.flatMap((a) => a.routes);

export function areaNavFor(me: Me): AreaNavItem[] {
  return AREAS.flatMap((a) => a.nav).filter((i) => i.anyOf.length === 0 || i.anyOf.some((p) => hasPermission(me, p)));
}
