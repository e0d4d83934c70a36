// RPT-02 "today" tiles on the dashboard: each counts exactly what its linked register filter lists,
// for what the viewer may read, over the dashboard's scope unit.
import { registerTodayTile } from '../dashboard/tiles.ts';
import { countChecks } from './checks.ts';
import { count } from './patrols.ts';
import { PP } from './permissions.ts';

registerTodayTile({
  key: 'patrols.doneToday',
  label: { 'zh-CN': '今日已完成巡逻', en: 'Patrols done today' },
  link: '/patrols?today=true&outcome=done&orgId={scope}',
  permission: PP.read,
  order: 10,
  count: (ctx, root) => count(ctx, { today: true, outcome: 'done', orgId: root.id }),
});

registerTodayTile({
  key: 'patrols.problemToday',
  label: { 'zh-CN': '今日漏巡 / 未按时巡逻', en: 'Patrols missed or overdue today' },
  link: '/patrols?today=true&outcome=problem&orgId={scope}',
  permission: PP.read,
  tone: 'warn',
  order: 11,
  count: (ctx, root) => count(ctx, { today: true, outcome: 'problem', orgId: root.id }),
});

registerTodayTile({
  key: 'patrols.checksMissedToday',
  label: { 'zh-CN': '今日未按时营业前后检查', en: 'Opening / closing checks missed today' },
  link: '/patrols/checks?today=true&missed=true&orgId={scope}',
  permission: PP.read,
  tone: 'warn',
  order: 12,
  count: (ctx, root) => countChecks(ctx, { today: true, missed: true, orgId: root.id }),
});
