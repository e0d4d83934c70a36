// The group robots' shared transport: POST JSON, success only when the answer is HTTP 200 with
// errcode 0 (both WeCom and DingTalk answer 200 with a non-zero errcode for a bad key or signature).
import { failure, SEND_TIMEOUT_MS, type SendResult } from './types.ts';

export async function postRobot(url: string, payload: unknown): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: 'error',
    });
    const text = await res.text();
    if (res.status !== 200) return { ok: false, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
    let answer: { errcode?: unknown; errmsg?: unknown };
    try {
      answer = JSON.parse(text);
    } catch {
      return { ok: false, error: `not a JSON answer: ${text.slice(0, 200)}` };
    }
    if (answer?.errcode !== 0) return { ok: false, error: `errcode ${String(answer?.errcode)}: ${String(answer?.errmsg ?? '')}`.slice(0, 1000) };
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

/** Cuts a text to at most `max` UTF-8 bytes without splitting a character (the robots limit bytes). */
export function truncateBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > max - 3) break;
    out += ch;
    bytes += b;
  }
  return `${out}…`;
}
