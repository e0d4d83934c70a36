// 业务参数: a unit's thresholds for the business modules — hazard deadlines per grade and reminder
// days (HAZ-02, HAZ-04), inspection reminders (INS-02) and any section a module adds later — set by
// the system administrator. Each value is the unit's own or inherited from above (else the shipped
// default). Saving sends only what changed, with the version it was read at: if someone saved in the
// meantime the server answers 409 and the page offers to reload.
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../../app/api';
import type { SettingsView } from '../../app/api-types';
import { i18next } from '../../app/i18n';
import { P, permissionRoots } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';

/** The security policy has its own page (安全策略); every other section is shown here. */
const OWN_PAGE = new Set(['security']);
type Values = Record<string, Record<string, number | boolean>>;

/** The label of a key: the catalogue's, else the key itself (a new key still shows). */
const label = (section: string, key: string) => {
  const k = `notificationSettings.field.${section}.${key}`;
  return i18next.exists(k) ? String(i18next.t(k as never)) : key;
};
const sectionTitle = (section: string) => {
  const k = `notificationSettings.section.${section}`;
  return i18next.exists(k) ? String(i18next.t(k as never)) : section;
};

function SettingsForm({ orgId, view, onReload }: { orgId: string; view: SettingsView; onReload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const sections = Object.keys(view.defaults).filter((s) => !OWN_PAGE.has(s));
  const effective = view.effective as Record<string, Record<string, unknown>>;
  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(sections.map((s) => [s, effective[s]])) as Values);
  }, [form, view]);
  const save = useFormMutation(
    (values: Values) => {
      const patch: Record<string, unknown> = { version: view.version };
      for (const s of sections) {
        const changed = Object.fromEntries(Object.entries(values[s] ?? {}).filter(([k, v]) => v !== effective[s]?.[k]));
        if (Object.keys(changed).length) patch[s] = changed;
      }
      return api.patch<SettingsView>(`/orgs/${orgId}/settings`, patch, view.version);
    },
    { form, invalidate: [['settings', orgId]], onSuccess: () => void message.success(t('notificationSettings.saved')) },
  );
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  return (
    <Form form={form} name="moduleSettings" layout="vertical" onFinish={(v) => save.mutate(v)}>
      <ErrorAlert
        error={save.error}
        form={form}
        action={
          conflict ? (
            <Button size="small" onClick={onReload}>
              {t('notificationSettings.reload')}
            </Button>
          ) : undefined
        }
      />
      {sections.map((s) => {
        const own = view.own[s] ?? {};
        return (
          <Card key={s} className="card-gap" title={<h2 className="section-title">{sectionTitle(s)}</h2>}>
            <div className="policy-grid">
              {Object.entries(view.defaults[s]).map(([k, def]) => (
                <Form.Item
                  key={k}
                  name={[s, k]}
                  label={label(s, k)}
                  valuePropName={typeof def === 'boolean' ? 'checked' : 'value'}
                  rules={typeof def === 'number' ? [{ required: true, message: t('validation.required') }] : []}
                  extra={
                    <Space wrap size={4}>
                      <StatusTag tone={k in own ? 'info' : 'neutral'}>{k in own ? t('policy.own') : t('policy.inherited')}</StatusTag>
                      <span>{t('policy.defaultValue', { value: String(def) })}</span>
                    </Space>
                  }
                >
                  {typeof def === 'boolean' ? <Switch /> : <InputNumber min={0} precision={0} className="full-width" />}
                </Form.Item>
              ))}
            </div>
          </Card>
        );
      })}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

export default function ModuleSettingsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [sp, setSp] = useSearchParams();
  const orgId = sp.get('orgId') ?? permissionRoots(me, P.settings.manage)[0] ?? null;
  const q = useQuery({ queryKey: ['settings', orgId], queryFn: () => api.get<SettingsView>(`/orgs/${orgId}/settings`), enabled: !!orgId });
  return (
    <>
      <PageHeader title={t('notificationSettings.title')} />
      <Card className="card-gap">
        <Form layout="vertical" name="moduleSettingsUnit">
          <Form.Item label={t('policy.unit')} htmlFor="module-settings-unit" extra={t('notificationSettings.unitHint')} className="policy-unit">
            <OrgTreeSelect id="module-settings-unit" value={orgId} permission={P.settings.manage} allowClear={false} onChange={(v) => v && setSp({ orgId: v })} />
          </Form.Item>
        </Form>
      </Card>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} />
      ) : q.data && orgId ? (
        <SettingsForm key={`${orgId}-${q.data.version}`} orgId={orgId} view={q.data} onReload={() => void q.refetch()} />
      ) : null}
    </>
  );
}
