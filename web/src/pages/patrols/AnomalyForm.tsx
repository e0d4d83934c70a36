// Record an anomaly on a patrol (PAT-02, phone): which checkpoint, what is wrong, photos from the camera.
import { Button, Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PhotoUpload } from '../../components/PhotoUpload';
import { useFormMutation } from '../../components/useFormMutation';
import type { PatrolDetail } from './types';

interface Values {
  checkpointId?: string;
  note: string;
  attachmentIds?: string[];
}

export function AnomalyForm({ patrol, checkpointId, onDone }: { patrol: PatrolDetail; checkpointId?: string; onDone?: (p: PatrolDetail) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useFormMutation((v: Values) => api.create<PatrolDetail>(`/patrols/${patrol.id}/anomalies`, { checkpointId: v.checkpointId ?? null, note: v.note.trim(), attachmentIds: v.attachmentIds ?? [] }), {
    form,
    invalidate: [['patrols']],
    onSuccess: (p) => {
      form.resetFields();
      onDone?.(p);
    },
  });
  return (
    <Card title={t('patrols.anomalyAdd')} size="small">
      <ErrorAlert error={save.error} form={form} />
      <Form<Values> form={form} name="anomaly" layout="vertical" initialValues={{ checkpointId, attachmentIds: [] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="checkpointId" label={t('patrols.checkpoint')}>
          <Select allowClear options={patrol.checkpoints.map((c) => ({ value: c.checkpointId, label: `${c.seq}. ${c.name}` }))} />
        </Form.Item>
        <Form.Item name="note" label={t('patrols.anomalyNote')} rules={[{ required: true, whitespace: true, message: t('patrols.anomalyNoteRequired') }, { max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('patrols.photos')}>
          <PhotoUpload max={10} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
          {t('patrols.anomalyAdd')}
        </Button>
      </Form>
    </Card>
  );
}
