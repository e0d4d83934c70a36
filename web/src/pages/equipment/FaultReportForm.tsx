// 报告故障 (EQP-03) from the equipment's page on a phone: what is wrong, whether it can still be
// used, whether it is serious (also reported as a hazard), photos taken on the spot.
import { App, Button, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PhotoUpload } from '../../components/PhotoUpload';
import { useFormMutation } from '../../components/useFormMutation';
import type { FaultDetail } from './types';

interface Values {
  description: string;
  outOfService?: boolean;
  serious?: boolean;
  attachmentIds?: string[];
}

export function FaultReportForm({ equipmentId }: { equipmentId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useFormMutation(
    (v: Values) => api.create<FaultDetail>('/equipment-faults', { equipmentId, description: v.description.trim(), outOfService: !!v.outOfService, serious: !!v.serious, attachmentIds: v.attachmentIds ?? [] }),
    {
      form,
      invalidate: [['equipment'], ['faults'], ['dashboard']],
      onSuccess: (f) => {
        void message.success(t('equipment.faultReported', { number: f.number }));
        form.resetFields();
      },
    },
  );
  return (
    <Form<Values> form={form} name="faultReport" layout="vertical" initialValues={{ attachmentIds: [] }} onFinish={(v) => save.mutate(v)}>
      <ErrorAlert error={save.error} form={form} />
      <Form.Item name="description" label={t('equipment.faultDescription')} rules={[{ required: true, whitespace: true, message: t('equipment.faultDescriptionRequired') }, { max: 5000 }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="attachmentIds" label={t('equipment.photos')} extra={t('equipment.photosHint')}>
        <PhotoUpload max={10} />
      </Form.Item>
      <Form.Item name="outOfService" valuePropName="checked" style={{ marginBottom: 4 }}>
        <Checkbox>{t('equipment.outOfService')}</Checkbox>
      </Form.Item>
      <Form.Item name="serious" valuePropName="checked">
        <Checkbox>{t('equipment.serious')}</Checkbox>
      </Form.Item>
      <Button type="primary" danger htmlType="submit" size="large" block loading={save.isPending}>
        {t('equipment.reportFault')}
      </Button>
    </Form>
  );
}
