// 班次 (DUT-01): the shift definitions of the units — name, start and end (a shift ending before it
// starts crosses midnight) — and defining a new one.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useFormMutation } from '../../components/useFormMutation';
import { DP } from './permissions';
import { DutyTabs } from './shared';
import type { Shift, ShiftList } from './types';
import './duty.css';

interface Values {
  orgId: string;
  name: string;
  startTime: string;
  endTime: string;
}

export default function ShiftsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: ['duty', 'shifts'], queryFn: () => api.get<ShiftList>('/duty-rosters/shifts') });
  const m = useFormMutation((v: Values) => api.create<Shift>('/duty-rosters/shifts', v), { form, invalidate: [['duty']], onSuccess: () => form.resetFields() });
  const columns: ColumnsType<Shift> = [
    { key: 'org', title: t('duty.field.unit'), render: (_, s) => s.orgName },
    { key: 'name', title: t('duty.field.shift'), render: (_, s) => s.name },
    { key: 'time', title: t('duty.field.time'), render: (_, s) => `${s.startTime}–${s.endTime}${s.crossesMidnight ? ` (${t('duty.shift.overnight')})` : ''}` },
  ];
  const hm = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('duty.shift.timeFormat') };
  return (
    <>
      <PageHeader title={t('duty.shift.title')} />
      <DutyTabs />
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<Shift> label={t('duty.shift.title')} rowKey="id" columns={columns} dataSource={q.data?.items ?? []} loading={q.isFetching} pagination={false} />
      </div>
      {hasPermission(me, DP.manage) && (
        <Card title={t('duty.shift.create')} className="duty-card">
          <Form form={form} layout="vertical" name="shift" onFinish={(v) => m.mutate(v)}>
            <Form.Item name="orgId" label={t('duty.field.unit')} rules={[{ required: true, message: t('duty.required') }]}>
              <OrgTreeSelect />
            </Form.Item>
            <Form.Item name="name" label={t('duty.field.shift')} rules={[{ required: true, whitespace: true, message: t('duty.required') }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="startTime" label={t('duty.shift.start')} rules={[{ required: true, message: t('duty.required') }, hm]}>
              <Input placeholder="08:00" />
            </Form.Item>
            <Form.Item name="endTime" label={t('duty.shift.end')} extra={t('duty.shift.endHint')} rules={[{ required: true, message: t('duty.required') }, hm]}>
              <Input placeholder="20:00" />
            </Form.Item>
            <ErrorAlert error={m.error} form={form} />
            <Button type="primary" htmlType="submit" loading={m.isPending}>
              {t('duty.shift.create')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
