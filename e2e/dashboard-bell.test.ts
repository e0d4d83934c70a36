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

async function bellCount(page: Page): Promise<number> {
  const name = (await bell(page).getAttribute('aria-label')) ?? '';
  const m = /（(\d+) 条未读）/.exec(name);
  return m ? Number(m[1]) : 0;
}

test('HAZ-07 setup: the officer reports two hazards of a branch (the security head is notified of each)', async () => {
  await e2e.scenario('bell setup: officer reports', (ctx) => reportAsOfficer(ctx.request, TITLES));
});

test('HAZ-04: the bell shows the unread count, opening a notification goes to its hazard and the count goes down; mark all read empties it', async () => {
  await e2e.scenario('bell and notification list', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'head');
    await pageReady(page, '首页');
    const api = await apiOf(page.request);
    const unread = (await api.get<{ count: number }>('/notifications/unread-count')).count;
    assert.ok(unread >= TITLES.length, 'the head was told of each reported hazard');
    await waitUntil('the bell to show the unread count', () => bellCount(page), (n) => n === unread);

    await bell(page).click();
    const first = page.locator('.bell-item.is-unread').first();
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
