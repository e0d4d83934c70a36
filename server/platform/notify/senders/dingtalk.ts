// DingTalk (钉钉) group robot: a markdown message; when the robot has a signing secret (加签), the URL
// carries timestamp and sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), URL-encoded.
import { createHmac } from 'node:crypto';
import type { DingtalkConfig } from '../schema.ts';
import type { OutgoingMessage, SendResult } from './types.ts';
import { postRobot, truncateBytes } from './webhook.ts';

/** DingTalk's markdown text limit (bytes). */
const MAX_BYTES = 20_000;

export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export function signedUrl(url: string, secret: string | null | undefined, now: Date): string {
  if (!secret) return url;
  const timestamp = now.getTime();
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(secret, timestamp))}`;
}

export function dingtalkPayload(m: OutgoingMessage) {
  // Markdown needs a blank line for a line break.
  const text = `#### ${m.subject}\n\n${m.body.split('\n').join('\n\n')}`;
  return { msgtype: 'markdown', markdown: { title: m.subject, text: truncateBytes(text, MAX_BYTES) } };
}

export function sendDingtalk(config: DingtalkConfig, m: OutgoingMessage, now: Date): Promise<SendResult> {
  return postRobot(signedUrl(config.url, config.secret, now), dingtalkPayload(m));
}
