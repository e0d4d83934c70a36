// What a sender is given and what it answers. Senders never throw: every failure comes back as a
// short text for the delivery log (retried by the worker).
export interface OutgoingMessage {
  /** The e-mail address (e-mail channels); null for a group robot. */
  recipient: string | null;
  subject: string;
  /** Plain text, lines separated by \n. */
  body: string;
}

export type SendResult = { ok: true } | { ok: false; error: string };

/** Every network call of a sender gives up after this long. */
export const SEND_TIMEOUT_MS = 10_000;

/** A readable one-line reason from whatever was thrown (fetch wraps the socket error in `cause`). */
export function failure(e: unknown): { ok: false; error: string } {
  const err = e as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return { ok: false, error: `timed out after ${SEND_TIMEOUT_MS / 1000} s` };
  const cause = err?.cause ? `: ${err.cause.code ?? err.cause.message ?? ''}` : '';
  const code = err?.code && !cause ? ` (${err.code})` : '';
  return { ok: false, error: `${err?.message ?? String(e)}${code}${cause}`.slice(0, 1000) };
}
