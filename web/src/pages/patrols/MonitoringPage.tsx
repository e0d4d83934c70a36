// 监控室值班记录 (PAT-03): viewing shifts, events seen on camera, recordings archived; each event's
// footage shows whether it is archived, still in the recorder's retention window, or lost (neither).
// New entries from a form above the register; a shift is ended from its row.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { allows, hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { useListParams } from '../../components/useListParams';
import { ARCHIVE_STATES, MEDIA, MONITORING_KINDS, label, options } from './labels';
import { PP } from './permissions';
import { ExportButton } from './shared';
import type { MonitoringLog } from './types';

const KEYS = ['orgId', 'kind', 'archiveState', 'q'] as const;
const TONE = { not_needed: 'neutral', archived: 'success', in_retention: 'warning', lost: 'error' } as const;

interface NewValues {
  orgId: string;
  kind: 'shift' | 'event' | 'archive';
  period: [Dayjs | null, Dayjs | null];
  camera?: string;
  description?: string;
  actionTaken?: string;
  medium?: string;
  storageRef?: string;
}

function NewEntry() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewValues>();
  const kind = Form.useWatch('kind', form) ?? 'shift';
  const save = useFormMutation(
    (v: NewValues) =>
      api.create<MonitoringLog>('/monitoring-logs', {
        orgId: v.orgId,
        kind: v.kind,
        fromAt: v.period?.[0]?.toISOString(),
        toAt: v.period?.[1]?.toISOString() ?? null,
        camera: v.camera?.trim() || null,
        description: v.description?.trim() || null,
        actionTaken: v.actionTaken?.trim() || null,
        medium: v.kind === 'archive' ? (v.medium ?? null) : null,
        storageRef: v.kind === 'archive' ? v.storageRef?.trim() || null : null,
      }),
    { form, invalidate: [['monitoring-logs']], onSuccess: () => { void message.success(t('patrols.logSaved')); form.resetFields(['camera', 'description', 'actionTaken', 'storageRef']); } },
  );
  return (
    <Card size="small" title={t('patrols.logNew')} style={{ marginBottom: 12 }}>
      <ErrorAlert error={save.error} form={form} />
      <Form<NewValues> form={form} name="monitoringLog" layout="vertical" initialValues={{ kind: 'shift' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgId" label={t('patrols.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect permission={PP.monitor} allowClear={false} />
        </Form.Item>
        <Form.Item name="kind" label={t('patrols.kind')}>
          <Select options={options(MONITORING_KINDS, 'kindLabel')} />
        </Form.Item>
        <Form.Item name="period" label={`${t('patrols.from')} / ${t('patrols.to')}`} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime allowEmpty={[false, kind === 'shift' || kind === 'event']} style={{ width: '100%' }} />
        </Form.Item>
        {kind !== 'shift' && (
          <Form.Item name="description" label={t('patrols.seen')} rules={kind === 'event' ? [{ required: true, whitespace: true }] : []}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
        {kind === 'event' && (
          <>
            <Form.Item name="camera" label={t('patrols.camera')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="actionTaken" label={t('patrols.actionTaken')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
        {kind === 'archive' && (
          <>
            <Form.Item name="medium" label={t('patrols.medium')} rules={[{ required: true }]}>
              <Select options={options(MEDIA, 'mediumLabel')} />
            </Form.Item>
            <Form.Item name="storageRef" label={t('patrols.storageRef')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('patrols.save')}
        </Button>
      </Form>
    </Card>
  );
}

export default function MonitoringPage() {
  const { t } = useTranslation();
  const me = useSession();
  const qc = useQueryClient();
  const params = useListParams(KEYS, { sort: '-fromAt' });
  const f = params.filters;
  const [error, setError] = useState<unknown>(null);
  const endShift = async (m: MonitoringLog) => {
    setError(null);
    try {
      await api.post(`/monitoring-logs/${m.id}/end-shift`, { version: m.version });
      await qc.invalidateQueries({ queryKey: ['monitoring-logs'] });
    } catch (e) {
      setError(e);
    }
  };
  const columns: ColumnsType<MonitoringLog> = [
    { key: 'fromAt', title: t('patrols.from'), sorter: true, render: (_, m) => formatDateTime(m.fromAt) },
    { key: 'toAt', title: t('patrols.to'), render: (_, m) => (m.toAt ? formatDateTime(m.toAt) : allows(m, 'endShift') ? <Button size="small" onClick={() => void endShift(m)}>{t('patrols.endShift')}</Button> : '') },
    { key: 'kind', title: t('patrols.kind'), render: (_, m) => label('kindLabel', m.kind) },
    { key: 'unit', title: t('patrols.unit'), render: (_, m) => (m.siteName ? `${m.orgName} · ${m.siteName}` : m.orgName) },
    { key: 'person', title: t('patrols.person'), render: (_, m) => m.person?.name ?? '' },
    { key: 'what', title: t('patrols.seen'), render: (_, m) => [m.camera, m.description, m.actionTaken, m.medium ? label('mediumLabel', m.medium) : null, m.storageRef].filter(Boolean).join(' · ') },
    { key: 'archive', title: t('patrols.archiveState'), render: (_, m) => (m.kind === 'event' ? <StatusTag tone={TONE[m.archiveState]}>{label('archiveLabel', m.archiveState)}</StatusTag> : '') },
  ];
  return (
    <>
      <PageHeader title={t('patrols.monitoring')} extra={hasPermission(me, PP.export) && <ExportButton path="/monitoring-logs/export.xlsx" query={{ ...f, sort: params.sort }} name="monitoring-log.xlsx" />} />
      {hasPermission(me, PP.monitor) && <NewEntry />}
      <ErrorAlert error={error} />
      <FilterBar<{ orgId?: string; kind?: string; archiveState?: string; q?: string }> name="monitoringFilters" values={f} onSearch={(v) => params.setFilters({ orgId: v.orgId, kind: v.kind, archiveState: v.archiveState, q: v.q?.trim() })} onReset={() => params.setFilters({})}>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('patrols.kind')}>
          <Select allowClear placeholder={t('common.all')} options={options(MONITORING_KINDS, 'kindLabel')} />
        </Form.Item>
        <Form.Item name="archiveState" label={t('patrols.archiveState')}>
          <Select allowClear placeholder={t('common.all')} options={options(ARCHIVE_STATES, 'archiveLabel')} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear />
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<MonitoringLog, (typeof KEYS)[number]> queryKey={['monitoring-logs']} path="/monitoring-logs" params={params} columns={columns} label={t('patrols.monitoring')} />
      </div>
    </>
  );
}
