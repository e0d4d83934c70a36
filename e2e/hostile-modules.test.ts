// Stored scripts stay inert in the browser in the later modules too (issue 4 "Injection and
// scripting", as e2e/hostile.test.ts does for sites, people and hazards): the XSS payloads are stored
// through the API in the free-text fields the pages show — one record per payload where a register
// lists them, and a record holding every payload (joined, in its longer fields) for its detail page —
// then the register and detail pages are opened. Each page must show every payload as literal text,
// and nothing may run: no window.__xss, no dialog, no element a payload describes.
// One test per module group, so a failure names it; page loads are kept few (about 25 in all).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { XSS_PAYLOADS } from '../server/test/hostile/corpus.ts';
import { liveShift, pageReady, startE2e, type E2e } from './harness.ts';
import { actor, api, orgIdOf, signInApi, userIdOf, watch } from './hostile-helpers.ts';

let e2e: E2e;
before(async () => {
  e2e = await startE2e();
});
after(async () => {
  await e2e?.close();
});

const P = XSS_PAYLOADS;
/** Every payload in one text (for the longer fields of a detail page's record). */
const ALL = P.join('\n');
/** Every payload matches this register search (`q`): each sets window.__xss. */
const Q = 'q=xss';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until each text shows in the page's main region as literal text (proof that it rendered). */
async function shows(page: Page, texts: readonly string[], where: string): Promise<void> {
  const main = page.getByRole('main');
  for (const text of texts) {
    await main
      .getByText(text)
      .filter({ visible: true })
      .first()
      .waitFor()
      .catch((e: Error) => {
        throw new Error(`${where}: the payload ${JSON.stringify(text)} is not shown as text: ${e.message}`);
      });
  }
}

/** Opens a page, waits for its heading and for every text, and asserts that nothing ran. */
async function check(page: Page, w: ReturnType<typeof watch>, url: string, title: string | RegExp, texts: readonly string[], where: string): Promise<void> {
  await page.goto(url);
  await pageReady(page, title);
  await shows(page, texts, where);
  await w.assertInert(where);
}

/** Runs `fn` with API contexts of other people signed in; closes them afterwards. */
async function withActors<T>(names: string[], fn: (as: Record<string, BrowserContext>) => Promise<T>): Promise<T> {
  const as: Record<string, BrowserContext> = {};
  try {
    for (const n of names) as[n] = await actor(e2e.browser, e2e.server.url, n);
    return await fn(as);
  } finally {
    for (const c of Object.values(as)) await c.close().catch(() => undefined);
  }
}

test('issue 4: equipment — payloads in names, models, locations, notes and fault tickets stay text in the registers and on the equipment and fault pages', async () => {
  await e2e.scenario('xss equipment', async (ctx) => {
    await signInApi(ctx, 'officer');
    const orgId = await orgIdOf(ctx, 'SFX-001');
    const ids: string[] = [];
    const numbers: string[] = [];
    for (const [i, p] of P.entries()) {
      const e = await api(ctx, 'POST', '/api/v1/equipment', { kind: 'camera', name: p, orgId, model: p, serialNo: `XSS-SN${i}`, location: p, notes: p, installedOn: '2024-01-10' });
      ids.push(e.id);
      numbers.push(e.number);
    }
    // A fault per equipment (its description the payload); the first ticket holds every payload in
    // each of its notes: reported, assigned, fixed by officer2, verified by the head, reopened.
    const faults: string[] = [];
    for (const [i, id] of ids.entries()) faults.push((await api(ctx, 'POST', '/api/v1/equipment-faults', { equipmentId: id, description: i === 0 ? ALL : P[i] })).id);
    await withActors(['officer2', 'head'], async (as) => {
      const f = `/api/v1/equipment-faults/${faults[0]}`;
      await api(ctx, 'POST', `${f}/assign`, { assigneeId: await userIdOf(ctx, 'officer2'), note: ALL });
      await api(as.officer2, 'POST', `${f}/fix`, { note: ALL });
      await api(as.head, 'POST', `${f}/verify`, { note: ALL });
      await api(as.head, 'POST', `${f}/reopen`, { reason: ALL });
    });

    const page = await ctx.newPage();
    const w = watch(page);
    await check(page, w, `/equipment?${Q}&pageSize=50`, '安防设施台账', P, 'equipment register');
    await check(page, w, `/equipment/${ids[0]}`, `${numbers[0]} ${P[0]}`, P, 'equipment page');
    await check(page, w, `/equipment/faults?${Q}&pageSize=50`, /./, P, 'fault register');
    await check(page, w, `/equipment/faults/${faults[0]}`, /./, P, 'fault page');
  });
});

