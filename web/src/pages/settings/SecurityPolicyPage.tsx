// 安全策略: a unit's security policy (DESIGN §6, SEC-01), set by the system administrator. Each value
// is the unit's own or inherited from above (else the shipped default); saving sends only what was
// changed, with the version it was read at.
import { App, Button, Card, Form, InputNumber, Space, Switch, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api';
import type { SecurityPolicy, SettingsView } from '../../app/api-types';
import { P, permissionRoots } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { roleName, RoleSelect, useRoles } from '../../components/RoleSelect';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';

type Key = keyof SecurityPolicy;
/** Every key of the policy with its input (a key added on the server fails the type check here). */
const FIELDS: Record<Key, { kind: 'number'; min: number } | { kind: 'roles' } | { kind: 'switch' }> = {
  passwordMinLength: { kind: 'number', min: 1 },
  adminPasswordMinLength: { kind: 'number', min: 1 },
  passwordMinClasses: { kind: 'number', min: 1 },
  passwordHistory: { kind: 'number', min: 0 },
  passwordMaxAgeDays: { kind: 'number', min: 0 },
  lockoutThreshold: { kind: 'number', min: 1 },
  lockoutMinutes: { kind: 'number', min: 1 },
  idleTimeoutMinutes: { kind: 'number', min: 1 },
  absoluteTimeoutHours: { kind: 'number', min: 1 },
  totpRoles: { kind: 'roles' },
  totpEveryone: { kind: 'switch' },
};
const KEYS = Object.keys(FIELDS) as Key[];

const same = (a: unknown, b: unknown) => JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);

function useShown() {
  const { t } = useTranslation();
  const roles = useRoles();
  return (v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) {
      if (!v.length) return t('common.none');
      return v
        .map((code) => {
          const r = roles.data?.find((x) => x.code === code);
          return r ? roleName(r) : String(code);
        })
        .join(t('common.listSep'));
    }
    return String(v);
  };
}

function PolicyForm({ orgId, view }: { orgId: string; view: SettingsView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ security: SecurityPolicy }>();
  const shown = useShown();
  const effective = view.effective.security;
  const own = view.own.security ?? {};
  useEffect(() => {
    form.setFieldsValue({ security: effective });
  }, [form, effective]);
  const save = useFormMutation(
    (values: { security: SecurityPolicy }) => {
      const changed = Object.fromEntries(KEYS.filter((k) => !same(values.security[k], effective[k])).map((k) => [k, values.security[k]]));
      return api.patch<SettingsView>(`/orgs/${orgId}/settings`, { security: changed, version: view.version }, view.version);
    },
    { form, invalidate: [['settings', orgId]], onSuccess: () => void message.success(t('policy.saved')) },
  );
  return (
    <Form form={form} name="securityPolicy" layout="vertical" onFinish={(v) => save.mutate(v)} className="policy-form">
      <ErrorAlert error={save.error} form={form} />
      <div className="policy-grid">
        {KEYS.map((k) => {
          const f = FIELDS[k];
          const isOwn = k in own;
          return (
            <Form.Item
              key={k}
              name={['security', k]}
              label={t(`policy.field.${k}`)}
              valuePropName={f.kind === 'switch' ? 'checked' : 'value'}
              extra={
                <Space wrap size={4}>
                  <StatusTag tone={isOwn ? 'info' : 'neutral'}>{isOwn ? t('policy.own') : t('policy.inherited')}</StatusTag>
                  <span>
                    {t('policy.effectiveValue', { value: shown(effective[k]) })} · {t('policy.defaultValue', { value: shown(view.defaults.security[k]) })}
                  </span>
                </Space>
              }
              rules={f.kind === 'number' ? [{ required: true, message: t('validation.required') }] : []}
            >
              {f.kind === 'number' ? <InputNumber min={f.min} precision={0} className="full-width" /> : f.kind === 'roles' ? <RoleSelect multiple builtinOnly /> : <Switch />}
            </Form.Item>
          );
        })}
      </div>
      <Typography.Paragraph type="secondary">{t('policy.adminTotpNote')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

export default function SecurityPolicyPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [sp, setSp] = useSearchParams();
  const orgId = sp.get('orgId') ?? permissionRoots(me, P.settings.manage)[0] ?? null;
  const q = useQuery({ queryKey: ['settings', orgId], queryFn: () => api.get<SettingsView>(`/orgs/${orgId}/settings`), enabled: !!orgId });
  return (
    <>
      <PageHeader title={t('nav.securityPolicy')} />
      <Card className="card-gap">
        <Form layout="vertical" name="policyUnit">
          <Form.Item label={t('policy.unit')} htmlFor="policy-unit" extra={t('policy.unitHint')} className="policy-unit">
            <OrgTreeSelect id="policy-unit" value={orgId} permission={P.settings.manage} allowClear={false} onChange={(v) => v && setSp({ orgId: v })} />
          </Form.Item>
        </Form>
      </Card>
      <Card title={<h2 className="section-title">{t('policy.title')}</h2>}>
        {q.isLoading ? <Loading /> : q.error ? <ErrorAlert error={q.error} /> : q.data && orgId ? <PolicyForm key={`${orgId}-${q.data.version}`} orgId={orgId} view={q.data} /> : null}
      </Card>
    </>
  );
}
