// 登记安防设施 / 修改设施信息 (EQP-01): kind, name, unit and site, model, serial, installation and expiry
// dates. Editing keeps kind and unit (they are fixed at registration) and may set the status by hand —
// in service, out of service, retired — but never 'faulty', which follows the fault tickets (EQP-03).
import { SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import type { PageOf, Site } from '../../app/api-types';
import { hasPermission, P } from '../../app/permissions';
import { useSession } from '../../app/session';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useFormMutation } from '../../components/useFormMutation';
import { equipmentKinds, kindLabel, options, statusLabel } from './labels';
import { EP } from './permissions';
import type { EquipmentDetail, EquipmentKind, EquipmentStatus } from './types';

interface Values {
  kind: EquipmentKind;
  name: string;
  orgId: string;
  siteId?: string;
  location?: string;
  model?: string;
  serialNo?: string;
  installedOn?: Dayjs | null;
  expiresOn?: Dayjs | null;
  notes?: string;
  status?: EquipmentStatus;
}

/** The statuses a manager sets by hand ('faulty' follows the fault tickets). */
const MANUAL_STATUSES: EquipmentStatus[] = ['in_service', 'out_of_service', 'retired'];

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => s?.trim() || null;

export default function EquipmentFormPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const existing = useQuery({ queryKey: ['equipment', 'detail', id], queryFn: () => api.get<EquipmentDetail>(`/equipment/${id}`), enabled: !!id });
  const canSeeSites = hasPermission(me, P.orgs.read);
  const sites = useQuery({ queryKey: ['sites', 'list', { orgId, forEquipment: true }], queryFn: () => api.get<PageOf<Site>>('/sites', { orgId, pageSize: 200 }), enabled: canSeeSites && !!orgId });
  useEffect(() => {
    const e = existing.data;
    if (!e) return;
    const date = (d: string | null) => (d ? dayjs(d) : null);
    form.setFieldsValue({ kind: e.kind, name: e.name, orgId: e.orgId, siteId: e.siteId ?? undefined, location: e.location ?? undefined, model: e.model ?? undefined, serialNo: e.serialNo ?? undefined, installedOn: date(e.installedOn), expiresOn: date(e.expiresOn), notes: e.notes ?? undefined, status: MANUAL_STATUSES.includes(e.status) ? e.status : undefined });
  }, [existing.data, form]);
  const save = useFormMutation(
    (v: Values) => {
      // Without the sites list the field is not shown: an edit then leaves the stored site as it is.
      const common = { name: v.name.trim(), ...(canSeeSites || !id ? { siteId: v.siteId ?? null } : {}), location: text(v.location), model: text(v.model), serialNo: text(v.serialNo), installedOn: day(v.installedOn), expiresOn: day(v.expiresOn), notes: text(v.notes) };
      if (!id) return api.create<EquipmentDetail>('/equipment', { kind: v.kind, orgId: v.orgId, ...common });
      const e = existing.data!;
      return api.patch<EquipmentDetail>(`/equipment/${id}`, { ...common, ...(v.status && v.status !== e.status ? { status: v.status } : {}) }, e.version);
    },
    {
      form,
      invalidate: [['equipment'], ['dashboard']],
      onSuccess: (e) => {
        void message.success(id ? t('equipment.saved') : t('equipment.registered', { number: e.number }));
        navigate(`/equipment/${e.id}`);
      },
    },
  );
  if (id && existing.isLoading) return <Loading />;
  if (id && !existing.data) return <ErrorAlert error={existing.error} />;
  const back = id ? { to: `/equipment/${id}`, label: `${existing.data!.number} ${existing.data!.name}` } : { to: '/equipment', label: t('equipment.title') };
  return (
    <>
      <PageHeader title={id ? t('equipment.editTitle', { number: existing.data!.number }) : t('equipment.registerTitle')} back={back} />
      <Card style={{ maxWidth: 720 }}>
        <ErrorAlert error={save.error} form={form} />
        <Form<Values>
          form={form}
          name="equipmentRegister"
          layout="vertical"
          requiredMark
          onFinish={(v) => save.mutate(v)}
          onValuesChange={(changed) => {
            if ('orgId' in changed) form.setFieldValue('siteId', undefined);
          }}
          scrollToFirstError
        >
          <Form.Item name="kind" label={t('equipment.field.kind')} rules={[{ required: true, message: t('equipment.kindRequired') }]}>
            <Select options={options(equipmentKinds, kindLabel)} placeholder={t('equipment.choose')} disabled={!!id} />
          </Form.Item>
          <Form.Item name="name" label={t('equipment.field.name')} rules={[{ required: true, whitespace: true, message: t('equipment.nameRequired') }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="orgId" label={t('equipment.field.orgId')} rules={[{ required: true, message: t('equipment.orgRequired') }]}>
            <OrgTreeSelect permission={EP.manage} allowClear={false} disabled={!!id} />
          </Form.Item>
          {canSeeSites && (
            <Form.Item name="siteId" label={t('equipment.field.siteId')}>
              <Select allowClear disabled={!orgId} loading={sites.isFetching} placeholder={t('equipment.sitePlaceholder')} options={(sites.data?.items ?? []).filter((s) => !s.withdrawnAt).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          )}
          <Form.Item name="location" label={t('equipment.field.location')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="model" label={t('equipment.field.model')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="serialNo" label={t('equipment.field.serialNo')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="installedOn" label={t('equipment.field.installedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expiresOn" label={t('equipment.field.expiresOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {id && (
            <Form.Item name="status" label={t('equipment.field.status')} extra={existing.data!.status === 'faulty' ? t('equipment.statusFaultyHint') : undefined}>
              <Select allowClear={existing.data!.status === 'faulty'} placeholder={statusLabel('faulty')} options={MANUAL_STATUSES.map((st) => ({ value: st, label: statusLabel(st) }))} />
            </Form.Item>
          )}
          <Form.Item name="notes" label={t('equipment.field.notes')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" size="large" icon={<SaveOutlined aria-hidden />} loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button size="large" onClick={() => navigate(back.to)}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