test('issue 4: visitors — payloads in visitors, machine-room entries and key sets stay text in their registers and on their pages', async () => {
  await e2e.scenario('xss visitors', async (ctx) => {
    await signInApi(ctx, 'officer');
    const orgId = await orgIdOf(ctx, 'SFX-001');
    const siteId = async (name: string) => (await api(ctx, 'GET', `/api/v1/sites?pageSize=200&q=${encodeURIComponent(name)}`)).items.find((s: { name: string }) => s.name === name).id;
    const [room, branchRoom] = [await siteId('中心机房'), await siteId('城关信用社网点机房')];
    const people = Object.fromEntries(await Promise.all(['staff1', 'it1', 'it2', 'branch1'].map(async (u) => [u, await userIdOf(ctx, u)] as const)));

    const visitors: string[] = [];
    let entry = '';
    await withActors(['guard1', 'it1', 'head'], async (as) => {
      // Walk-ins at the desk (guard1), as the module's tests register them; the first one's purpose holds every payload.
      for (const [i, p] of P.entries()) {
        const body = { kind: 'walk_in', orgId, name: p, company: p, documentType: 'other', documentNumber: `XSS${i}0000${i}`, purpose: i === 0 ? ALL : p, hostId: people.staff1, siteIds: [] };
        visitors.push((await api(as.guard1, 'POST', '/api/v1/visitors', body)).id);
      }
      // A machine-room entry with third parties (so the head approves it), entered and left: every note holds the payloads.
      const e = await api(as.it1, 'POST', '/api/v1/room-entries', {
        siteId: room,
        staffIds: [people.it1, people.it2],
        purpose: ALL,
        thirdParties: P.map((p) => ({ name: p, company: p })),
        supervisorId: people.it1,
      });
      entry = e.id;
      await api(as.head, 'POST', `/api/v1/room-entries/${entry}/approve`, { note: ALL });
      await api(as.it1, 'POST', `/api/v1/room-entries/${entry}/enter`, {});
      await api(as.it1, 'POST', `/api/v1/room-entries/${entry}/exit`, { workDone: ALL });
    });
    // Key sets (one per payload); the first is declared lost and its lock changed, both notes every payload.
    const keys: string[] = [];
    for (const p of P) keys.push((await api(ctx, 'POST', '/api/v1/keys', { siteId: branchRoom, description: p, copies: 1, holderIds: [people.branch1] })).id);
    const lost = await api(ctx, 'POST', `/api/v1/keys/${keys[0]}/loss`, { note: ALL });
    await api(ctx, 'POST', `/api/v1/keys/${keys[0]}/lock-change`, { note: ALL, version: lost.version });

    const page = await ctx.newPage();
    const w = watch(page);
    await check(page, w, `/visitors?${Q}&pageSize=50`, '访客登记簿', P, 'visitor register');
    await check(page, w, `/visitors/${visitors[0]}`, new RegExp(`${esc(P[0])}$`), P, 'visitor page');
    await check(page, w, `/visitors/rooms?${Q}`, '机房出入管理登记簿', P, 'room entry register');
    await check(page, w, `/visitors/rooms/${entry}`, /中心机房$/, P, 'room entry page');
    await check(page, w, `/visitors/keys?${Q}&pageSize=50`, /./, P, 'key register');
    await check(page, w, `/visitors/keys/${keys[0]}`, /./, P, 'key set page');
  });
});

