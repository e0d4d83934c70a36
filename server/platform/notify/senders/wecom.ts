// WeCom (企业微信) group robot: a markdown message to the robot's webhook address.
import type { WecomConfig } from '../schema.ts';
import type { OutgoingMessage, SendResult } from './types.ts';
import { postRobot, truncateBytes } from './webhook.ts';

/** WeCom refuses markdown content over 4,096 bytes. */
const MAX_BYTES = 4096;

export function wecomPayload(m: OutgoingMessage) {
  return { msgtype: 'markdown', markdown: { content: truncateBytes(`**${m.subject}**\n${m.body}`, MAX_BYTES) } };
}

export function sendWecom(config: WecomConfig, m: OutgoingMessage): Promise<SendResult> {
  return postRobot(config.url, wecomPayload(m));
}
