// Request and response schemas of the notification APIs: delivery channels (one config schema per
// kind), the delivery log and the in-app notification list.
import { type Static, Type } from '@fastify/type-provider-typebox';
import { CHANNEL_KINDS, DELIVERY_STATUSES } from '../../db/schema/notify.ts';
import { DateTime, Id, Nullable, PagingQuery, RecordMeta, StringEnum, Title } from '../http/types.ts';

const WebhookUrl = () =>
  Type.String({ minLength: 1, maxLength: 1000, format: 'uri', pattern: '^https?://\\S+$', description: "The group robot's webhook address (it carries the robot's key: stored encrypted, shown masked)" });

export const EmailConfig = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]-]+$', description: 'SMTP server host name or IP address' }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    secure: Type.Boolean({ description: 'TLS from the first byte (usually port 465); otherwise STARTTLS when the server offers it' }),
    user: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    password: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'Stored encrypted, shown as ******' }))),
    from: Type.String({ minLength: 3, maxLength: 300, pattern: '@', description: 'Sender, e.g. "安保系统 <anbao@example.cn>"' }),
  },
  { additionalProperties: false },
);

export const WecomConfig = Type.Object({ url: WebhookUrl() }, { additionalProperties: false });

export const DingtalkConfig = Type.Object(
  {
    url: WebhookUrl(),
    secret: Type.Optional(Nullable(Type.String({ maxLength: 200, description: "The robot's signing secret (加签), if set: stored encrypted, shown as ******" }))),
  },
  { additionalProperties: false },
);

export const CONFIG_SCHEMAS = { email: EmailConfig, wecom: WecomConfig, dingtalk: DingtalkConfig } as const;
export type ConfigOf = { [K in keyof typeof CONFIG_SCHEMAS]: Static<(typeof CONFIG_SCHEMAS)[K]> };
export type EmailConfig = ConfigOf['email'];
export type WecomConfig = ConfigOf['wecom'];
export type DingtalkConfig = ConfigOf['dingtalk'];
export type AnyChannelConfig = ConfigOf[keyof ConfigOf];

const Rules = () =>
  Type.Array(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9_.-]*$' }), {
    maxItems: 50,
    uniqueItems: true,
    description: 'Rules sent through this channel (e.g. "hazard.overdue"); empty = every rule',
  });

const createOf = <K extends keyof typeof CONFIG_SCHEMAS>(kind: K) =>
  Type.Object(
    {
      orgId: Id({ description: 'The unit whose subtree the channel serves' }),
      kind: Type.Literal(kind),
      name: Title(100),
      enabled: Type.Optional(Type.Boolean()),
      rules: Type.Optional(Rules()),
      config: CONFIG_SCHEMAS[kind],
    },
    { additionalProperties: false },
  );

/** One body schema per kind, told apart by `kind`. */
export const CHANNEL_CREATE_SCHEMAS = { email: createOf('email'), wecom: createOf('wecom'), dingtalk: createOf('dingtalk') } as const;
export const ChannelCreate = Type.Union([CHANNEL_CREATE_SCHEMAS.email, CHANNEL_CREATE_SCHEMAS.wecom, CHANNEL_CREATE_SCHEMAS.dingtalk]);
export type ChannelCreate = Static<typeof ChannelCreate>;

export const ChannelPatch = Type.Object(
  {
    name: Type.Optional(Title(100)),
    enabled: Type.Optional(Type.Boolean()),
    rules: Type.Optional(Rules()),
    config: Type.Optional(
      Type.Record(Type.String({ maxLength: 50 }), Type.Unknown(), {
        maxProperties: 10,
        description: "Fields of the channel kind's config to change; a masked value sent back unchanged keeps the stored secret; null clears an optional field",
      }),
    ),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ChannelPatch = Static<typeof ChannelPatch>;

export const Channel = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  kind: StringEnum(CHANNEL_KINDS),
  name: Type.String(),
  enabled: Type.Boolean(),
  rules: Type.Array(Type.String()),
  config: Type.Record(Type.String(), Type.Unknown(), { description: 'The config with secrets masked' }),
  ...RecordMeta,
});

export const ChannelListQuery = Type.Object(
  {
    ...PagingQuery,
    orgId: Type.Optional(Id({ description: 'Channels of this unit and its subtree' })),
    kind: Type.Optional(StringEnum(CHANNEL_KINDS)),
    includeWithdrawn: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Delivery = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  channelId: Type.String(),
  channelName: Type.String(),
  kind: StringEnum(CHANNEL_KINDS),
  notificationId: Nullable(Type.String()),
  recipient: Nullable(Type.String()),
  subject: Type.String(),
  status: StringEnum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  isTest: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const DeliveryListQuery = Type.Object(
  {
    ...PagingQuery,
    channelId: Type.Optional(Id()),
    status: Type.Optional(StringEnum(DELIVERY_STATUSES)),
    from: Type.Optional(DateTime()),
    to: Type.Optional(DateTime()),
  },
  { additionalProperties: false },
);

export const Notification = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  rule: Type.String(),
  messageCode: Type.String(),
  title: Type.String({ description: "The message in the request's language" }),
  params: Type.Record(Type.String(), Type.Unknown()),
  link: Nullable(Type.String()),
  targetType: Type.String(),
  targetId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});

export const NotificationListQuery = Type.Object(
  { page: PagingQuery.page, pageSize: PagingQuery.pageSize, unreadOnly: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const Count = Type.Object({ count: Type.Integer() });
