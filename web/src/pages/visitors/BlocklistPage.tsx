// 访客黑名单 (VIS-02): who is refused entry in the cooperative and why (document numbers masked); the
// officer adds people and takes them off with a reason.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows, hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RegisterTable } from '../../components/RegisterTable';
import { useFormMutation } from '../../components/useFormMutation';
import { useListParams } from '../../components/useListParams';
import { documentTypeLabel, documentTypes, options } from './labels';
import { VP } from './permissions';
import type { BlocklistEntry, DocumentType } from './types';

const KEYS = ['q', 'orgId'] as const;
interface Values {
  orgId: string;
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  reason: string;
}

export default function BlocklistPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const params = useListParams<(typeof KEYS)[number]>(KEYS);
  const [form] = Form.useForm<Values>();
  const [withdrawing, setWithdrawing] = useState<BlocklistEntry | null>(null);
  const add = useFormMutation((v: Values) => api.create<BlocklistEntry>('/visitors/blocklist', v), {
    form,
    invalidate: [['blocklist']],
    onSuccess: () => {
      form.resetFields();
      void message.success(t('visitors.block.added'));
    },
  });
  const req = [{ required: true, message: t('validation.required') }];
  const columns: ColumnsType<BlocklistEntry> = [
    { key: 'name', title: t('visitors.block.name'), sorter: true, render: (_, b) => b.name },
    { key: 'document', title: t('visitors.field.documentNumber'), render: (_, b) => `${documentTypeLabel(b.documentType)} ${b.documentNumber}` },
    { key: 'reason', title: t('visitors.block.reason'), render: (_, b) => b.reason },
    { key: 'org', title: t('visitors.block.orgId'), render: (_, b) => b.orgName },
    { key: 'createdAt', title: t('visitors.block.addedAt'), sorter: true, render: (_, b) => `${formatDateTime(b.createdAt)} · ${b.addedBy?.name ?? ''}` },
    { key: 'actions', title: t('common.actions'), render: (_, b) => (allows(b, 'withdraw') ? <Button size="small" onClick={() => setWithdrawing(b)}>{t('visitors.block.withdraw')}</Button> : null) },
  ];
  return (
    <>
      <PageHeader title={t('visitors.block.title')} back={{ to: '/visitors', label: t('visitors.title') }} />
      {hasPermission(me, VP.blocklist) && (
        <Card title={t('visitors.block.add')} className="block-gap">
          <Form<Values> form={form} name="blocklist" layout="vertical" initialValues={{ documentType: 'resident_id' }} onFinish={(v) => add.mutate(v)}>
            <ErrorAlert error={add.error} form={form} />
            <Form.Item name="orgId" label={t('visitors.block.orgId')} rules={req}>
              <OrgTreeSelect permission={VP.blocklist} />
            </Form.Item>
            <Form.Item name="name" label={t('visitors.block.name')} rules={req}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="documentType" label={t('visitors.field.documentType')} rules={req}>
              <Select options={options(documentTypes, documentTypeLabel)} />
            </Form.Item>
            <Form.Item name="documentNumber" label={t('visitors.field.documentNumber')} rules={req}>
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
            <Form.Item name="reason" label={t('visitors.block.reason')} rules={req}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t('visitors.block.add')}
            </Button>
          </Form>
        </Card>
      )}
      <div className="table-card">
        <RegisterTable<BlocklistEntry, (typeof KEYS)[number]> queryKey={['blocklist']} path="/visitors/blocklist" params={params} columns={columns} label={t('visitors.block.title')} />
      </div>
      <ReasonModal
        open={!!withdrawing}
        title={t('visitors.block.withdrawTitle')}
        onCancel={() => setWithdrawing(null)}
        onSubmit={async (reason) => {
          await api.post(`/visitors/blocklist/${withdrawing!.id}/withdraw`, { reason, version: withdrawing!.version });
          setWithdrawing(null);
          await qc.invalidateQueries({ queryKey: ['blocklist'] });
        }}
      />
    </>
  );
}
