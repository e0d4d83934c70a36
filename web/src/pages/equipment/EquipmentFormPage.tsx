// 登记安防设施 (EQP-01): kind, name, unit and site, model, serial, installation and expiry dates.
import { SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import type { PageOf, Site } from '../../app/api-types';
import { hasPermission, P } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useFormMutation } from '../../components/useFormMutation';
import { equipmentKinds, kindLabel, options } from './labels';
import { EP } from './permissions';
import type { EquipmentDetail, EquipmentKind } from './types';

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
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => s?.trim() || null;

export default function EquipmentFormPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const canSeeSites = hasPermission(me, P.orgs.read);
  const sites = useQuery({ queryKey: ['sites', 'list', { orgId, forEquipment: true }], queryFn: () => api.get<PageOf<Site>>('/sites', { orgId, pageSize: 200 }), enabled: canSeeSites && !!orgId });
  const save = useFormMutation(
    (v: Values) =>
      api.create<EquipmentDetail>('/equipment', {
        kind: v.kind,
        name: v.name.trim(),
        orgId: v.orgId,
        siteId: v.siteId ?? null,
        location: text(v.location),
        model: text(v.model),
        serialNo: text(v.serialNo),
        installedOn: day(v.installedOn),
        expiresOn: day(v.expiresOn),
        notes: text(v.notes),
      }),
    {
      form,
      invalidate: [['equipment'], ['dashboard']],
      onSuccess: (e) => {
        void message.success(t('equipment.registered', { number: e.number }));
        navigate(`/equipment/${e.id}`);
      },
    },
  );
  return (
    <>
      <PageHeader title={t('equipment.registerTitle')} back={{ to: '/equipment', label: t('equipment.title') }} />
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
            <Select options={options(equipmentKinds, kindLabel)} placeholder={t('equipment.choose')} />
          </Form.Item>
          <Form.Item name="name" label={t('equipment.field.name')} rules={[{ required: true, whitespace: true, message: t('equipment.nameRequired') }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="orgId" label={t('equipment.field.orgId')} rules={[{ required: true, message: t('equipment.orgRequired') }]}>
            <OrgTreeSelect permission={EP.manage} allowClear={false} />
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
          <Form.Item name="notes" label={t('equipment.field.notes')} rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" size="large" icon={<SaveOutlined aria-hidden />} loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button size="large" onClick={() => navigate('/equipment')}>
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
