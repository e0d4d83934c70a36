// DUT-03: the outgoing officer hands over the shift: a note, new open items (optionally linked to a
// hazard of the unit, picked from the open hazards when the officer may read them), and which of the
// carried-over items are now done. Open items left open carry over.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HazardSelect } from '../../components/HazardSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { HP } from '../hazards/permissions';
import type { HandoverDetail, OpenItem } from './types';

interface Values {
  note?: string;
  items?: Array<{ text: string; hazardId?: string }>;
  closeItemIds?: string[];
}

export function HandoverForm({ assignmentId, orgId, openItems }: { assignmentId: string; orgId: string; openItems: OpenItem[] }) {
  const { t } = useTranslation();
  const canPickHazard = hasPermission(useSession(), HP.read);
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const m = useFormMutation(
    (v: Values) => api.create<HandoverDetail>('/handovers', { assignmentId, note: v.note || null, items: (v.items ?? []).map((i) => ({ text: i.text, hazardId: i.hazardId || null })), closeItemIds: v.closeItemIds ?? [] }),
    { form, invalidate: [['duty']], onSuccess: (h) => navigate(`/duty/handovers/${h.id}`) },
  );
  return (
    <Form form={form} layout="vertical" name="handover" onFinish={(v) => m.mutate(v)}>
      {openItems.length > 0 && (
        <Form.Item name="closeItemIds" label={t('duty.handover.carriedToClose')}>
          <Checkbox.Group>
            <Space direction="vertical">
              {openItems.map((i) => (
                <Checkbox key={i.id} value={i.id}>
                  {i.text} <Typography.Text type="secondary">（{i.raisedBy.name}）</Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      )}
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            <Typography.Text strong>{t('duty.handover.newItems')}</Typography.Text>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap className="full-width">
                <Form.Item name={[f.name, 'text']} label={t('duty.handover.itemText')} rules={[{ required: true, whitespace: true, message: t('duty.handover.itemRequired') }]}>
                  <Input maxLength={1000} />
                </Form.Item>
                {canPickHazard && (
                  <Form.Item name={[f.name, 'hazardId']} label={t('duty.handover.hazardId')} style={{ minWidth: 260 }}>
                    <HazardSelect orgId={orgId} />
                  </Form.Item>
                )}
                <Button aria-label={t('duty.handover.removeItem')} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Form.Item>
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ text: '' })}>
                {t('duty.handover.addItem')}
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Form.Item name="note" label={t('duty.handover.note')}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <ErrorAlert error={m.error} form={form} />
      <Button type="primary" htmlType="submit" loading={m.isPending} block>
        {t('duty.handover.submit')}
      </Button>
    </Form>
  );
}
