// The bell and the notification list in the browser (HAZ-04): the security head is told of each hazard
// the officer reports; the bell shows the unread count, opening a notification from it goes to the
// hazard and the count goes down, the list filters the unread ones, and "mark all read" empties both.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiOf, reportAsOfficer } from './api-session.ts';
import { checkA11y, pageReady, settled, signIn, startE2e, waitUntil, type E2e } from './harness.ts';
import { openFromMenu } from './steps.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const TITLES = ['金库监控硬盘录像缺失', '营业厅紧急按钮无响应'];

const bell = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^消息通知/ });

/**
 * The head's unread count once nothing new has arrived for 3 s: in its first seconds the server's
 * scheduler may also tell the head of today's patrol rounds (depending on the time of day), and the
 * counts below must not move under the test.
 */
async function settledUnread(count: () => Promise<number>): Promise<number> {
  let last = await count();
  let since = Date.now();
  const deadline = Date.now() + 60_000;
  while (Date.now() - since < 3_000) {
    if (Date.now() > deadline) throw new Error('the unread count kept changing for a minute');
    await new Promise((r) => setTimeout(r, 250));
    const n = await count();
    if (n !== last) [last, since] = [n, Date.now()];
  }
  return last;
}

async function bellCount(page: Page): Promise<number> {
  const name = (await bell(page).getAttribute('aria-label')) ?? '';
  const m = /（(\d+) 条未读）/.exec(name);
  return m ? Number(m[1]) : 0;
}

test('HAZ-07 setup: the officer reports two hazards of a branch (the security head is notified of each)', async () => {
  await e2e.scenario('bell setup: officer reports', async (ctx) => {
    // The head starts with nothing unread, so that the bell holds exactly the hazards reported here
    // (the scheduler may have told the head of today's patrol rounds, depending on the time of day).
    const head = await ctx.newPage();
    await signIn(head, 'head');
    const api = await apiOf(head.request);
    await settledUnread(() => api.get<{ count: number }>('/notifications/unread-count').then((r) => r.count));
    await api.post('/notifications/read-all', {});
    await head.close();
    await reportAsOfficer(ctx.request, TITLES);
  });
});

test('HAZ-04: the bell shows the unread count, opening a notification goes to its hazard and the count goes down; mark all read empties it', async () => {
  await e2e.scenario('bell and notification list', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'head');
    await pageReady(page, '首页');
    const api = await apiOf(page.request);
    const unread = await settledUnread(() => api.get<{ count: number }>('/notifications/unread-count').then((r) => r.count));
    assert.ok(unread >= TITLES.length, 'the head was told of each reported hazard');
    await waitUntil('the bell to show the unread count', () => bellCount(page), (n) => n === unread);

    await bell(page).click();
    // One of the reported hazards' notifications: depending on the time of day the head may also have
    // been told of a patrol round by the scheduler, which opens the patrol instead.
    const first = page.locator('.bell-item.is-unread').filter({ hasText: '新隐患待定级' }).first();
    await first.waitFor();
    await settled(page);
    await checkA11y(page, 'bell panel');
    await first.click();
    await page.waitForURL((u) => /^\/hazards\/[^/]+$/.test(u.pathname));
    await waitUntil('the bell count to go down by one', () => bellCount(page), (n) => n === unread - 1);
    assert.equal((await api.get<{ count: number }>('/notifications/unread-count')).count, unread - 1);

    await openFromMenu(page, '消息通知');
    await page.getByRole('switch', { name: '只看未读' }).click();
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL((u) => u.searchParams.get('unreadOnly') === 'true');
    await page.getByText(`共 ${unread - 1} 条`).first().waitFor();
    await checkA11y(page, 'notification list (unread only)');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await waitUntil('the bell to show no unread notification', () => bellCount(page), (n) => n === 0);
    // The unread-only list empties.
    await waitUntil('the unread list to empty', () => page.locator('.ant-table-row').count(), (n) => n === 0);
  });
});
