// Registering the key set of a machine room or vault with its named holders (VIS-04).
import { Button, Card, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormMutation } from '../../components/useFormMutation';
import { PeoplePicker } from './PeoplePicker';
import { RESTRICTED, SiteSelect } from './SiteSelect';
import type { KeySetDetail } from './types';

interface Values {
  siteId: string;
  description: string;
  copies: number;
  holderIds: string[];
}

export default function KeyNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const save = useFormMutation((v: Values) => api.create<KeySetDetail>('/keys', { ...v, holderIds: v.holderIds ?? [] }), { form, invalidate: [['keys']], onSuccess: (k) => navigate(`/visitors/keys/${k.id}`) });
  const req = [{ required: true, message: t('validation.required') }];
  return (
    <>
      <PageHeader title={t('visitors.keys.newTitle')} back={{ to: '/visitors/keys', label: t('visitors.keys.title') }} />
      <Card>
        <Form<Values> form={form} name="keySet" layout="vertical" initialValues={{ copies: 1 }} onFinish={(v) => save.mutate(v)}>
          <ErrorAlert error={save.error} form={form} />
          <Form.Item name="siteId" label={t('visitors.keys.site')} rules={req}>
            <SiteSelect kinds={RESTRICTED} />
          </Form.Item>
          <Form.Item name="description" label={t('visitors.keys.description')} rules={req}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="copies" label={t('visitors.keys.copies')} rules={req}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item name="holderIds" label={t('visitors.keys.holderIds')} rules={req}>
            <PeoplePicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} block>
            {t('visitors.keys.new')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
