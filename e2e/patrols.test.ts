// A guard's patrol on a phone (PAT-01, PAT-02): guard1 walks SFX-001's route by opening the checkpoints'
// QR links — the first starts the patrol, each records the visit with the phone's position — records
// an anomaly with a photo at a checkpoint, reports it as a hazard (source 巡查) and finishes the patrol,
// which then shows the checkpoints not visited as missed. The pages met on the way and the patrol
// registers are axe clean on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PNG_1X1 } from '../server/test/uploads.ts';
import { apiOf } from './api-session.ts';
import { checkA11y, E2E_PASSWORD, pageReady, PHONE, settled, signIn, startE2e, type E2e } from './harness.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

interface Route {
  id: string;
  name: string;
  checkpoints: Array<{ name: string; token: string }>;
}
let route: Route;

test('set-up: the QR links of SFX-001’s demo route, as the officer prints them', async () => {
  await e2e.scenario('PAT-01 officer reads the route', async (ctx) => {
    const login = await ctx.request.post('/api/v1/auth/login', { data: { username: 'officer', password: E2E_PASSWORD } });
    assert.ok(login.ok());
    const api = await apiOf(ctx.request);
    const orgs = await api.get<{ items: Array<{ id: string; code: string }> }>('/orgs?q=SFX-001&pageSize=50');
    const branch = orgs.items.find((o) => o.code === 'SFX-001')!;
    route = (await api.get<{ items: Route[] }>(`/patrol-routes?orgId=${branch.id}`)).items[0];
    assert.ok(route.checkpoints.length >= 4, 'the demo route has 4–6 checkpoints');
  });
});

test('PAT-01/PAT-02: guard1 walks the route on a phone, records an anomaly with a photo that becomes a hazard, and finishes with the rest missed', async () => {
  await e2e.scenario(
    'PAT-02 guard1 patrols on a phone',
    async (ctx) => {
      await ctx.grantPermissions(['geolocation']);
      await ctx.setGeolocation({ latitude: 34.7466, longitude: 113.6253, accuracy: 15 });
      const page = await ctx.newPage();
      await signIn(page, 'guard1');
      const [first, second] = route.checkpoints;

      await page.goto(`/patrols/scan/${first.token}`);
      await pageReady(page, `1. ${first.name}`);
      await page.getByText('您当前没有该路线正在进行的巡逻。').waitFor();
      await checkA11y(page, 'scan page, no patrol yet (phone)');
      await page.getByRole('button', { name: '开始巡逻并记录到达' }).click();
      await page.locator('.ant-result-title').filter({ hasText: `已记录到达：${first.name}` }).waitFor();

      await page.goto(`/patrols/scan/${second.token}`);
      await pageReady(page, `2. ${second.name}`);
      await page.getByRole('button', { name: '记录到达此巡查点' }).click();
      await page.locator('.ant-result-title').filter({ hasText: `已记录到达：${second.name}` }).waitFor();
      await page.getByText(`本次巡逻已到 2 / ${route.checkpoints.length} 个巡查点`).waitFor();
      await checkA11y(page, 'scan page after the visit (phone)');

      // The anomaly at this checkpoint, with a photo from the camera.
      await page.getByLabel('异常情况').fill('后门闭门器损坏，门无法自动关闭');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '拍照 / 上传照片' }).click();
      await (await chooser).setFiles({ name: 'door.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await page.getByRole('img', { name: '照片 1' }).waitFor();
      await page.getByRole('button', { name: '记录异常' }).click();
      await settled(page);

      // The patrol's page: the anomaly is reported as a hazard.
      await page.getByRole('link', { name: route.name }).click();
      await pageReady(page, new RegExp(`^${route.name} · `));
      await page.getByText('后门闭门器损坏，门无法自动关闭').first().waitFor();
      await page.getByRole('button', { name: '上报为隐患' }).click();
      const hazardLink = page.getByRole('link', { name: /^隐患 YH-\d{4}-\d{6}$/ });
      await hazardLink.waitFor();
      await checkA11y(page, 'patrol in progress (phone)');

      // Finishing: the checkpoints not visited are missed; two checkpoints seconds apart are flagged
      // as faster than walking (the org's minimum is 30 s).
      await page.getByRole('button', { name: '结束巡逻' }).click();
      await page.getByText('已完成').first().waitFor();
      await page.getByText(`漏巡 ${route.checkpoints.length - 2}，超时 0，异常扫码 1`).first().waitFor();
      await page.getByText(new RegExp(`${first.name} → ${second.name} 仅间隔 \\d+ 秒，快于步行`)).waitFor();
      assert.equal(await page.getByText('漏巡', { exact: true }).count(), route.checkpoints.length - 2);

      await hazardLink.click();
      await pageReady(page, /^YH-\d{4}-\d{6} 巡逻发现异常：/);
      await page.getByText('日常巡查', { exact: true }).first().waitFor();
      await page.getByRole('img', { name: '现场照片 1' }).waitFor();

      for (const [url, title] of [
        ['/patrols/mine', '我的今日巡逻'],
        ['/patrols?today=true', '巡逻记录'],
        ['/patrols/checks', '营业前后检查'],
        ['/patrols/checks/new', '登记检查'],
      ] as const) {
        await page.goto(url);
        await pageReady(page, title);
        await checkA11y(page, `${title} (phone)`);
      }
    },
    PHONE,
  );
});

