// One handover (DUT-03): the outgoing officer's note and items, the items carried over from earlier
// handovers, closing an item (who and when recorded), the incoming officer's confirmation with their
// password (not by the outgoing officer), the A4 print and the history.
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { DutyTabs, HandoverStatusTag } from './shared';
import type { HandoverDetail, OpenItem } from './types';
import './duty.css';

function Items({ h, items }: { h: HandoverDetail; items: OpenItem[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const close = async (itemId: string) => {
    setError(null);
    try {
      await api.post(`/handovers/${h.id}/items/${itemId}/close`, {});
      await qc.invalidateQueries({ queryKey: ['duty'] });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <ErrorAlert error={error} />
      <List
        locale={{ emptyText: t('duty.handover.noItems') }}
        dataSource={items}
        renderItem={(i) => (
          <List.Item actions={i.closedAt ? [] : [<Button key="c" size="small" onClick={() => void close(i.id)}>{t('duty.handover.closeItem')}</Button>]}>
            <Space direction="vertical">
              <span>
                {i.text} {i.hazardId && <Link to={`/hazards/${i.hazardId}`}>{t('duty.handover.hazardLink')}</Link>}
              </span>
              <Typography.Text type="secondary">
                {i.raisedBy.name} {formatDateTime(i.raisedAt)}
              </Typography.Text>
              {i.closedAt ? (
                <StatusTag tone="success">{t('duty.handover.closedBy', { name: i.closedBy?.name ?? '', at: formatDateTime(i.closedAt) })}</StatusTag>
              ) : (
                <StatusTag tone="warning">{t('duty.handover.open')}</StatusTag>
              )}
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

function ConfirmDialog({ h, open, onClose }: { h: HandoverDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const m = useFormMutation((v: { password: string }) => api.post<HandoverDetail>(`/handovers/${h.id}/confirm`, { password: v.password, version: h.version }), { form, invalidate: [['duty']], onSuccess: onClose });
  return (
    <Modal open={open} title={t('duty.handover.confirm')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: m.isPending }} destroyOnHidden>
      <Typography.Paragraph>{t('duty.handover.confirmHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="confirmHandover" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="password" label={t('duty.handover.password')} rules={[{ required: true, message: t('duty.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <ErrorAlert error={m.error} form={form} />
      </Form>
    </Modal>
  );
}

export default function HandoverDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [confirming, setConfirming] = useState(false);
  const q = useQuery({ queryKey: ['duty', 'handover', id], queryFn: () => api.get<HandoverDetail>(`/handovers/${id}`) });
  const h = q.data;
  return (
    <>
      <PageHeader
        title={h ? `${t('duty.handover.one')} ${h.dutyDate} ${h.shiftName}` : t('duty.handover.one')}
        tags={h && <HandoverStatusTag h={h} />}
        back={{ to: '/duty/handovers', label: t('duty.handover.title') }}
        extra={
          h && (
            <>
              {allows(h, 'confirm') && (
                <Button type="primary" onClick={() => setConfirming(true)}>
                  {t('duty.handover.confirm')}
                </Button>
              )}
              <Button href={`/api/v1/handovers/${h.id}/print`} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />}>
                {t('duty.print.handover')}
              </Button>
            </>
          )
        }
      />
      <DutyTabs />
      <ErrorAlert error={q.error} />
      {h && (
        <>
          <Descriptions bordered column={1} size="small" className="duty-card">
            <Descriptions.Item label={t('duty.field.shift')}>
              <Link to={`/duty/rosters/${h.assignmentId}`}>{`${h.orgName} · ${h.dutyDate} ${h.shiftName}`}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.handover.outgoing')}>{`${h.outgoing.name} ${formatDateTime(h.submittedAt)}`}</Descriptions.Item>
            <Descriptions.Item label={t('duty.handover.incoming')}>{h.incoming ? `${h.incoming.name} ${formatDateTime(h.confirmedAt)}` : t('duty.handover.waiting')}</Descriptions.Item>
            <Descriptions.Item label={t('duty.handover.note')}>{h.note ?? ''}</Descriptions.Item>
          </Descriptions>
          <Card className="duty-card" title={t('duty.handover.newItems')}>
            <Items h={h} items={h.items} />
          </Card>
          <Card className="duty-card" title={t('duty.handover.carried')}>
            <Items h={h} items={h.carried} />
          </Card>
          <Card className="duty-card" title={t('duty.history')}>
            <RecordTimeline path={`/handovers/${h.id}/history`} />
          </Card>
          <ConfirmDialog h={h} open={confirming} onClose={() => setConfirming(false)} />
        </>
      )}
    </>
  );
}
