// Real small files and multipart bodies for attachment tests (multipart/form-data built by hand,
// the way a browser sends it, so the server's parser sees exactly what it sees in production).
import { randomBytes } from 'node:crypto';
import type { Client, Res } from './harness.ts';

/** A 1×1 PNG (a real, decodable image). */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A one-page PDF with a correct cross-reference table. */
export function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A Windows executable header and a ZIP header: never accepted, whatever the name says. */
export const EXE_BYTES = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(120)]);
export const ZIP_BYTES = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]), randomBytes(120)]);

export interface FilePart {
  fileName: string;
  data: Buffer;
  /** What the client claims; the server must judge by the bytes. */
  contentType?: string;
}

/** A multipart/form-data body with one file field. */
export function multipart(file: FilePart, field = 'file'): { payload: Buffer; contentType: string } {
  const boundary = `----anbaotest${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}\r\n` +
    `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/v1/attachments with one file, optionally linked to an owner record. */
export function upload(client: Client, file: FilePart, owner?: { type: string; id: string }, headers: Record<string, string> = {}): Promise<Res> {
  const { payload, contentType } = multipart(file);
  const q = owner ? `?ownerType=${owner.type}&ownerId=${owner.id}` : '';
  return client.request('POST', `/api/v1/attachments${q}`, payload, { headers: { 'content-type': contentType, ...headers } });
}
