// Create or change a patrol route (PAT-01): unit, name, ordered checkpoints (a site of the unit or a
// place name, each with its window in minutes), patrol times and days. A checkpoint kept keeps its QR
// code. The existing route's page also links its A4 QR label sheet.
import { MinusCircleOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RecordTimeline } from '../../components/RecordTimeline';
import { useFormMutation } from '../../components/useFormMutation';
import { label } from './labels';
import { PP } from './permissions';
import type { PatrolRoute } from './types';

interface Values {
  orgId: string;
  name: string;
  description?: string;
  scheduleTimes: string[];
  scheduleDays: number[];
  checkpoints: Array<{ id?: string; name?: string; siteId?: string; windowMinutes: number }>;
}

const TIMES = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

export default function RouteFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useQuery({ queryKey: ['patrol-routes', 'one', id], queryFn: () => api.get<PatrolRoute>(`/patrol-routes/${id}`), enabled: !!id });
  const orgId = Form.useWatch('orgId', form);
  const sites = useQuery({ queryKey: ['sites', 'of', orgId], queryFn: () => api.get<PageOf<{ id: string; name: string; withdrawnAt: string | null }>>('/sites', { orgId, pageSize: 200 }), enabled: !!orgId });
  useEffect(() => {
    const r = existing.data;
    if (r) form.setFieldsValue({ orgId: r.orgId, name: r.name, description: r.description ?? undefined, scheduleTimes: r.scheduleTimes, scheduleDays: r.scheduleDays, checkpoints: r.checkpoints.map((c) => ({ id: c.id, name: c.name, siteId: c.siteId ?? undefined, windowMinutes: c.windowMinutes })) });
  }, [existing.data, form]);
  const save = useFormMutation(
    (v: Values) => {
      const checkpoints = v.checkpoints.map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name?.trim() || null, siteId: c.siteId ?? null, windowMinutes: c.windowMinutes }));
      const body = { name: v.name.trim(), description: v.description?.trim() || null, scheduleTimes: v.scheduleTimes ?? [], scheduleDays: v.scheduleDays ?? [], checkpoints };
      return id ? api.patch<PatrolRoute>(`/patrol-routes/${id}`, body, existing.data!.version) : api.create<PatrolRoute>('/patrol-routes', { orgId: v.orgId, ...body });
    },
    { form, invalidate: [['patrol-routes']], onSuccess: (r) => { void message.success(t('patrols.routeSaved')); navigate(`/patrols/routes/${r.id}`); } },
  );
  const editable = !id || allows(existing.data, 'update');
  return (
    <>
      <PageHeader
        title={id ? (existing.data?.name ?? t('patrols.routeEdit')) : t('patrols.routeNew')}
        back={{ to: '/patrols/routes', label: t('patrols.routes') }}
        extra={
          id && allows(existing.data, 'labels') ? (
            <Button icon={<PrinterOutlined aria-hidden />} href={`/api/v1/patrol-routes/${id}/labels`} target="_blank" rel="noopener">
              {t('patrols.labels')}
            </Button>
          ) : null
        }
      />
      <Card>
        <ErrorAlert error={save.error ?? existing.error} form={form} />
        <Form<Values> form={form} name="patrolRoute" layout="vertical" disabled={!editable} initialValues={{ scheduleTimes: [], scheduleDays: [1, 2, 3, 4, 5, 6, 7], checkpoints: [{ windowMinutes: 10 }] }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="orgId" label={t('patrols.unit')} rules={[{ required: true }]}>
            <OrgTreeSelect permission={PP.manage_routes} allowClear={false} disabled={!!id} />
          </Form.Item>
          <Form.Item name="name" label={t('patrols.name')} rules={[{ required: true, whitespace: true, message: t('patrols.nameRequired') }, { max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('patrols.description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="scheduleTimes" label={t('patrols.scheduleTimes')} extra={t('patrols.scheduleTimesHint')}>
            <Select mode="multiple" options={TIMES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="scheduleDays" label={t('patrols.scheduleDays')}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: label('weekday', d) }))} />
          </Form.Item>
          <Form.List name="checkpoints">
            {(fields, { add, remove }) => (
              <Card size="small" title={t('patrols.checkpoints')}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <span>{i + 1}.</span>
                    <Form.Item name={[f.name, 'siteId']} label={t('patrols.site')}>
                      <Select allowClear style={{ minWidth: 180 }} options={(sites.data?.items ?? []).filter((s) => !s.withdrawnAt).map((s) => ({ value: s.id, label: s.name }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} label={t('patrols.place')}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'windowMinutes']} label={t('patrols.window')} rules={[{ required: true }]}>
                      <InputNumber min={1} max={1440} />
                    </Form.Item>
                    {fields.length > 1 && <Button type="text" aria-label={t('patrols.remove')} icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ windowMinutes: 10 * (fields.length + 1) })}>
                  {t('patrols.addCheckpoint')}
                </Button>
              </Card>
            )}
          </Form.List>
          {editable && (
            <Button type="primary" htmlType="submit" size="large" loading={save.isPending} style={{ marginTop: 16 }}>
              {t('patrols.save')}
            </Button>
          )}
        </Form>
      </Card>
      {id && (
        <Card size="small" title={t('patrols.history')} style={{ marginTop: 12 }}>
          <RecordTimeline path={`/patrol-routes/${id}/history`} />
        </Card>
      )}
    </>
  );
}
