// 检查维护任务 (EQP-02): due, overdue and done tasks (the dashboard's "maintenance overdue" opens
// ?overdue=true); a due task opens its equipment's page, where it is recorded.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/StatusTag';
import { maintenanceTypes, options, typeLabel } from './labels';
import { EP } from './permissions';
import type { MaintenanceTask, MaintenanceType } from './types';

interface FormValues {
  orgId?: string;
  type?: MaintenanceType;
  overdue?: boolean;
  due?: boolean;
}

export default function TasksPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const qs = new URLSearchParams(sp);
  if (!qs.get('pageSize')) qs.set('pageSize', '20');
  const q = useQuery({ queryKey: ['maintenance', 'tasks', qs.toString()], queryFn: () => api.get<PageOf<MaintenanceTask>>(`/maintenance-tasks?${qs.toString()}`), placeholderData: keepPreviousData });
  const columns: ColumnsType<MaintenanceTask> = [
    { key: 'dueOn', title: t('maintenance.field.dueOn'), render: (_, x) => x.dueOn },
    { key: 'equipment', title: t('maintenance.field.equipment'), render: (_, x) => <Link to={`/equipment/${x.equipmentId}`}>{`${x.equipmentNumber} ${x.equipmentName}`}</Link> },
    { key: 'type', title: t('maintenance.field.type'), render: (_, x) => typeLabel(x.type) },
    { key: 'status', title: t('common.status'), render: (_, x) => (x.overdue ? <StatusTag tone="error">{t('maintenance.overdue')}</StatusTag> : x.status === 'done' ? <StatusTag tone="success">{t('maintenance.done')}</StatusTag> : <StatusTag tone="info">{t('maintenance.due')}</StatusTag>) },
    { key: 'org', title: t('equipment.field.orgId'), render: (_, x) => x.orgName },
    { key: 'assignee', title: t('maintenance.field.assignee'), render: (_, x) => x.assignee?.name ?? '' },
    { key: 'completedBy', title: t('maintenance.field.completedBy'), render: (_, x) => (x.completedBy ? `${x.completedBy.name} ${formatDateTime(x.completedAt)}` : '') },
  ];
  return (
    <>
      <PageHeader title={t('maintenance.tasksTitle')} extra={hasPermission(me, EP.read) && <Link to="/equipment/plans">{t('maintenance.plansTitle')}</Link>} />
      <FilterBar<FormValues>
        name="taskFilters"
        values={{ orgId: sp.get('orgId') ?? undefined, type: (sp.get('type') as MaintenanceType) ?? undefined, overdue: sp.get('overdue') === 'true', due: sp.get('status') === 'due' }}
        onSearch={(v) => {
          const next = new URLSearchParams();
          if (v.orgId) next.set('orgId', v.orgId);
          if (v.type) next.set('type', v.type);
          if (v.overdue) next.set('overdue', 'true');
          if (v.due) next.set('status', 'due');
          setSp(next);
        }}
        onReset={() => setSp(new URLSearchParams())}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="type" label={t('maintenance.field.type')}>
          <Select allowClear placeholder={t('common.all')} options={options(maintenanceTypes, typeLabel)} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked" className="filter-check">
          <Checkbox>{t('maintenance.onlyOverdue')}</Checkbox>
        </Form.Item>
        <Form.Item name="due" valuePropName="checked" className="filter-check">
          <Checkbox>{t('maintenance.onlyDue')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<MaintenanceTask>
          label={t('maintenance.tasksTitle')}
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          rowClassName={() => 'clickable-row'}
          onRow={(x) => ({ onClick: (e) => (e.target as HTMLElement).closest('a,button') || navigate(`/equipment/${x.equipmentId}`) })}
          onChange={(p) => {
            const next = new URLSearchParams(sp);
            next.set('page', String(p.current ?? 1));
            next.set('pageSize', String(p.pageSize ?? 20));
            setSp(next);
          }}
          pagination={{ current: Number(sp.get('page')) || 1, pageSize: Number(sp.get('pageSize')) || 20, total: q.data?.total ?? 0, showTotal: (total) => t('common.totalItems', { count: total }) }}
          scroll={{ x: true }}
        />
      </div>
    </>
  );
}
