// Built-in roles are defined in code (catalogue.ts + each module's definePermissions) and kept in the
// roles table so grants can reference them and a backup carries them. At start the table is brought
// in line with the code; a change of a built-in role's permissions is audited as a system event.
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { roles } from '../../db/schema/index.ts';
import type { AppContext } from '../context.ts';
import { inSystemTx } from '../context.ts';
import { audit } from '../audit/writer.ts';
import { BUILTIN_ROLE_NAMES, BUILTIN_ROLES, builtinRolePermissions } from './catalogue.ts';
import './platform-permissions.ts';

export async function syncBuiltinRoles(app: AppContext): Promise<void> {
  await inSystemTx(app, async (ctx) => {
    for (const code of BUILTIN_ROLES) {
      const perms = builtinRolePermissions(code);
      const names = BUILTIN_ROLE_NAMES[code];
      const [existing] = await ctx.tx.select().from(roles).where(eq(roles.code, code));
      if (!existing) {
        const inserted = await ctx.tx
          .insert(roles)
          .values({ id: randomUUID(), code, name: names.zh, nameEn: names.en, description: names.description, builtin: true, permissions: perms, createdAt: ctx.now, updatedAt: ctx.now })
          .onConflictDoNothing()
          .returning({ id: roles.id });
        if (inserted.length) await audit(ctx, { action: 'roles.sync', targetType: 'role', targetId: inserted[0].id, targetLabel: code, orgId: null, detail: { added: perms } });
        continue;
      }
      const same = JSON.stringify([...existing.permissions].sort()) === JSON.stringify(perms) && existing.name === names.zh && existing.nameEn === names.en;
      if (same) continue;
      await ctx.tx.update(roles).set({ permissions: perms, name: names.zh, nameEn: names.en, description: names.description, updatedAt: ctx.now, version: existing.version + 1 }).where(eq(roles.id, existing.id));
      await audit(ctx, {
        action: 'roles.sync',
        targetType: 'role',
        targetId: existing.id,
        targetLabel: code,
        orgId: null,
        detail: { added: perms.filter((p) => !existing.permissions.includes(p)), removed: existing.permissions.filter((p) => !perms.includes(p)) },
      });
    }
  });
}
