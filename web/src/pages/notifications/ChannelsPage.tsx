// 通知渠道 (system administrator): the delivery channels of the units in my scope — SMTP e-mail,
// WeCom and DingTalk group robots — created, changed and withdrawn here, each with "send test",
// which sends at once and shows what happened (sent, or the error the server got).
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Descriptions, Form, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { ChannelFormModal } from './ChannelFormModal';
import { DeliveryStatusTag } from './DeliveryStatusTag';
import { ruleKey } from './rules';
import { CHANNEL_KINDS, type Channel, type ChannelKind, type Delivery } from './types';
import { useQueryClient } from '@tanstack/react-query';

const FILTERS = ['orgId', 'kind', 'includeWithdrawn'] as const;
type Filters = { orgId?: string; kind?: ChannelKind; includeWithdrawn?: boolean };

function TestResult({ d }: { d: Delivery }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('common.status')}>
        <DeliveryStatusTag status={d.status} />
      </Descriptions.Item>
      <Descriptions.Item label={t('notificationDeliveries.field.recipient')}>{d.recipient ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('notificationDeliveries.field.attempts')}>{d.attempts}</Descriptions.Item>
      {d.sentAt && <Descriptions.Item label={t('notificationDeliveries.field.sentAt')}>{formatDateTime(d.sentAt)}</Descriptions.Item>}
      {d.lastError && <Descriptions.Item label={t('notificationDeliveries.field.lastError')}>{d.lastError}</Descriptions.Item>}
    </Descriptions>
  );
}

export default function ChannelsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const list = useListParams(FILTERS);
  const [editing, setEditing] = useState<Channel | null | 'new'>(null);
  const [withdrawing, setWithdrawing] = useState<Channel | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const f = list.filters;

  const sendTest = async (c: Channel) => {
    setTesting(c.id);
    try {
      const d = await api.post<Delivery>(`/notification-channels/${c.id}/test`);
      const ok = d.status === 'sent';
      (ok ? modal.success : modal.error)({ title: t(ok ? 'notificationChannels.testSent' : 'notificationChannels.testFailed', { name: c.name }), content: <TestResult d={d} />, okText: t('common.close') });
    } catch (e) {
      modal.error({ title: t('notificationChannels.testFailed', { name: c.name }), content: e instanceof Error ? e.message : String(e), okText: t('common.close') });
    } finally {
      setTesting(null);
      void qc.invalidateQueries({ queryKey: ['notification-deliveries'] });
    }
  };

  const columns: ColumnsType<Channel> = [
    { key: 'name', title: t('notificationChannels.field.name'), render: (_, c) => c.name },
    { key: 'kind', title: t('notificationChannels.field.kind'), render: (_, c) => t(`notificationChannels.kind.${c.kind}`) },
    { key: 'org', title: t('notificationChannels.field.orgId'), render: (_, c) => c.orgName },
    { key: 'rules', title: t('notificationChannels.field.rules'), render: (_, c) => (c.rules.length ? c.rules.map((r) => t(ruleKey(r) as never)).join(t('common.listSep')) : t('notificationChannels.allRules')) },
    {
      key: 'state',
      title: t('common.status'),
      render: (_, c) =>
        c.withdrawnAt ? (
          <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag>
        ) : c.enabled ? (
          <StatusTag tone="success">{t('notificationChannels.enabled')}</StatusTag>
        ) : (
          <StatusTag tone="warning">{t('notificationChannels.disabled')}</StatusTag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, c) =>
        c.withdrawnAt ? (
          <Link to={`/notification-deliveries?channelId=${c.id}`}>{t('notificationChannels.deliveries')}</Link>
        ) : (
          <Space wrap size={4}>
            <Button size="small" onClick={() => void sendTest(c)} loading={testing === c.id} aria-label={t('notificationChannels.testOf', { name: c.name })}>
              {t('notificationChannels.test')}
            </Button>
            <Button size="small" onClick={() => setEditing(c)} aria-label={t('notificationChannels.editOf', { name: c.name })}>
              {t('common.edit')}
            </Button>
            <Button size="small" danger onClick={() => setWithdrawing(c)} aria-label={t('notificationChannels.withdrawOf', { name: c.name })}>
              {t('common.withdraw')}
            </Button>
            <Link to={`/notification-deliveries?channelId=${c.id}`}>{t('notificationChannels.deliveries')}</Link>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notificationChannels.title')}
        extra={
          <>
            <Link to="/notification-deliveries">{t('notificationDeliveries.title')}</Link>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t('notificationChannels.create')}
            </Button>
          </>
        }
      />
      <FilterBar<Filters>
        name="channelFilters"
        values={{ orgId: f.orgId, kind: f.kind as ChannelKind | undefined, includeWithdrawn: f.includeWithdrawn === 'true' }}
        onSearch={(v) => list.setFilters({ orgId: v.orgId, kind: v.kind, includeWithdrawn: v.includeWithdrawn ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('notificationChannels.field.kind')}>
          <Select allowClear placeholder={t('common.all')} options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`notificationChannels.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="includeWithdrawn" valuePropName="checked" className="filter-check">
          <Checkbox>{t('common.includeWithdrawn')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<Channel, (typeof FILTERS)[number]> label={t('notificationChannels.title')} queryKey={['notification-channels']} path="/notification-channels" params={list} columns={columns} />
      </div>
      <ChannelFormModal open={editing !== null} channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <ReasonModal
        open={!!withdrawing}
        title={t('notificationChannels.withdrawTitle', { name: withdrawing?.name ?? '' })}
        okText={t('common.withdraw')}
        danger
        onCancel={() => setWithdrawing(null)}
        onSubmit={async (reason) => {
          await api.post(`/notification-channels/${withdrawing!.id}/withdraw`, { reason, version: withdrawing!.version });
          setWithdrawing(null);
          void message.success(t('notificationChannels.withdrawn'));
          await qc.invalidateQueries({ queryKey: ['notification-channels'] });
        }}
      />
    </>
  );
}