test('issue 4: patrols — payloads in routes and checkpoints, patrol notes and anomalies, monitoring logs and opening checks stay text', async () => {
  await e2e.scenario('xss patrols', async (ctx) => {
    await signInApi(ctx, 'officer');
    const orgId = await orgIdOf(ctx, 'SFX-001');
    const bwb = await orgIdOf(ctx, 'SFX-BWB');
    // A route named with a payload, every payload in its description and one per checkpoint.
    const route = await api(ctx, 'POST', '/api/v1/patrol-routes', { orgId, name: P[0], description: ALL, scheduleTimes: [], scheduleDays: [1, 2, 3, 4, 5, 6, 7], checkpoints: P.map((p) => ({ name: p, windowMinutes: 10 })) });
    let patrol = '';
    let checkId = '';
    await withActors(['guard1', 'monitor1', 'staff1'], async (as) => {
      // guard1 walks it: an anomaly per checkpoint (its note the payload), every payload in the notes.
      patrol = (await api(as.guard1, 'POST', '/api/v1/patrols', { routeId: route.id, note: ALL })).id;
      for (const [i, cp] of (route.checkpoints as Array<{ id: string }>).entries()) await api(as.guard1, 'POST', `/api/v1/patrols/${patrol}/anomalies`, { checkpointId: cp.id, note: P[i] });
      await api(as.guard1, 'POST', `/api/v1/patrols/${patrol}/finish`, { note: ALL });
      // The monitoring room's log: an event per payload, in its camera, description and action.
      const fromAt = new Date(Date.now() - 3_600_000).toISOString();
      for (const p of P) await api(as.monitor1, 'POST', '/api/v1/monitoring-logs', { orgId: bwb, kind: 'event', fromAt, camera: p, description: p, actionTaken: p });
      // Today's opening check of SFX-001 with every item failed, its note a payload, and every payload in the check's note.
      const lists = await api(as.staff1, 'GET', '/api/v1/opening-checks/checklists');
      const items = (lists.opening as Array<{ key: string }>).map((it, i) => ({ key: it.key, ok: false, note: P[i % P.length] }));
      checkId = (await api(as.staff1, 'POST', '/api/v1/opening-checks', { orgId, kind: 'opening', items, note: ALL })).id;
    });

    const page = await ctx.newPage();
    const w = watch(page);
    await check(page, w, `/patrols/routes?${Q}`, /./, P, 'route register');
    // The route's page is its form: the name is the heading, the checkpoints and description are field values.
    await page.goto(`/patrols/routes/${route.id}`);
    await pageReady(page, P[0]);
    const values = await page.locator('main input, main textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    for (const p of P) assert.ok(values.includes(p), `route page: the checkpoint ${JSON.stringify(p)} is a field value`);
    assert.ok(values.includes(ALL), 'route page: the description is a field value');
    await w.assertInert('route page');
    await check(page, w, `/patrols?routeId=${route.id}`, /./, [P[0]], 'patrol register');
    await check(page, w, `/patrols/${patrol}`, new RegExp(`^${esc(P[0])} · `), P, 'patrol page');
    await check(page, w, `/patrols/monitoring?${Q}`, /./, P, 'monitoring log');
    await check(page, w, `/patrols/checks/${checkId}`, /./, P, 'opening check page');
  });
});

test('issue 4: duty — payloads in a shift name, duty logs and a handover with its open items stay text in the registers and on their pages', async () => {
  await e2e.scenario('xss duty', async (ctx) => {
    await signInApi(ctx, 'officer');
    const unit = await orgIdOf(ctx, 'SFX-003');
    // As the duty e2e test: a shift at SFX-003 (not rostered by the demo) that is on now, with monitor1 on it.
    const shiftName = P[1]; // shift names are up to 50 characters
    const { dutyDate, startTime, endTime } = liveShift();
    const shift = await api(ctx, 'POST', '/api/v1/duty-rosters/shifts', { orgId: unit, name: shiftName, startTime, endTime });
    const assignment = (await api(ctx, 'POST', '/api/v1/duty-rosters', { shiftId: shift.id, dutyDate, personIds: [await userIdOf(ctx, 'monitor1')] })).id;
    let log = '';
    let handover = '';
    await withActors(['monitor1'], async (as) => {
      for (const p of P) await api(as.monitor1, 'POST', '/api/v1/duty-logs', { assignmentId: assignment, happened: p, actionTaken: p });
      log = (await api(as.monitor1, 'POST', '/api/v1/duty-logs', { assignmentId: assignment, happened: ALL, actionTaken: ALL, urgent: true })).id;
      handover = (await api(as.monitor1, 'POST', '/api/v1/handovers', { assignmentId: assignment, note: ALL, items: P.map((text) => ({ text })) })).id;
    });

    const page = await ctx.newPage();
    const w = watch(page);
    await check(page, w, `/duty/rosters?orgId=${unit}`, /./, [shiftName], 'roster');
    await check(page, w, `/duty/rosters/${assignment}`, new RegExp(esc(shiftName)), P, 'shift page with its log');
    await check(page, w, `/duty/logs?${Q}&pageSize=50`, /./, P, 'duty log register');
    await check(page, w, `/duty/logs/${log}`, /./, P, 'duty log entry page');
    await check(page, w, `/duty/handovers?orgId=${unit}`, /./, [shiftName], 'handover register');
    await check(page, w, `/duty/handovers/${handover}`, /./, P, 'handover page');
  });
});

test('issue 4: inspections — payloads in a checklist template and in a record’s location, item notes and summary stay text', async () => {
  await e2e.scenario('xss inspections', async (ctx) => {
    await signInApi(ctx, 'officer');
    const orgId = await orgIdOf(ctx, 'SFX-001');
    // A template (as the module's smallTemplate): named with a payload, every payload in its
    // description, a payload per section title and per item text and standard.
    const item = (p: string, i: number) => ({ key: `xss${i}`, text: p, standard: p, method: 'onsite', category: 'physical', defaultGrade: 'general' });
    const tpl = await api(ctx, 'POST', '/api/v1/inspection-templates', {
      kind: 'other',
      name: P[0],
      description: ALL,
      sections: [
        { title: P[1], items: P.slice(0, 4).map(item) },
        { title: P[2], items: P.slice(4).map((p, i) => item(p, i + 4)) },
      ],
    });
    // An ad-hoc inspection of SFX-001 with it, led by the officer: started at a payload location, each
    // item answered with its payload as the note, signed and submitted with every payload as the summary.
    const dueOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const rec = await api(ctx, 'POST', '/api/v1/inspections', { templateId: tpl.id, orgId, leaderId: await userIdOf(ctx, 'officer'), memberIds: [], dueOn });
    await api(ctx, 'POST', `/api/v1/inspections/${rec.id}/start`, { location: P[3] });
    for (const [i, p] of P.entries()) await api(ctx, 'PUT', `/api/v1/inspections/${rec.id}/results/xss${i}`, { result: 'pass', note: p });
    await api(ctx, 'POST', `/api/v1/inspections/${rec.id}/sign`, { role: 'inspector', method: 'account' });
    await api(ctx, 'POST', `/api/v1/inspections/${rec.id}/submit`, { summary: ALL });

    const page = await ctx.newPage();
    const w = watch(page);
    await check(page, w, `/inspections?${Q}`, '安全检查', [P[0]], 'inspection register');
    await check(page, w, `/inspections/${rec.id}`, /^JC-/, P, 'inspection record page');
    await check(page, w, `/inspection-templates?${Q}`, /./, [P[0]], 'template register');
    await check(page, w, `/inspection-templates/${tpl.id}`, /./, P, 'template page');
  });
});
