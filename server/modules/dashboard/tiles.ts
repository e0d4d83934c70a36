// "Today" tiles on the dashboard (RPT-02, issue 5): figures that other modules add to the home page —
// patrols done and missed, visitors inside, gaps in duty, faulty equipment — without the dashboard
// knowing them. A module registers a tile when it is imported (its index.ts); the dashboard shows every
// tile whose permission the viewer holds somewhere, counted over the dashboard's scope. Like every
// other figure, a tile links to the register filter that lists the records behind its number.
// Most tiles count what the viewer may read, not whose records they are: those are counted once for
// every viewer with the same grants who asks at the same moment (the fifty screens of a provincial
// security department cost one count per round, not fifty), the way identical dashboard reads are.
import { grantsKey, grantsOnly, requireActor, scopePaths } from '../../platform/access/scope.ts';
import { perApp } from '../../platform/coalesce.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Lang } from '../../platform/http/i18n.ts';

export interface TodayTile {
  /** Unique, `<module>.<figure>`, e.g. `patrols.missedToday`. */
  key: string;
  label: Record<Lang, string>;
  /** Web path of the register filter behind the figure; `{scope}` becomes the scope unit's id. */
  link: string;
  /** The viewer needs this permission somewhere to see the tile. */
  permission: string;
  /** `warn`: a non-zero value needs attention (shown in the alert colour). */
  tone?: 'normal' | 'warn';
  /** Order among the tiles (low first); default 100. */
  order?: number;
  /**
   * The figure over `root`'s subtree, limited to what the viewer may read (the module's own read
   * scope): the same rows the linked register lists. Read-only, through ctx.tx; tiles are counted side
   * by side, so a count must not depend on another's statements.
   */
  count: (ctx: Ctx, root: { id: string; path: string }) => Promise<number>;
  /**
   * True when the figure depends on who the viewer is (their own records, their shifts), not only on
   * what they may read where: such a tile is counted for each viewer. Any other tile is counted with
   * an actor that has the viewer's grants and no identity (grantsOnly: reading who it is throws), once
   * for all viewers with the same grants.
   */
  personal?: boolean;
}

const tiles: TodayTile[] = [];

export function registerTodayTile(tile: TodayTile): void {
  if (tiles.some((t) => t.key === tile.key)) throw new Error(`dashboard tile ${tile.key} registered twice`);
  tiles.push(tile);
  tiles.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key));
}

type Root = { id: string; path: string };
const countAll = (ctx: Ctx, list: TodayTile[], root: Root) => Promise.all(list.map((tile) => tile.count(ctx, root)));

/**
 * The figures of tiles that depend only on the viewer's grants. On the shared pool, viewers with the
 * same grants asking about the same unit share one count (platform/coalesce.ts: it starts after they
 * all arrived, so each still gets figures read after its request; or it is under way and nothing was
 * committed since it started). Inside a transaction the count is
 * the viewer's own (it must see the transaction's writes), with the same identity-less actor.
 */
const sharedCounts = perApp<number[]>();
function countByGrants(ctx: Ctx, list: TodayTile[], root: Root): Promise<number[]> {
  if (!list.length) return Promise.resolve([]);
  const actor = requireActor(ctx);
  const reader = { ...ctx, actor: grantsOnly(actor), ip: null, userAgent: null, requestId: null };
  if (ctx.tx !== ctx.app.db) return countAll(reader, list, root);
  // The tiles shown follow from the grants, so the key needs no list of them.
  return sharedCounts(ctx.app).run(`${root.id}\n${grantsKey(actor)}`, () => countAll({ ...reader, now: ctx.app.clock.now() }, list, root), ctx.snapshot);
}

/** The tiles the viewer may see, with their figures over `root`'s subtree. */
export async function todayTiles(ctx: Ctx, root: Root) {
  const actor = requireActor(ctx);
  const shown = tiles.filter((tile) => scopePaths(actor, tile.permission).length);
  const personal = shown.filter((tile) => tile.personal);
  const common = shown.filter((tile) => !tile.personal);
  // Independent counts, read side by side (each on its own pooled connection outside a transaction).
  const [own, shared] = await Promise.all([countAll(ctx, personal, root), countByGrants(ctx, common, root)]);
  const value = new Map<TodayTile, number>([...personal.map((tile, i) => [tile, own[i]] as const), ...common.map((tile, i) => [tile, shared[i]] as const)]);
  return shown.map((tile) => ({ key: tile.key, label: tile.label[ctx.lang], value: value.get(tile)!, link: tile.link.replaceAll('{scope}', root.id), tone: tile.tone ?? ('normal' as const) }));
}
