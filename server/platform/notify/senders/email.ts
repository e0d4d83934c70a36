// E-mail over SMTP (nodemailer): plain text, one connection per message (deliveries are few and
// spread out; a pool would hold connections open for nothing), every step bounded by the timeout.
import type { EmailConfig } from '../schema.ts';
import { failure, SEND_TIMEOUT_MS, type OutgoingMessage, type SendResult } from './types.ts';

export async function sendEmail(config: EmailConfig, m: OutgoingMessage): Promise<SendResult> {
  if (!m.recipient) return { ok: false, error: 'no recipient address' };
  const { default: nodemailer } = await import('nodemailer'); // loaded with the first e-mail, not at start
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: config.from, to: m.recipient, subject: m.subject, text: m.body });
    return { ok: true };
  } catch (e) {
    return failure(e);
  } finally {
    transport.close();
  }
}
