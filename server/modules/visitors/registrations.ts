// What the visitors module registers with the platform: its encrypted columns (rekey), the org-usage
// counter (a unit with visitors inside or lost keys awaiting a lock change cannot be withdrawn: ORG-01)
// and the dashboard's tiles of the day (RPT-02).
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { keySets, visitorBlocklist, visitors } from '../../db/schema/index.ts';
import { inSubtrees, pathWithin, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { registerEncryptedColumns } from '../../platform/crypto/encrypted-columns.ts';
import { registerOrgUsage } from '../../platform/orgs/usage.ts';
import { orgs } from '../../db/schema/index.ts';
import { registerTodayTile } from '../dashboard/tiles.ts';
import * as keys from './keys-service.ts';
import { KP, VP } from './permissions.ts';
import * as visitorService from './visitors-service.ts';

// VIS-01 / PIP-02: identity document numbers are encrypted at rest with a keyed hash beside them.
registerEncryptedColumns({ name: 'visitors', table: visitors, id: visitors.id, fields: [{ enc: visitors.documentNumberEnc, hash: visitors.documentNumberHash }] });
registerEncryptedColumns({ name: 'visitor_blocklist', table: visitorBlocklist, id: visitorBlocklist.id, fields: [{ enc: visitorBlocklist.documentNumberEnc, hash: visitorBlocklist.documentNumberHash }] });

registerOrgUsage({
  key: 'visitors_inside',
  zh: '在访访客',
  en: 'visitors inside',
  count: async (ex, orgId) => Number((await ex.select({ n: count() }).from(visitors).where(and(eq(visitors.orgId, orgId), eq(visitors.status, 'inside'), isNull(visitors.withdrawnAt))))[0].n),
});
registerOrgUsage({
  key: 'lost_keys',
  zh: '挂失待换锁的钥匙',
  en: 'lost keys awaiting a lock change',
  count: async (ex, orgId) => Number((await ex.select({ n: count() }).from(keySets).where(and(eq(keySets.orgId, orgId), eq(keySets.status, 'lost'), isNull(keySets.withdrawnAt))))[0].n),
});

const within = (root: { path: string }) => pathWithin(orgs.path, root.path);

registerTodayTile({
  key: 'visitors.insideNow',
  label: { 'zh-CN': '在访访客', en: 'Visitors inside' },
  link: '/visitors?inside=true&orgId={scope}',
  permission: VP.read,
  order: 40,
  count: (ctx, root) => visitorService.count(ctx, { inside: true }, and(inSubtrees(visitors.orgId, scopePaths(requireActor(ctx), VP.read)), within(root))),
});
registerTodayTile({
  key: 'visitors.insideAfterClosing',
  label: { 'zh-CN': '营业结束后未离开访客', en: 'Visitors inside after closing' },
  link: '/visitors?insideAfterClosing=true&orgId={scope}',
  permission: VP.read,
  tone: 'warn',
  order: 41,
  count: (ctx, root) => visitorService.count(ctx, { insideAfterClosing: true }, and(inSubtrees(visitors.orgId, scopePaths(requireActor(ctx), VP.read)), within(root))),
});
registerTodayTile({
  key: 'keys.lostAwaitingLockChange',
  label: { 'zh-CN': '挂失待换锁钥匙', en: 'Lost keys awaiting lock change' },
  link: '/visitors/keys?status=lost&orgId={scope}',
  permission: KP.read,
  tone: 'warn',
  order: 42,
  count: (ctx, root) => keys.count_(ctx, { status: 'lost' }, and(inSubtrees(keySets.orgId, scopePaths(requireActor(ctx), KP.read)), within(root))),
});
