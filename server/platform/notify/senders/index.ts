// One entry for the worker: send a message through a channel of any kind.
import type { ChannelKind } from '../../../db/schema/notify.ts';
import type { ConfigOf } from '../schema.ts';
import { sendDingtalk } from './dingtalk.ts';
import { sendEmail } from './email.ts';
import { failure, type OutgoingMessage, type SendResult } from './types.ts';
import { sendWecom } from './wecom.ts';

export type { OutgoingMessage, SendResult };

export async function send(kind: ChannelKind, config: Record<string, unknown>, m: OutgoingMessage, now: Date): Promise<SendResult> {
  try {
    switch (kind) {
      case 'email':
        return await sendEmail(config as ConfigOf['email'], m);
      case 'wecom':
        return await sendWecom(config as ConfigOf['wecom'], m);
      case 'dingtalk':
        return await sendDingtalk(config as ConfigOf['dingtalk'], m, now);
    }
  } catch (e) {
    return failure(e);
  }
}
