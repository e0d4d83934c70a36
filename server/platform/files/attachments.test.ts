// Attachments (DESIGN §4, SEC-02, SEC-05): photos and PDFs stored with SHA-256, size and the type read
// from their bytes; 20 MB at most; downloaded only by people who may see the owning record; an unlinked
// upload seen only by its uploader; withdrawn files kept but no longer served.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { auditRows } from '../../test/audit-rows.ts';
import { type Client, startTestApp, type TestApp } from '../../test/harness.ts';
import { assertError, assertFieldError, assertStatus } from '../../test/http-assert.ts';
import { rowCounts } from '../../test/row-counts.ts';
import { EXE_BYTES, onePagePdf, PNG_1X1, upload, ZIP_BYTES } from '../../test/uploads.ts';

let t: TestApp;
let sysadmin: Client;
let officer: Client;
let head: Client;
let branch1: Client;
let branch2: Client;
let site: { type: string; id: string };

before(async () => {
  t = await startTestApp();
  [sysadmin, officer, head, branch1, branch2] = await Promise.all(['sysadmin', 'officer', 'head', 'branch1', 'branch2'].map((u) => t.login(u)));
  const s = await sysadmin.post('/api/v1/sites', { orgId: await t.orgId('SFX-001'), kind: 'vault', name: '城关附件金库' });
  site = { type: 'site', id: s.body.id };
});
after(async () => t.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('a real PNG and PDF are stored with their SHA-256, size and the type read from the bytes, and audited', async () => {
  const png = await upload(sysadmin, { fileName: '金库门 🏦.png', data: PNG_1X1, contentType: 'application/octet-stream' }, site);
  assertStatus(png, 201);
  assert.deepEqual([png.body.contentType, png.body.size, png.body.sha256], ['image/png', PNG_1X1.length, sha(PNG_1X1)]);
  assert.equal(png.body.fileName, '金库门 🏦.png');
  assert.deepEqual([png.body.ownerType, png.body.ownerId, png.body.orgId], ['site', site.id, await t.orgId('SFX-001')]);
  const pdf = onePagePdf();
  const doc = await upload(sysadmin, { fileName: '巡查记录.jpg', data: pdf, contentType: 'image/jpeg' }, site);
  assertStatus(doc, 201);
  assert.deepEqual([doc.body.contentType, doc.body.size, doc.body.sha256], ['application/pdf', pdf.length, sha(pdf)], 'the name and the claimed type do not decide');
  const [e] = await auditRows(t, { action: 'attachments.upload', targetId: site.id });
  assert.deepEqual(e.detail, { attachmentId: png.body.id, sha256: sha(PNG_1X1), size: PNG_1X1.length, contentType: 'image/png' });

  const list = await officer.get(`/api/v1/attachments?ownerType=site&ownerId=${site.id}`);
  assertStatus(list, 200);
  assert.deepEqual(list.body.map((a: { id: string }) => a.id).sort(), [png.body.id, doc.body.id].sort());
});

test('anything but an image or a PDF is refused by its bytes (415 FILE_TYPE_NOT_ALLOWED), and nothing is stored', async () => {
  const before = await rowCounts(t);
  for (const [fileName, data] of [['照片.png', Buffer.from('这不是图片，只是文字')], ['setup.exe', EXE_BYTES], ['photos.zip', ZIP_BYTES], ['scan.pdf', Buffer.from('<html>%PDF-1.4</html>')]] as const) {
    const r = await upload(sysadmin, { fileName, data, contentType: 'image/png' }, site);
    const e = assertError(r, 415, 'FILE_TYPE_NOT_ALLOWED');
    assert.deepEqual(e.details?.map((d) => d.path), ['file'], fileName);
  }
  assertFieldError(await upload(sysadmin, { fileName: 'empty.png', data: Buffer.alloc(0) }, site), 'file');
  assert.deepEqual(await rowCounts(t), before);
});

test('a file over 20 MB is refused with 413 and nothing is stored', async () => {
  const before = await rowCounts(t);
  const big = Buffer.concat([PNG_1X1, Buffer.alloc(20 * 1024 * 1024)]);
  const r = await upload(sysadmin, { fileName: 'huge.png', data: big }, site);
  const e = assertError(r, 413, 'FILE_TOO_LARGE');
  assert.match(e.message, /20 MB/);
  assert.deepEqual(await rowCounts(t), before);
});

test('SEC-02: a file is downloaded by people who may see its site — another branch’s head gets 404 everywhere', async () => {
  const up = (await upload(sysadmin, { fileName: '平面图.png', data: PNG_1X1 }, site)).body;
  const pdf = (await upload(sysadmin, { fileName: '制度.pdf', data: onePagePdf() }, site)).body;
  for (const c of [officer, branch1]) {
    const r = await c.get(`/api/v1/attachments/${up.id}/content`);
    assertStatus(r, 200);
    assert.ok(Buffer.from(r.raw as Buffer).equals(PNG_1X1));
    assert.equal(r.headers['content-type'], 'image/png');
    assert.equal(r.headers['x-content-sha256'], sha(PNG_1X1));
    assert.match(String(r.headers['content-disposition']), /^inline; filename\*=UTF-8''%E5%B9%B3/);
    assert.match(String(r.headers['content-security-policy']), /sandbox/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  }
  assert.match(String((await officer.get(`/api/v1/attachments/${pdf.id}/content`)).headers['content-disposition']), /^attachment;/, 'PDFs are downloaded, not rendered inline');
  for (const url of [`/api/v1/attachments/${up.id}`, `/api/v1/attachments/${up.id}/content`, `/api/v1/attachments?ownerType=site&ownerId=${site.id}`]) {
    assertError(await branch2.get(url), 404, url.includes('ownerType') ? 'SITE_NOT_FOUND' : 'ATTACHMENT_NOT_FOUND');
  }
  assert.ok((await auditRows(t, { actorId: await t.userId('branch2'), result: 'denied' })).length >= 3, 'each refusal is audited');
  // Seeing is not attaching: a branch head may upload but not attach to a site of their own branch.
  assertError(await upload(branch1, { fileName: 'x.png', data: PNG_1X1 }, site), 403, 'FORBIDDEN');
  assertError(await upload(branch2, { fileName: 'x.png', data: PNG_1X1 }, site), 404, 'SITE_NOT_FOUND');
});

test('an upload not yet linked to a record is visible only to the person who uploaded it', async () => {
  const r = await upload(officer, { fileName: '现场照片.png', data: PNG_1X1 });
  assertStatus(r, 201);
  assert.deepEqual([r.body.ownerType, r.body.ownerId, r.body.orgId], [null, null, await t.orgId('SFX-BWB')]);
  assertStatus(await officer.get(`/api/v1/attachments/${r.body.id}`), 200);
  assertStatus(await officer.get(`/api/v1/attachments/${r.body.id}/content`), 200);
  for (const c of [head, sysadmin, branch1]) assertError(await c.get(`/api/v1/attachments/${r.body.id}/content`), 404, 'ATTACHMENT_NOT_FOUND');
});

test('SEC-05: a withdrawn attachment is kept (withdrawnAt, reason) but no longer downloadable; only who may attach can withdraw', async () => {
  const a = (await upload(sysadmin, { fileName: '旧照片.png', data: PNG_1X1 }, site)).body;
  assertError(await officer.post(`/api/v1/attachments/${a.id}/withdraw`, { reason: '越权' }), 403, 'FORBIDDEN');
  assertFieldError(await sysadmin.post(`/api/v1/attachments/${a.id}/withdraw`, {}), 'reason');
  const w = await sysadmin.post(`/api/v1/attachments/${a.id}/withdraw`, { reason: '照片过期' });
  assertStatus(w, 200);
  assert.ok(w.body.withdrawnAt);
  assert.equal(w.body.withdrawnReason, '照片过期');
  const meta = await officer.get(`/api/v1/attachments/${a.id}`);
  assertStatus(meta, 200);
  assert.equal(meta.body.sha256, sha(PNG_1X1), 'the record is kept');
  assertError(await officer.get(`/api/v1/attachments/${a.id}/content`), 404, 'ATTACHMENT_NOT_FOUND');
  const ids = async (q: string) => (await officer.get(`/api/v1/attachments?ownerType=site&ownerId=${site.id}${q}`)).body.map((x: { id: string }) => x.id);
  assert.ok(!(await ids('')).includes(a.id));
  assert.ok((await ids('&includeWithdrawn=true')).includes(a.id));
  assertError(await sysadmin.post(`/api/v1/attachments/${a.id}/withdraw`, { reason: '再撤' }), 409, 'ALREADY_WITHDRAWN');
  const [e] = await auditRows(t, { action: 'attachments.withdraw', targetId: site.id });
  assert.deepEqual(e.detail, { attachmentId: a.id, reason: '照片过期' });
});

test('upload input is checked: owner type and id together, a known owner type, a file part', async () => {
  const send = (q: string, c = sysadmin) => c.request('POST', `/api/v1/attachments${q}`, Buffer.from('--b--\r\n'), { headers: { 'content-type': 'multipart/form-data; boundary=b' } });
  assertFieldError(await upload(sysadmin, { fileName: 'x.png', data: PNG_1X1 }, { type: 'site', id: '' }), 'ownerId');
  assertFieldError(await upload(sysadmin, { fileName: 'x.png', data: PNG_1X1 }, { type: 'spaceship', id: site.id }), 'ownerType');
  assertFieldError(await send(''), 'file');
  assertFieldError(await sysadmin.request('POST', `/api/v1/attachments?ownerType=site`, Buffer.from('x'), { headers: { 'content-type': 'multipart/form-data; boundary=b' } }), 'ownerId');
  const json = await sysadmin.post('/api/v1/attachments', { file: 'not multipart' });
  assert.ok([400, 415].includes(json.status), `${json.status}`);
  assert.equal(typeof json.body.error.code, 'string');
  // A multipart request with no boundary, or a form cut off mid-part, is the client's fault: 400 naming the file.
  for (const [body, type] of [[undefined, 'multipart/form-data'], ['garbage', 'multipart/form-data'], ['--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc', 'multipart/form-data; boundary=b']] as const) {
    const r = await sysadmin.request('POST', '/api/v1/attachments', body, { headers: { 'content-type': type } });
    assert.equal(r.status, 400, `${type} ${body}: ${r.status} ${String(r.raw)}`);
    assert.equal(r.body.error.details[0].path, 'file');
  }
});
