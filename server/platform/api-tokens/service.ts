// Scoped API tokens for integrations (SEC-01, DESIGN §5): created by the security administrator for
// a person, limited to a subtree and a list of permissions that person holds there; the token is
// shown once and only its SHA-256 is kept; it expires and can be revoked.
import { and, count, eq, isNull, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { apiTokens, orgs, users } from '../../db/schema/index.ts';
import { loadGrants } from '../auth/actor.ts';
import { TOKEN_PREFIX } from '../auth/authenticate.ts';
import { randomToken, sha256 } from '../auth/sessions.ts';
import { P } from '../access/platform-permissions.ts';
import { allowedActions, iso } from '../access/records.ts';
import { can, inSubtrees, requireActor, scopePaths } from '../access/scope.ts';
import { audit } from '../audit/writer.ts';
import type { Ctx } from '../context.ts';
import { conflict, forbidden, notFound, ruleRefused } from '../http/errors.ts';
import { pageOf, type PageParams, sortOrder } from '../http/paging.ts';
import { checkAssignable } from '../roles/service.ts';

type Row = { token: typeof apiTokens.$inferSelect; userName: string; orgName: string; orgPath: string };

function present(ctx: Ctx, r: Row) {
  const t = r.token;
  const status = t.revokedAt ? 'revoked' : t.expiresAt.getTime() <= ctx.now.getTime() ? 'expired' : 'active';
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    userId: t.userId,
    userName: r.userName,
    orgId: t.orgId,
    orgName: r.orgName,
    permissions: t.permissions,
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: iso(t.lastUsedAt),
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy,
    revokedAt: iso(t.revokedAt),
    revokedBy: t.revokedBy,
    revokeReason: t.revokeReason,
    status: status as 'active' | 'expired' | 'revoked',
    allowedActions: allowedActions(ctx, r.orgPath, { revoke: { perm: P.apiTokens.manage, when: status === 'active' } }),
  };
}

const selectRows = (ctx: Ctx) =>
  ctx.tx
    .select({ token: apiTokens, userName: users.name, orgName: orgs.name, orgPath: orgs.path })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(orgs, eq(orgs.id, apiTokens.orgId));

const SORTS = { createdAt: apiTokens.createdAt, name: apiTokens.name, expiresAt: apiTokens.expiresAt };

export async function list(ctx: Ctx, q: { userId?: string; includeRevoked?: boolean; sort?: string }, p: PageParams) {
  const conds: SQL[] = [inSubtrees(apiTokens.orgId, scopePaths(requireActor(ctx), P.apiTokens.manage))];
  if (q.userId) conds.push(eq(apiTokens.userId, q.userId));
  if (!q.includeRevoked) conds.push(isNull(apiTokens.revokedAt));
  const w = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    selectRows(ctx).where(w).orderBy(...sortOrder(q.sort, SORTS, '-createdAt', apiTokens.id)).limit(p.pageSize).offset(p.offset),
    ctx.tx.select({ n: count() }).from(apiTokens).where(w),
  ]);
  return pageOf(items.map((r) => present(ctx, r)), Number(n), p);
}

async function load(ctx: Ctx, id: string): Promise<Row> {
  const [r] = await selectRows(ctx).where(eq(apiTokens.id, id));
  if (!r || !can(requireActor(ctx), P.apiTokens.manage, r.orgPath)) {
    throw notFound('TOKEN_NOT_FOUND', r ? { action: P.apiTokens.manage, targetType: 'api_token', targetId: id, orgId: r.token.orgId, reason: 'out of scope' } : undefined);
  }
  return r;
}

export async function get(ctx: Ctx, id: string) {
  return present(ctx, await load(ctx, id));
}

export async function create(ctx: Ctx, input: { name: string; userId: string; orgId: string; permissions: string[]; expiresInDays: number }) {
  const actor = requireActor(ctx);
  checkAssignable(input.permissions, 'permissions');
  const [org] = await ctx.tx.select().from(orgs).where(eq(orgs.id, input.orgId));
  if (!org || !can(actor, P.orgs.read, org.path)) throw notFound('ORG_NOT_FOUND', org ? { action: P.apiTokens.manage, targetType: 'org', targetId: org.id, orgId: org.id, reason: 'out of scope' } : undefined);
  if (!can(actor, P.apiTokens.manage, org.path)) throw forbidden('FORBIDDEN', { action: P.apiTokens.manage, targetType: 'org', targetId: org.id, orgId: org.id });
  if (org.withdrawnAt) throw conflict('ORG_WITHDRAWN');
  const [owner] = await ctx.tx.select({ user: users, orgPath: orgs.path }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.id, input.userId));
  if (!owner || !can(actor, P.users.read, owner.orgPath)) {
    throw notFound('USER_NOT_FOUND', owner ? { action: P.apiTokens.manage, targetType: 'user', targetId: owner.user.id, orgId: owner.user.orgId, reason: 'out of scope' } : undefined);
  }
  if (owner.user.status !== 'active') throw ruleRefused('USER_NOT_ACTIVE');
  // A token never exceeds its owner: each permission must be held by them over the token's unit.
  const ownerGrants = await loadGrants(ctx.tx, owner.user.id);
  input.permissions.forEach((p, i) => {
    if (!ownerGrants.some((g) => g.permissions.has(p) && (org.path.startsWith(g.path) || g.path.startsWith(org.path)))) {
      throw ruleRefused('TOKEN_PERMISSION_NOT_HELD', { person: owner.user.name, code: p }, [{ path: `permissions.${i}`, code: 'TOKEN_PERMISSION_NOT_HELD', params: { person: owner.user.name, code: p } }]);
    }
  });
  const secret = `${TOKEN_PREFIX}${randomToken(32)}`;
  const id = randomUUID();
  const [t] = await ctx.tx
    .insert(apiTokens)
    .values({
      id,
      userId: owner.user.id,
      orgId: org.id,
      name: input.name,
      prefix: secret.slice(0, 12),
      tokenHash: sha256(secret),
      permissions: [...input.permissions].sort(),
      expiresAt: new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000),
      createdAt: ctx.now,
      createdBy: actor.userId,
    })
    .returning();
  await audit(ctx, {
    action: 'api_tokens.create',
    targetType: 'api_token',
    targetId: id,
    targetLabel: input.name,
    orgId: org.id,
    detail: { owner: owner.user.username, permissions: t.permissions, expiresAt: t.expiresAt.toISOString() },
  });
  return { token: secret, apiToken: present(ctx, { token: t, userName: owner.user.name, orgName: org.name, orgPath: org.path }) };
}

export async function revoke(ctx: Ctx, id: string, reason: string) {
  const r = await load(ctx, id);
  if (r.token.revokedAt) throw conflict('TOKEN_REVOKED');
  const [t] = await ctx.tx
    .update(apiTokens)
    .set({ revokedAt: ctx.now, revokedBy: ctx.actor!.userId, revokeReason: reason })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  if (!t) throw conflict('TOKEN_REVOKED');
  await audit(ctx, { action: 'api_tokens.revoke', targetType: 'api_token', targetId: id, targetLabel: r.token.name, orgId: r.token.orgId, detail: { reason } });
  return present(ctx, { ...r, token: t });
}
