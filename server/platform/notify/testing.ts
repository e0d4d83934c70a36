// Tests only: local stand-ins for the outside world the delivery worker talks to — an SMTP server that
// keeps what it receives, and an HTTP server playing WeCom / DingTalk robots with a chosen answer.
// Both record a message before answering, so once the worker's send has returned, it is here. Plus
// small helpers the notify and scheduler tests share.
import { eq } from 'drizzle-orm';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { notificationDeliveries, users } from '../../db/schema/index.ts';
import type { Client, TestApp } from '../../test/harness.ts';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), joining adjacent ones' bytes. */
export function decodeHeader(value: string): string {
  const unfolded = value.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=\s*)+/g, (run) => {
    const bytes = [...run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)].map(([, enc, data]) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1'),
    );
    return Buffer.concat(bytes).toString('utf8') + (/\s$/.test(run) ? ' ' : '');
  });
}

function decodeBody(headers: string, body: string): string {
  const cte = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bin = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bin, 'latin1').toString('utf8');
  }
  return body;
}

function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const subject = /^subject:(.*(?:\r\n[ \t].*)*)/im.exec(headers)?.[1] ?? '';
  return { from, to, subject: decodeHeader(subject.trim()), text: decodeBody(headers, raw.slice(split + 4)).replace(/\r\n/g, '\n').trim() };
}

export async function startSmtpReceiver(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), from, to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedPost {
  path: string;
  query: URLSearchParams;
  body: any;
}

export type RobotAnswer = { status: number; body: unknown };

/** An HTTP server answering each POST with `answer(request)` (default: 200 {errcode: 0}). */
export async function startRobotReceiver(answer: (r: ReceivedPost) => RobotAnswer = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } })) {
  const posts: ReceivedPost[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const text = Buffer.concat(chunks).toString('utf8');
      const r: ReceivedPost = { path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : null };
      posts.push(r);
      const out = answer(r);
      res.writeHead(out.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local port nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Creates a channel through the API as `sysadmin`; returns its id. */
export async function createChannel(sysadmin: Client, body: Record<string, unknown>): Promise<string> {
  const r = await sysadmin.post('/api/v1/notification-channels', body);
  if (r.status !== 201) throw new Error(`create channel: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** Gives a demo person an e-mail address (the demo people have none). */
export async function setEmail(t: TestApp, username: string, email: string | null): Promise<string> {
  const [u] = await t.database.db.update(users).set({ email }).where(eq(users.username, username)).returning({ id: users.id });
  return u.id;
}

/** The outbox rows of one channel. */
export function deliveriesOf(t: TestApp, channelId: string) {
  return t.database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.channelId, channelId));
}
