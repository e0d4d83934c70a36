// The equipment's page (EQP-01 … EQP-03), opened from its QR label on a phone: what it is and where,
// its status and expiry, the checks due now (recorded here: the daily check), reporting a fault with a
// photo, its fault tickets and its maintenance history; the A4 card, editing and withdrawal for managers.
import { EditOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Collapse, Descriptions, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { allows } from '../../app/permissions';
import { formatDateTime } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { StatusTag } from '../../components/StatusTag';
import { EquipmentStatusTag, ExpiryTag, FaultStatusTag } from './EquipmentTags';
import { FaultReportForm } from './FaultReportForm';
import { kindLabel, typeLabel } from './labels';
import { TaskForm } from './TaskForm';
import type { EquipmentDetail } from './types';

export default function EquipmentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [withdrawing, setWithdrawing] = useState(false);
  const q = useQuery({ queryKey: ['equipment', 'detail', id], queryFn: () => api.get<EquipmentDetail>(`/equipment/${id}`) });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const e = q.data;
  return (
    <>
      <PageHeader
        title={`${e.number} ${e.name}`}
        tags={<EquipmentStatusTag status={e.status} />}
        back={{ to: '/equipment', label: t('equipment.title') }}
        extra={
          <>
            {allows(e, 'print') && (
              <Button href={`/api/v1/equipment/${e.id}/print`} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />}>
                {t('equipment.print')}
              </Button>
            )}
            {allows(e, 'edit') && (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/equipment/${e.id}/edit`)}>
                {t('equipment.edit')}
              </Button>
            )}
            {allows(e, 'withdraw') && (
              <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setWithdrawing(true)}>
                {t('common.withdraw')}
              </Button>
            )}
          </>
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('equipment.info')} size="small">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('equipment.field.kind')}>{kindLabel(e.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.field.orgId')}>{e.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.field.siteId')}>{e.siteName ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.field.location')}>{e.location ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.field.model')}>{e.model ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.field.serialNo')}>{e.serialNo ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.field.installedOn')}>{e.installedOn ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('equipment.field.expiresOn')}>
              <Space size={4}>
                {e.expiresOn ?? ''}
                <ExpiryTag days={e.daysToExpiry} />
              </Space>
            </Descriptions.Item>
            {e.notes && <Descriptions.Item label={t('equipment.field.notes')}>{e.notes}</Descriptions.Item>}
            {e.withdrawnAt && <Descriptions.Item label={t('common.withdrawn')}>{e.withdrawnReason}</Descriptions.Item>}
          </Descriptions>
        </Card>
        <Card title={t('equipment.dueTasks')} size="small">
          {e.dueTasks.length === 0 ? (
            t('equipment.noDueTasks')
          ) : (
            <Collapse
              items={e.dueTasks.map((task) => ({
                key: task.id,
                label: (
                  <Space wrap size={4}>
                    {typeLabel(task.type)} · {t('maintenance.field.dueOn')} {task.dueOn}
                    {task.overdue && <StatusTag tone="error">{t('maintenance.overdue')}</StatusTag>}
                  </Space>
                ),
                children: allows(task, 'complete') ? <TaskForm task={task} onDone={() => void qc.invalidateQueries({ queryKey: ['equipment', 'detail', id] })} /> : `${t('maintenance.field.assignee')}：${task.assignee?.name ?? ''}`,
              }))}
            />
          )}
        </Card>
        {allows(e, 'reportFault') && (
          <Card title={t('equipment.reportFault')} size="small">
            <FaultReportForm equipmentId={e.id} />
          </Card>
        )}
        <Card title={t('equipment.faults')} size="small">
          {e.faults.length === 0 ? (
            t('equipment.noFaults')
          ) : (
          <List
            dataSource={e.faults}
            renderItem={(f) => (
              <List.Item>
                <Space wrap size={4}>
                  <Link to={`/equipment/faults/${f.id}`}>{f.number}</Link>
                  <FaultStatusTag status={f.status} />
                  {f.description}
                </Space>
              </List.Item>
            )}
          />
          )}
        </Card>
        <Card title={t('equipment.history')} size="small">
          {e.recentTasks.every((x) => x.status !== 'done') ? (
            t('common.none')
          ) : (
          <List
            dataSource={e.recentTasks.filter((x) => x.status === 'done')}
            renderItem={(x) => (
              <List.Item>
                <Space wrap size={4}>
                  {x.dueOn} · {typeLabel(x.type)} · {x.result === 'ok' ? t('equipment.resultOk') : t('equipment.resultFault')}
                  {x.readings && Object.entries(x.readings).map(([k, v]) => <Tag key={k}>{`${k}: ${String(v)}`}</Tag>)}
                  {x.note} · {x.completedBy?.name} {formatDateTime(x.completedAt)}
                </Space>
              </List.Item>
            )}
          />
          )}
        </Card>
      </Space>
      <ReasonModal
        open={withdrawing}
        title={t('equipment.withdrawTitle')}
        description={t('equipment.withdrawHint')}
        danger
        onCancel={() => setWithdrawing(false)}
        onSubmit={async (reason) => {
          await api.post(`/equipment/${e.id}/withdraw`, { reason, version: e.version });
          setWithdrawing(false);
          await qc.invalidateQueries({ queryKey: ['equipment'] });
        }}
      />
    </>
  );
}