test('the officer’s registers and forms are axe clean on a desktop: routes, QR labels link, monitoring log', async () => {
  await e2e.scenario('PAT-03 officer registers', async (ctx) => {
    const page = await ctx.newPage();
    await signIn(page, 'officer');
    for (const [url, title] of [
      ['/patrols', '巡逻记录'],
      ['/patrols/routes', '巡逻路线'],
      [`/patrols/routes/${route.id}`, route.name],
      ['/patrols/monitoring', '监控室值班记录'],
    ] as const) {
      await page.goto(url);
      await pageReady(page, title);
      await checkA11y(page, title);
    }
    await page.goto(`/patrols/routes/${route.id}`);
    await pageReady(page, route.name);
    assert.equal(await page.getByRole('link', { name: '打印二维码标签' }).getAttribute('href'), `/api/v1/patrol-routes/${route.id}/labels`);
  });
});

test('PAT-04: on staff1’s phone, staff2 confirms the closing check with their own username and password', async () => {
  await e2e.scenario(
    'PAT-04 second person confirms on the same phone',
    async (ctx) => {
      const page = await ctx.newPage();
      await signIn(page, 'staff1');
      const api = await apiOf(page.request);
      const lists = await api.get<{ closing: Array<{ key: string }> }>('/opening-checks/checklists');
      const me = await api.get<{ permissions: Record<string, string[]> }>('/auth/me');
      const orgId = me.permissions['patrols.check'][0]; // staff1's branch, SFX-001
      const check = await api.post<{ id: string }>('/opening-checks', { orgId, kind: 'closing', items: lists.closing.map((i) => ({ key: i.key, ok: true })) });
      await page.goto(`/patrols/checks/${check.id}`);
      const card = page.getByRole('main').locator('.ant-card').filter({ hasText: '第二人在本机复核' });
      await card.waitFor();
      await settled(page);
      await checkA11y(page, 'opening check awaiting the second person (phone)');
      await card.getByLabel('复核人用户名').fill('staff1');
      await card.getByLabel('复核人密码').fill(E2E_PASSWORD);
      await card.getByRole('button', { name: '本机复核确认' }).click();
      // The refusal shows as the card's alert (and, once the form re-validates, under the field too).
      await card.locator('.ant-alert').getByText('须由另一名在岗人员复核确认，不能由同一人完成').waitFor();
      await card.getByLabel('复核人用户名').fill('staff2');
      await card.getByRole('button', { name: '本机复核确认' }).click();
      await page.getByText('已复核').first().waitFor();
      await card.waitFor({ state: 'detached' });
      assert.match(await page.getByRole('main').innerText(), /复核人\s*郑丽/);
    },
    PHONE,
  );
});
