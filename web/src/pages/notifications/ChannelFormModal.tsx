// Creating or changing a delivery channel (per org; system administrator): e-mail over SMTP, or a
// WeCom / DingTalk group robot. Credentials are write-only: the form never shows them, an empty
// field on an edit keeps the stored one, and the masked value the API gives is shown as a hint.
import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { P } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { NOTIFICATION_RULES, ruleKey } from './rules';
import { CHANNEL_KINDS, type Channel, type ChannelKind } from './types';

/** Config fields per kind; `secret` ones are write-only. */
const FIELDS: Record<ChannelKind, Array<{ key: string; type: 'text' | 'port' | 'bool'; secret?: boolean; required?: boolean }>> = {
  email: [
    { key: 'host', type: 'text', required: true },
    { key: 'port', type: 'port', required: true },
    { key: 'secure', type: 'bool' },
    { key: 'user', type: 'text' },
    { key: 'password', type: 'text', secret: true },
    { key: 'from', type: 'text', required: true },
  ],
  wecom: [{ key: 'url', type: 'text', secret: true, required: true }],
  dingtalk: [
    { key: 'url', type: 'text', secret: true, required: true },
    { key: 'secret', type: 'text', secret: true },
  ],
};

interface Values {
  orgId: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  rules: string[];
  config: Record<string, unknown>;
}

interface Props {
  open: boolean;
  channel?: Channel | null;
  onClose: () => void;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

export function ChannelFormModal({ open, channel, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = !!channel;
  const kind = (Form.useWatch('kind', form) ?? channel?.kind ?? 'wecom') as ChannelKind;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (channel) {
      const cfg = Object.fromEntries(FIELDS[channel.kind].filter((f) => !f.secret).map((f) => [f.key, channel.config[f.key] ?? undefined]));
      form.setFieldsValue({ orgId: channel.orgId, kind: channel.kind, name: channel.name, enabled: channel.enabled, rules: channel.rules, config: cfg });
    } else form.setFieldsValue({ kind: 'wecom', enabled: true, rules: [], config: { port: 465, secure: true } });
  }, [open, channel, form]);

  const save = useFormMutation(
    (v: Values) => {
      const fields = FIELDS[v.kind];
      if (!channel) {
        const config = Object.fromEntries(fields.filter((f) => !blank(v.config[f.key])).map((f) => [f.key, v.config[f.key]]));
        if (v.kind === 'email') config.secure = !!v.config.secure;
        return api.create<Channel>('/notification-channels', { orgId: v.orgId, kind: v.kind, name: v.name, enabled: v.enabled, rules: v.rules, config });
      }
      // Only what changed; a secret left empty keeps the stored one.
      const config: Record<string, unknown> = {};
      for (const f of fields) {
        const value = v.config[f.key];
        if (f.secret) {
          if (!blank(value)) config[f.key] = value;
        } else if (JSON.stringify(value ?? null) !== JSON.stringify(channel.config[f.key] ?? null)) config[f.key] = blank(value) ? null : value;
      }
      const body: Record<string, unknown> = { name: v.name, enabled: v.enabled, rules: v.rules, version: channel.version };
      if (Object.keys(config).length) body.config = config;
      return api.patch<Channel>(`/notification-channels/${channel.id}`, body, channel.version);
    },
    {
      form,
      invalidate: [['notification-channels']],
      onSuccess: () => {
        void message.success(t('notificationChannels.saved'));
        onClose();
      },
    },
  );

  return (
    <Modal
      open={open}
      title={editing ? t('notificationChannels.editTitle', { name: channel!.name }) : t('notificationChannels.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        save.reset();
        onClose();
      }}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} name="channelForm" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <ErrorAlert error={save.error} form={form} />
        <Form.Item name="orgId" label={t('notificationChannels.field.orgId')} extra={t('notificationChannels.orgHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <OrgTreeSelect permission={P.settings.manage} disabled={editing} />
        </Form.Item>
        <Form.Item name="kind" label={t('notificationChannels.field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select disabled={editing} options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`notificationChannels.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('notificationChannels.field.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        {FIELDS[kind].map((f) => {
          const stored = channel?.kind === kind ? channel.config[f.key] : undefined;
          const hint = f.secret && editing && !blank(stored) ? t('notificationChannels.secretKept', { masked: String(stored) }) : f.key === 'url' ? t(`notificationChannels.hint.${kind === 'dingtalk' ? 'dingtalkUrl' : 'wecomUrl'}`) : undefined;
          return (
            <Form.Item
              key={`${kind}-${f.key}`}
              name={['config', f.key]}
              label={t(`notificationChannels.field.${f.key}` as never)}
              extra={hint}
              valuePropName={f.type === 'bool' ? 'checked' : 'value'}
              rules={f.required && !(f.secret && editing) ? [{ required: true, message: t('validation.required') }] : []}
            >
              {f.type === 'bool' ? (
                <Switch />
              ) : f.type === 'port' ? (
                <InputNumber min={1} max={65535} precision={0} className="full-width" />
              ) : f.secret ? (
                <Input.Password autoComplete="new-password" visibilityToggle={false} />
              ) : (
                <Input />
              )}
            </Form.Item>
          );
        })}
        <Form.Item name="rules" label={t('notificationChannels.field.rules')} extra={t('notificationChannels.rulesHint')}>
          <Select mode="multiple" allowClear options={NOTIFICATION_RULES.map((r) => ({ value: r, label: t(ruleKey(r) as never) }))} />
        </Form.Item>
        <Form.Item name="enabled" label={t('notificationChannels.field.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
