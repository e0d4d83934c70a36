// One key set (VIS-04): holders, loss and lock change, the handovers with both signatures (the giver
// records, the receiver confirms with their password), the buttons its allowedActions give, history.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RecordTimeline } from '../../components/RecordTimeline';
import { UserSelect } from '../../components/UserSelect';
import { StepDialog } from '../hazards/StepDialog';
import { KeyStatusTag } from './KeysPage';
import type { KeySetDetail } from './types';

type Dialog = 'handover' | 'confirm' | 'declare_loss' | 'lock_change' | 'withdraw';

export default function KeyDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['keys', 'one', id], queryFn: () => api.get<KeySetDetail>(`/keys/${id}`) });
  const [open, setOpen] = useState<Dialog | null>(null);
  const [handoverId, setHandoverId] = useState<string | null>(null);
  const [handoverForm] = Form.useForm<{ toUserId: string; note?: string }>();
  const [confirmForm] = Form.useForm<{ password: string }>();
  const [noteForm] = Form.useForm<{ note: string }>();
  const back = { to: '/visitors/keys', label: t('visitors.keys.title') };
  const refresh = () => Promise.all([['keys'], ['history'], ['dashboard'], ['notifications']].map((queryKey) => qc.invalidateQueries({ queryKey })));
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('visitors.keys.title')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const k = q.data;
  const done = async () => {
    setOpen(null);
    await refresh();
  };
  const common = { onCancel: () => setOpen(null), onReload: () => void done() };
  const req = [{ required: true, message: t('validation.required') }];
  const button = (a: Dialog, primary = false) =>
    allows(k, a) && (
      <Button key={a} type={primary ? 'primary' : 'default'} danger={a === 'withdraw'} onClick={() => setOpen(a)}>
        {t(`visitors.keys.action.${a}`)}
      </Button>
    );
  return (
    <>
      <PageHeader
        title={`${k.siteName} · ${k.description}`}
        back={back}
        tags={<KeyStatusTag k={k} />}
        extra={
          <Space wrap>
            {button('handover', true)}
            {button('declare_loss')}
            {button('lock_change', true)}
            {button('withdraw')}
          </Space>
        }
      />
      {k.status === 'lost' && <Alert className="block-gap" type="warning" showIcon title={t('visitors.keys.lostWarning')} />}
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('visitors.keys.site')}>{`${k.siteName} · ${k.orgName}`}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.keys.copies')}>{k.copies}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.keys.holders')}>{k.holders.map((h) => h.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.keys.lostAt')}>{k.lostAt ? `${formatDateTime(k.lostAt)} · ${k.lostBy?.name ?? ''} · ${k.lossNote ?? ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('visitors.keys.lockChangedAt')}>{k.lockChangedAt ? `${formatDateTime(k.lockChangedAt)} · ${k.lockChangedBy?.name ?? ''} · ${k.lockChangeNote ?? ''}` : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('visitors.keys.handovers')} className="block-gap">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={k.handovers}
          columns={[
            { key: 'from', title: t('visitors.keys.from'), render: (_, h) => h.from?.name },
            { key: 'to', title: t('visitors.keys.to'), render: (_, h) => h.to?.name },
            { key: 'givenAt', title: t('visitors.keys.givenAt'), render: (_, h) => formatDateTime(h.givenAt) },
            { key: 'status', title: t('common.status'), render: (_, h) => t(`visitors.keys.handoverStatus.${h.status}`) },
            { key: 'confirmedAt', title: t('visitors.keys.confirmedAt'), render: (_, h) => formatDateTime(h.confirmedAt) },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, h) =>
                h.allowedActions.includes('confirm') ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setHandoverId(h.id);
                      setOpen('confirm');
                    }}
                  >
                    {t('visitors.keys.action.confirm')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={t('visitors.history')} className="block-gap">
        <RecordTimeline path={`/keys/${k.id}/history`} />
      </Card>
      <StepDialog open={open === 'handover'} name="key-handover" title={t('visitors.keys.handoverTitle')} form={handoverForm} onSubmit={async (v) => { await api.post(`/keys/${k.id}/handovers`, { toUserId: v.toUserId, note: v.note || null }); await done(); }} {...common}>
        <Form.Item name="toUserId" label={t('visitors.keys.toUserId')} rules={req}>
          <UserSelect activeOnly />
        </Form.Item>
        <Form.Item name="note" label={t('visitors.keys.note')}>
          <Input.TextArea maxLength={1000} />
        </Form.Item>
      </StepDialog>
      <StepDialog open={open === 'confirm'} name="key-confirm" title={t('visitors.keys.confirmTitle')} description={t('visitors.keys.confirmHint')} form={confirmForm} onSubmit={async (v) => { await api.post(`/keys/${k.id}/handovers/${handoverId}/confirm`, v); confirmForm.resetFields(); await done(); }} {...common}>
        <Form.Item name="password" label={t('visitors.keys.password')} rules={req}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </StepDialog>
      {(['declare_loss', 'lock_change'] as const).map((a) => (
        <StepDialog key={a} open={open === a} name={`key-${a}`} title={t(a === 'declare_loss' ? 'visitors.keys.lossTitle' : 'visitors.keys.lockChangeTitle')} form={noteForm} onSubmit={async (v) => { await api.post(`/keys/${k.id}/${a === 'declare_loss' ? 'loss' : 'lock-change'}`, { note: v.note, version: k.version }); noteForm.resetFields(); await done(); }} {...common}>
          <Form.Item name="note" label={t('visitors.keys.note')} rules={req}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        </StepDialog>
      ))}
      <ReasonModal open={open === 'withdraw'} title={t('visitors.keys.withdrawTitle')} danger onCancel={() => setOpen(null)} onSubmit={async (reason) => { await api.post(`/keys/${k.id}/withdraw`, { reason, version: k.version }); await done(); }} />
    </>
  );
}
