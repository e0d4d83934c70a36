// 维护计划 (EQP-02): the plans (daily check, quarterly inspection, UPS test, air-conditioning readings)
// and a form to add one; its current tasks are created at once and by the sweep after that. A plan is
// changed (name, kinds, assignee, reminder, paused or active) or withdrawn; unit, item, cycle and start
// stay as created, since the tasks already made follow them.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { allows, hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { UserSelect } from '../../components/UserSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { equipmentKinds, kindLabel, maintenanceTypes, options, recurrenceLabel, recurrences, typeLabel } from './labels';
import { EP } from './permissions';
import type { EquipmentKind, MaintenancePlan, MaintenanceRecurrence, MaintenanceType } from './types';
import { orgToday } from '../../app/org-time';

interface Values {
  orgId: string;
  name: string;
  type: MaintenanceType;
  kinds?: EquipmentKind[];
  siteKind?: 'machine_room' | null;
  recurrence: MaintenanceRecurrence;
  assigneeId: string;
  remindDaysBefore?: number;
  startsOn: Dayjs;
  active?: boolean;
}

export default function PlansPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  /** 'new', the plan being changed, or null when the form is closed. */
  const [editing, setEditing] = useState<MaintenancePlan | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<MaintenancePlan | null>(null);
  const [form] = Form.useForm<Values>();
  const q = useQuery({ queryKey: ['maintenance', 'plans'], queryFn: () => api.get<PageOf<MaintenancePlan>>('/maintenance-plans', { pageSize: 200 }) });
  const plan = editing === 'new' ? null : editing;
  const save = useFormMutation(
    (v: Values) => {
      const common = { name: v.name.trim(), kinds: v.kinds ?? [], siteKind: v.siteKind ?? null, assigneeId: v.assigneeId, remindDaysBefore: v.remindDaysBefore };
      if (plan) return api.patch<MaintenancePlan>(`/maintenance-plans/${plan.id}`, { ...common, active: v.active ?? plan.active }, plan.version);
      return api.create<MaintenancePlan>('/maintenance-plans', { ...common, orgId: v.orgId, type: v.type, recurrence: v.recurrence, startsOn: v.startsOn.format('YYYY-MM-DD') });
    },
    {
      form,
      invalidate: [['maintenance'], ['equipment']],
      onSuccess: () => {
        void message.success(t(plan ? 'maintenance.planSaved' : 'maintenance.planCreated'));
        setEditing(null);
        form.resetFields();
      },
    },
  );
  const openForm = (p: MaintenancePlan | 'new') => {
    form.resetFields();
    if (p !== 'new') form.setFieldsValue({ name: p.name, orgId: p.orgId, type: p.type, kinds: p.kinds, siteKind: p.siteKind === 'machine_room' ? 'machine_room' : null, recurrence: p.recurrence, assigneeId: p.assignee?.id, remindDaysBefore: p.remindDaysBefore, startsOn: dayjs(p.startsOn), active: p.active });
    setEditing(p);
  };
  const columns: ColumnsType<MaintenancePlan> = [
    { key: 'name', title: t('maintenance.field.name'), render: (_, p) => p.name },
    { key: 'type', title: t('maintenance.field.type'), render: (_, p) => typeLabel(p.type) },
    { key: 'kinds', title: t('maintenance.field.kinds'), render: (_, p) => (p.kinds.length ? p.kinds.map(kindLabel).join(t('common.listSep')) : t('common.all')) },
    { key: 'recurrence', title: t('maintenance.field.recurrence'), render: (_, p) => recurrenceLabel(p.recurrence) },
    { key: 'org', title: t('equipment.field.orgId'), render: (_, p) => p.orgName },
    { key: 'assignee', title: t('maintenance.field.assignee'), render: (_, p) => p.assignee?.name ?? '' },
    { key: 'startsOn', title: t('maintenance.field.startsOn'), render: (_, p) => p.startsOn },
    { key: 'active', title: t('common.status'), render: (_, p) => (p.active ? t('maintenance.active') : t('maintenance.paused')) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, p) => (
        <Space size={0} wrap>
          {allows(p, 'edit') && (
            <Button type="link" onClick={() => openForm(p)} aria-label={t('maintenance.editPlanOf', { name: p.name })}>
              {t('equipment.edit')}
            </Button>
          )}
          {allows(p, 'withdraw') && (
            <Button type="link" danger onClick={() => setWithdrawing(p)} aria-label={t('maintenance.withdrawPlanOf', { name: p.name })}>
              {t('common.withdraw')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('maintenance.plansTitle')}
        back={{ to: '/equipment/tasks', label: t('maintenance.tasksTitle') }}
        extra={
          hasPermission(me, EP.plan) && (
            <Button type="primary" onClick={() => openForm('new')}>
              {t('maintenance.newPlan')}
            </Button>
          )
        }
      />
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<MaintenancePlan> label={t('maintenance.plansTitle')} rowKey="id" columns={columns} dataSource={q.data?.items ?? []} loading={q.isFetching} pagination={false} scroll={{ x: true }} />
      </div>
      <Modal open={editing !== null} title={plan ? t('maintenance.editPlan', { name: plan.name }) : t('maintenance.newPlan')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} forceRender>
        <ErrorAlert error={save.error} form={form} />
        <Form<Values> form={form} layout="vertical" name="planCreate" initialValues={{ remindDaysBefore: 1, startsOn: orgToday(), recurrence: 'daily', type: 'daily_check' }} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('maintenance.field.name')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="orgId" label={t('equipment.field.orgId')} rules={[{ required: true }]}>
            <OrgTreeSelect permission={EP.plan} allowClear={false} disabled={!!plan} />
          </Form.Item>
          <Form.Item name="type" label={t('maintenance.field.type')} rules={[{ required: true }]}>
            <Select options={options(maintenanceTypes, typeLabel)} disabled={!!plan} />
          </Form.Item>
          <Form.Item name="kinds" label={t('maintenance.field.kinds')}>
            <Select mode="multiple" allowClear options={options(equipmentKinds, kindLabel)} />
          </Form.Item>
          <Form.Item name="siteKind" label={t('maintenance.field.siteKind')}>
            <Select allowClear options={[{ value: 'machine_room', label: t('siteKind.machine_room') }]} />
          </Form.Item>
          <Form.Item name="recurrence" label={t('maintenance.field.recurrence')} rules={[{ required: true }]}>
            <Select options={options(recurrences, recurrenceLabel)} disabled={!!plan} />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('maintenance.field.assigneeId')} rules={[{ required: true }]}>
            <UserSelect activeOnly />
          </Form.Item>
          <Form.Item name="remindDaysBefore" label={t('maintenance.field.remindDaysBefore')}>
            <InputNumber min={0} max={60} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="startsOn" label={t('maintenance.field.startsOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabled={!!plan} />
          </Form.Item>
          {plan && (
            <Form.Item name="active" label={t('maintenance.field.active')} valuePropName="checked" extra={t('maintenance.activeHint')}>
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <ReasonModal
        open={!!withdrawing}
        title={t('maintenance.withdrawPlan', { name: withdrawing?.name ?? '' })}
        description={t('maintenance.withdrawPlanHint')}
        danger
        onCancel={() => setWithdrawing(null)}
        onSubmit={async (reason) => {
          await api.post(`/maintenance-plans/${withdrawing!.id}/withdraw`, { reason, version: withdrawing!.version });
          setWithdrawing(null);
          void message.success(t('maintenance.planWithdrawn'));
          await qc.invalidateQueries({ queryKey: ['maintenance'] });
        }}
      />
    </>
  );
}
