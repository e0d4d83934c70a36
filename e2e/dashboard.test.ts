// The dashboard and the bell in the browser (RPT-02, HAZ-04): the security head's home shows the
// figures GET /api/v1/dashboard gives and every figure opens the register filtered to the records
// behind it (the register then holds exactly that many); the dashboard is axe clean on a desktop and
// on a phone. (The bell: dashboard-bell.test.ts; channels and module settings:
// dashboard-channels.test.ts — one server each, so each file stays within the runner's time limit.)
// The scenarios run in order on one server: the first reports the hazards the others count.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiOf, reportAsOfficer } from './api-session.ts';
import { checkA11y, DESKTOP, pageReady, PHONE, signIn, startE2e, waitUntil, type E2e } from './harness.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const TITLES = ['自助银行加钞间门禁失灵', '营业厅灭火器压力不足'];

interface DashboardFigures {
  scope: { orgId: string };
  hazards: { open: number; overdue: number; byGrade: Record<'general' | 'significant' | 'major' | 'ungraded', number>; byUnit: Array<{ orgId: string; orgName: string; open: number; overdue: number }> };
  inspections: { due: number; done: number };
}

test('HAZ-07 setup: the officer reports two hazards of a branch', async () => {
  await e2e.scenario('dashboard setup: officer reports', (ctx) => reportAsOfficer(ctx.request, TITLES));
});

test('RPT-02: the security head sees the API figures on the home page; each figure opens its filtered register', async () => {
  await e2e.scenario('RPT-02 head dashboard', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'head');
    await pageReady(page, '首页');
    await page.getByRole('heading', { level: 2, name: '安全态势' }).waitFor();
    const api = await apiOf(page.request);
    const d = await api.get<DashboardFigures>('/dashboard');
    assert.ok(d.hazards.byGrade.ungraded >= TITLES.length, 'the reported hazards are open and not yet graded');

    const kpi = (label: string) => page.locator('a.dash-kpi').filter({ hasText: label }).locator('.dash-kpi-value');
    assert.equal(await kpi('未销号隐患').innerText(), String(d.hazards.open));
    assert.equal(await kpi('逾期未整改隐患').innerText(), String(d.hazards.overdue));
    await page.getByText(`已检 ${d.inspections.done} / 应检 ${d.inspections.due}`).waitFor();
    // The grade and unit tables give the same numbers as links (the charts' text alternative).
    for (const [grade, label] of [['major', '重大'], ['significant', '较大'], ['general', '一般'], ['ungraded', '未定级']] as const) {
      await page.getByRole('link', { name: `未销号隐患（按等级） ${label} ${d.hazards.byGrade[grade]}`, exact: true }).waitFor();
    }
    const unit = d.hazards.byUnit.find((u) => u.open > 0);
    assert.ok(unit, 'a unit with open hazards is listed');
    // Long unit tables are folded under "查看数据表".
    const unitCard = page.locator('.dash-card').filter({ hasText: '未销号与逾期隐患（按单位）' });
    if (await unitCard.locator('details').count()) await unitCard.getByText('查看数据表').click();
    await unitCard.getByRole('link', { name: `${unit.orgName} 未销号 ${unit.open}`, exact: true }).waitFor();
    // The charts load in their own chunk and draw.
    await waitUntil('the charts to draw', () => page.locator('.dash-chart svg').count(), (n) => n >= 3);
    await checkA11y(page, 'home with the dashboard (head)');

    // A figure opens the register filtered to exactly its records.
    await kpi('未销号隐患').click();
    await page.waitForURL((u) => u.pathname === '/hazards');
    const openUrl = new URL(page.url());
    assert.equal(openUrl.searchParams.get('open'), 'true');
    assert.equal(openUrl.searchParams.get('orgId'), d.scope.orgId);
    await pageReady(page, '隐患整改台账');
    await page.getByText(`共 ${d.hazards.open} 条`).first().waitFor();

    await page.goBack();
    await page.getByRole('link', { name: `未销号隐患（按等级） 未定级 ${d.hazards.byGrade.ungraded}`, exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/hazards');
    const gradeUrl = new URL(page.url());
    assert.deepEqual(gradeUrl.searchParams.getAll('status'), ['reported']);
    assert.equal(gradeUrl.searchParams.get('orgId'), d.scope.orgId);
    const listed = await api.get<{ total: number }>(`/hazards${gradeUrl.search}`);
    assert.equal(listed.total, d.hazards.byGrade.ungraded, 'the register behind the figure holds exactly that many hazards');
    await pageReady(page, '隐患整改台账');

    await page.goto('/dashboard');
    await pageReady(page, '安全态势');
    await waitUntil('the charts to draw', () => page.locator('.dash-chart svg').count(), (n) => n >= 3);
    await checkA11y(page, '/dashboard');

    // On a phone-sized screen.
    await page.setViewportSize(PHONE);
    await page.goto('/');
    await pageReady(page, '首页');
    await waitUntil('the charts to draw', () => page.locator('.dash-chart svg').count(), (n) => n >= 3);
    await checkA11y(page, 'home with the dashboard (phone)');
    await page.setViewportSize(DESKTOP);
  });
});
