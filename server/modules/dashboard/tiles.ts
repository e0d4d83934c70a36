// "Today" tiles on the dashboard (RPT-02, issue 5): figures that other modules add to the home page —
// patrols done and missed, visitors inside, gaps in duty, faulty equipment — without the dashboard
// knowing them. A module registers a tile when it is imported (its index.ts); the dashboard shows every
// tile whose permission the viewer holds somewhere, counted over the dashboard's scope. Like every
// other figure, a tile links to the register filter that lists the records behind its number.
import { requireActor, scopePaths } from '../../platform/access/scope.ts';
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
}

const tiles: TodayTile[] = [];

export function registerTodayTile(tile: TodayTile): void {
  if (tiles.some((t) => t.key === tile.key)) throw new Error(`dashboard tile ${tile.key} registered twice`);
  tiles.push(tile);
  tiles.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key));
}

/** The tiles the viewer may see, with their figures over `root`'s subtree. */
export async function todayTiles(ctx: Ctx, root: { id: string; path: string }) {
  const actor = requireActor(ctx);
  const shown = tiles.filter((tile) => scopePaths(actor, tile.permission).length);
  // Independent counts, read side by side (each on its own pooled connection outside a transaction).
  const values = await Promise.all(shown.map((tile) => tile.count(ctx, root)));
  return shown.map((tile, i) => ({ key: tile.key, label: tile.label[ctx.lang], value: values[i], link: tile.link.replaceAll('{scope}', root.id), tone: tile.tone ?? ('normal' as const) }));
}
