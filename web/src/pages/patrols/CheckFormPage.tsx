// Record today's opening or closing check of a branch (PAT-04, phone): every shipped item answered,
// a failed item explained; a second person on duty then confirms from their own account.
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useFormMutation } from '../../components/useFormMutation';
import { CHECK_KINDS, label } from './labels';
import { PP } from './permissions';
import type { Checklists, OpeningCheck } from './types';

interface Values {
  orgId: string;
  kind: 'opening' | 'closing';
  items: Array<{ key: string; ok: boolean; note?: string }>;
  note?: string;
}

export default function CheckFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const lists = useQuery({ queryKey: ['opening-checks', 'checklists'], queryFn: () => api.get<Checklists>('/opening-checks/checklists') });
  const kind = Form.useWatch('kind', form) ?? 'opening';
  const items = lists.data?.[kind] ?? [];
  const save = useFormMutation(
    (v: Values) => api.create<OpeningCheck>('/opening-checks', { orgId: v.orgId, kind: v.kind, note: v.note?.trim() || null, items: items.map((it, i) => ({ key: it.key, ok: v.items?.[i]?.ok ?? true, note: v.items?.[i]?.note?.trim() || null })) }),
    { form, invalidate: [['opening-checks'], ['dashboard']], onSuccess: (c) => { void message.success(t('patrols.checkSaved')); navigate(`/patrols/checks/${c.id}`); } },
  );
  return (
    <>
      <PageHeader title={t('patrols.checkNew')} back={{ to: '/patrols/checks', label: t('patrols.checks') }} />
      <Card>
        <ErrorAlert error={save.error ?? lists.error} form={form} />
        <Form<Values> form={form} name="openingCheck" layout="vertical" initialValues={{ kind: 'opening' }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="orgId" label={t('patrols.unit')} rules={[{ required: true }]}>
            <OrgTreeSelect permission={PP.check} allowClear={false} />
          </Form.Item>
          <Form.Item name="kind" label={t('patrols.checkKind')}>
            <Radio.Group options={CHECK_KINDS.map((k) => ({ value: k, label: label('checkKindLabel', k) }))} optionType="button" />
          </Form.Item>
          {items.map((it, i) => (
            <Card key={`${kind}-${it.key}`} size="small" style={{ marginBottom: 8 }}>
              <Typography.Text>{`${i + 1}. ${it.text}`}</Typography.Text>
              <Form.Item name={['items', i, 'ok']} initialValue={true} style={{ margin: '8px 0 0' }}>
                <Radio.Group aria-label={it.text} options={[{ value: true, label: t('patrols.itemOk') }, { value: false, label: t('patrols.itemNotOk') }]} optionType="button" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  form.getFieldValue(['items', i, 'ok']) === false ? (
                    <Form.Item name={['items', i, 'note']} label={t('patrols.note')} rules={[{ required: true, whitespace: true, message: t('patrols.itemNoteRequired') }]}>
                      <Input maxLength={500} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
            </Card>
          ))}
          <Form.Item name="note" label={t('patrols.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" size="large" loading={save.isPending}>
              {t('patrols.save')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
