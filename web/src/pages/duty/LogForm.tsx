// DUT-02: adding a duty log entry (or a correction of one) for the shift the person is on — from a phone.
// An urgent entry is reported to the security heads at once (the server notifies them).
import { Button, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormMutation } from '../../components/useFormMutation';
import type { DutyLog } from './types';

interface Values {
  happened: string;
  actionTaken?: string;
  urgent?: boolean;
}

export function LogForm({ assignmentId, correctsId, onDone }: { assignmentId: string; correctsId?: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useFormMutation((v: Values) => api.create<DutyLog>('/duty-logs', { assignmentId, happened: v.happened, actionTaken: v.actionTaken || null, urgent: !!v.urgent, ...(correctsId ? { correctsId } : {}) }), {
    form,
    invalidate: [['duty']],
    onSuccess: () => {
      form.resetFields();
      onDone?.();
    },
  });
  // The form's name prefixes its fields' ids: one per shift, because a person on two shifts at once
  // gets a form in each card, and with one name the second card's labels pointed at the first card's
  // fields.
  return (
    <Form form={form} layout="vertical" name={correctsId ? `correct-${correctsId}` : `dutyLog-${assignmentId}`} onFinish={(v) => m.mutate(v)}>
      <Form.Item name="happened" label={correctsId ? t('duty.log.correction') : t('duty.log.happened')} rules={[{ required: true, whitespace: true, message: t('duty.log.happenedRequired') }]}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="actionTaken" label={t('duty.log.actionTaken')}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      {!correctsId && (
        <Form.Item name="urgent" valuePropName="checked" extra={t('duty.log.urgentHint')}>
          <Checkbox>{t('duty.log.urgent')}</Checkbox>
        </Form.Item>
      )}
      <ErrorAlert error={m.error} form={form} />
      <Button type="primary" htmlType="submit" loading={m.isPending} block>
        {correctsId ? t('duty.log.addCorrection') : t('duty.log.add')}
      </Button>
    </Form>
  );
}
