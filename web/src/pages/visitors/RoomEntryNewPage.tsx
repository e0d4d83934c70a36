// Logging a machine-room or vault entry (VIS-03): the room, the employees entering, any third-party
// engineers and their supervising employee, the purpose. The server applies the rules (two people,
// approval, supervision) and names the field it refuses.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect } from '../../components/UserSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { RESTRICTED, SiteSelect } from './SiteSelect';
import type { RoomEntry } from './types';
import { PeoplePicker } from './PeoplePicker';

interface Values {
  siteId: string;
  staffIds?: string[];
  thirdParties?: Array<{ name: string; company: string }>;
  supervisorId?: string;
  purpose: string;
}

export default function RoomEntryNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const save = useFormMutation(
    (v: Values) => api.create<RoomEntry>('/room-entries', { siteId: v.siteId, staffIds: v.staffIds ?? [], thirdParties: v.thirdParties ?? [], supervisorId: v.supervisorId || null, purpose: v.purpose }),
    { form, invalidate: [['room-entries'], ['dashboard']], onSuccess: (e) => navigate(`/visitors/rooms/${e.id}`) },
  );
  const req = [{ required: true, message: t('validation.required') }];
  return (
    <>
      <PageHeader title={t('visitors.rooms.newTitle')} back={{ to: '/visitors/rooms', label: t('visitors.rooms.title') }} />
      <Alert className="block-gap" type="info" showIcon title={t('visitors.rooms.rule')} />
      <Card>
        <Form<Values> form={form} name="roomEntry" layout="vertical" onFinish={(v) => save.mutate(v)}>
          <ErrorAlert error={save.error} form={form} />
          <Form.Item name="siteId" label={t('visitors.rooms.site')} rules={req}>
            <SiteSelect kinds={RESTRICTED} />
          </Form.Item>
          <Form.Item name="staffIds" label={t('visitors.rooms.staffIds')}>
            <PeoplePicker />
          </Form.Item>
          <Form.List name="thirdParties">
            {(fields, { add, remove }) => (
              <fieldset className="block-gap">
                <legend>{t('visitors.rooms.thirdParties')}</legend>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'name']} label={t('visitors.rooms.thirdName')} rules={req}>
                      <Input maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'company']} label={t('visitors.rooms.thirdCompany')} rules={req}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Button aria-label={t('common.withdraw')} icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', company: '' })}>
                  {t('visitors.rooms.addThird')}
                </Button>
              </fieldset>
            )}
          </Form.List>
          <Form.Item name="supervisorId" label={t('visitors.rooms.supervisorId')}>
            <UserSelect activeOnly />
          </Form.Item>
          <Form.Item name="purpose" label={t('visitors.rooms.purpose')} rules={req}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} block>
            {t('visitors.rooms.new')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
