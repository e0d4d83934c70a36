// The areas of the app that exist, with the permission each needs (DESIGN §8). The side menu, the
// home page's tiles and the route guards all read this one list.
import { ApartmentOutlined, AuditOutlined, EnvironmentOutlined, KeyOutlined, LockOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from '../api-types';
import { hasPermission, P } from '../permissions';

export type SystemArea = 'orgs' | 'sites' | 'users' | 'roles' | 'apiTokens' | 'securityPolicy' | 'audit';

export interface NavItem {
  area: SystemArea;
  path: string;
  icon: ReactNode;
  perm: string;
}

export const SYSTEM_NAV: NavItem[] = [
  { area: 'orgs', path: '/orgs', icon: <ApartmentOutlined aria-hidden />, perm: P.orgs.read },
  { area: 'sites', path: '/sites', icon: <EnvironmentOutlined aria-hidden />, perm: P.orgs.read },
  { area: 'users', path: '/users', icon: <TeamOutlined aria-hidden />, perm: P.users.read },
  { area: 'roles', path: '/roles', icon: <SafetyCertificateOutlined aria-hidden />, perm: P.roles.manage },
  { area: 'apiTokens', path: '/api-tokens', icon: <KeyOutlined aria-hidden />, perm: P.apiTokens.manage },
  { area: 'securityPolicy', path: '/security-policy', icon: <LockOutlined aria-hidden />, perm: P.settings.manage },
  { area: 'audit', path: '/audit', icon: <AuditOutlined aria-hidden />, perm: P.audit.read },
];

export function systemNavFor(me: Me): NavItem[] {
  return SYSTEM_NAV.filter((i) => hasPermission(me, i.perm));
}

export function navPermission(area: SystemArea): string {
  return SYSTEM_NAV.find((i) => i.area === area)!.perm;
}
