// Recording a check or maintenance task (EQP-02): result, readings the kind of work needs
// (temperature/humidity for air-conditioning, discharge time for the UPS test), note and photos; a
// fault found is described here and opens a ticket (EQP-03).
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PhotoUpload } from '../../components/PhotoUpload';
import { useFormMutation } from '../../components/useFormMutation';
import type { MaintenanceTask, MaintenanceTaskDetail } from './types';

interface Values {
  result: 'ok' | 'fault_found';
  temperature?: number;
  humidity?: number;
  dischargeMinutes?: number;
  note?: string;
  faultDescription?: string;
  outOfService?: boolean;
  attachmentIds?: string[];
}

export function TaskForm({ task, onDone }: { task: MaintenanceTask; onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const result = Form.useWatch('result', form);
  const save = useFormMutation(
    (v: Values) => {
      const readings = Object.fromEntries(Object.entries({ temperature: v.temperature, humidity: v.humidity, dischargeMinutes: v.dischargeMinutes }).filter(([, x]) => x !== undefined && x !== null));
      return api.post<MaintenanceTaskDetail>(`/maintenance-tasks/${task.id}/complete`, {
        result: v.result,
        ...(Object.keys(readings).length ? { readings } : {}),
        note: v.note?.trim() || null,
        ...(v.result === 'fault_found' ? { faultDescription: v.faultDescription?.trim() || null, outOfService: !!v.outOfService } : {}),
        attachmentIds: v.attachmentIds ?? [],
        version: task.version,
      });
    },
    {
      form,
      invalidate: [['equipment'], ['maintenance'], ['faults'], ['dashboard']],
      onSuccess: async () => {
        void message.success(t('equipment.completed'));
        await qc.invalidateQueries({ queryKey: ['equipment'] });
        onDone?.();
      },
    },
  );
  return (
    <Form<Values> form={form} name={`task-${task.id}`} layout="vertical" initialValues={{ result: 'ok', attachmentIds: [] }} onFinish={(v) => save.mutate(v)}>
      <ErrorAlert error={save.error} form={form} />
      <Form.Item name="result" label={t('equipment.result')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'ok', label: t('equipment.resultOk') }, { value: 'fault_found', label: t('equipment.resultFault') }]} />
      </Form.Item>
      {task.type === 'aircon_reading' && (
        <>
          <Form.Item name="temperature" label={t('equipment.temperature')} rules={[{ required: true }]}>
            <InputNumber min={-50} max={100} step={0.5} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name={['humidity']} label={t('equipment.humidity')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
      {task.type === 'ups_test' && (
        <Form.Item name="dischargeMinutes" label={t('equipment.dischargeMinutes')} rules={[{ required: true }]}>
          <InputNumber min={0} max={10000} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {result === 'fault_found' && (
        <>
          <Form.Item name="faultDescription" label={t('equipment.faultDescription')} rules={[{ required: true, whitespace: true, message: t('equipment.faultDescriptionRequired') }]}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="outOfService" valuePropName="checked">
            <Checkbox>{t('equipment.outOfService')}</Checkbox>
          </Form.Item>
        </>
      )}
      <Form.Item name="note" label={t('equipment.note')}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Form.Item name="attachmentIds" label={t('equipment.photos')} extra={t('equipment.photosHint')}>
        <PhotoUpload max={10} />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={save.isPending}>
        {t('equipment.complete')}
      </Button>
    </Form>
  );
}
