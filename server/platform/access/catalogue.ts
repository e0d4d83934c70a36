// The catalogue of permissions (module × action), declared by each module next to its routes
// (SEC-02). Built-in roles receive permissions here too, so a module brings its own defaults.
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const BUILTIN_ROLES = [...ADMIN_ROLES, 'security_head', 'security_officer', 'branch_head', 'staff', 'guard', 'it_admin', 'leader'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export interface PermissionDef {
  code: string;
  module: string;
  action: string;
  zh: string;
  en: string;
  /** Held only by the three administrator roles: never in custom roles or on API tokens. */
  adminOnly: boolean;
}

const permissions = new Map<string, PermissionDef>();
const roleGrants = new Map<BuiltinRole, Set<string>>(BUILTIN_ROLES.map((r) => [r, new Set<string>()]));

type ActionSpec = { zh: string; en: string; adminOnly?: boolean; roles: readonly BuiltinRole[] };

/** Declares `<module>.<action>` permissions and which built-in roles hold each. Returns the codes. */
export function definePermissions<const A extends Record<string, ActionSpec>>(module: string, actions: A): { [K in keyof A]: string } {
  const out = {} as { [K in keyof A]: string };
  for (const [action, spec] of Object.entries(actions)) {
    const code = `${module}.${action}`;
    if (permissions.has(code)) throw new Error(`permission ${code} declared twice`);
    permissions.set(code, { code, module, action, zh: spec.zh, en: spec.en, adminOnly: !!spec.adminOnly });
    for (const r of spec.roles) roleGrants.get(r)!.add(code);
    (out as Record<string, string>)[action] = code;
  }
  return out;
}

export function allPermissions(): PermissionDef[] {
  return [...permissions.values()];
}

export function permissionDef(code: string): PermissionDef | undefined {
  return permissions.get(code);
}

export function builtinRolePermissions(role: BuiltinRole): string[] {
  return [...roleGrants.get(role)!].sort();
}

export const BUILTIN_ROLE_NAMES: Record<BuiltinRole, { zh: string; en: string; description: string }> = {
  sysadmin: { zh: '系统管理员', en: 'System administrator', description: 'Configuration, org tree and sites; cannot grant roles or read the audit trail.' },
  secadmin: { zh: '安全保密管理员', en: 'Security administrator', description: 'Accounts, roles, permissions and API tokens; cannot change configuration.' },
  auditor: { zh: '安全审计员', en: 'Auditor', description: 'Reads and verifies the audit trail; changes nothing.' },
  security_head: { zh: '保卫部负责人', en: 'Security head', description: 'All security operations in the subtree; approves and signs off major hazards.' },
  security_officer: { zh: '安全员', en: 'Security officer', description: 'Inspections, hazards, patrols, duty, visitors, equipment, incidents.' },
  branch_head: { zh: '网点负责人', en: 'Branch head', description: 'Their branch: rectifies hazards, signs records, pledges.' },
  staff: { zh: '员工', en: 'Staff', description: 'Reports hazards, takes training, acknowledges regulations.' },
  guard: { zh: '保安/监控员', en: 'Guard / monitor', description: 'Patrols, duty logs, visitor desk.' },
  it_admin: { zh: '信息科技管理员', en: 'IT administrator', description: 'Information-security registers.' },
  leader: { zh: '领导', en: 'Leadership', description: 'Dashboards, reports and approvals; read-only elsewhere.' },
};
