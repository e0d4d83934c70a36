// 安防设施台账 (EQP-01, EQP-04): the register with its filters in the address bar (kind, status, unit,
// text, expiring within N days, expired, maintenance overdue), Excel export and the QR label sheet of
// exactly what is filtered, and the button to register equipment. Rows open the equipment's page.
import { DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, download } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { EquipmentStatusTag, ExpiryTag } from './EquipmentTags';
import { equipmentKinds, equipmentStatuses, kindLabel, options, statusLabel } from './labels';
import { EP } from './permissions';
import type { Equipment, EquipmentKind, EquipmentStatus } from './types';

interface FormValues {
  kind?: EquipmentKind[];
  status?: EquipmentStatus[];
  orgId?: string;
  q?: string;
  expiringWithin?: number | null;
  expired?: boolean;
  maintenanceOverdue?: boolean;
}

const MULTI = ['kind', 'status'] as const;
const SINGLE = ['orgId', 'siteId', 'q', 'expiringWithin', 'expired', 'maintenanceOverdue', 'includeWithdrawn'] as const;

export default function EquipmentPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const [exportError, setExportError] = useState<unknown>(null);
  const filter = new URLSearchParams();
  for (const k of MULTI) for (const v of sp.getAll(k)) filter.append(k, v);
  for (const k of SINGLE) if (sp.get(k)) filter.set(k, sp.get(k)!);
  const page = Number(sp.get('page')) || 1;
  const pageSize = Number(sp.get('pageSize')) || 20;
  const listQs = new URLSearchParams(filter);
  listQs.set('page', String(page));
  listQs.set('pageSize', String(pageSize));
  const q = useQuery({ queryKey: ['equipment', 'list', listQs.toString()], queryFn: () => api.get<PageOf<Equipment>>(`/equipment?${listQs.toString()}`), placeholderData: keepPreviousData });

  const onSearch = (v: FormValues) => {
    const next = new URLSearchParams();
    for (const k of v.kind ?? []) next.append('kind', k);
    for (const s of v.status ?? []) next.append('status', s);
    if (v.orgId) next.set('orgId', v.orgId);
    if (v.q?.trim()) next.set('q', v.q.trim());
    if (v.expiringWithin !== undefined && v.expiringWithin !== null) next.set('expiringWithin', String(v.expiringWithin));
    if (v.expired) next.set('expired', 'true');
    if (v.maintenanceOverdue) next.set('maintenanceOverdue', 'true');
    setSp(next);
  };

  const exportXlsx = async () => {
    setExportError(null);
    try {
      await download(`/equipment/export.xlsx?${filter.toString()}`, {}, 'equipment.xlsx');
      void message.success(t('equipment.exported'));
    } catch (e) {
      setExportError(e);
    }
  };

  const columns: ColumnsType<Equipment> = [
    { key: 'number', title: t('equipment.field.number'), render: (_, e) => <Link to={`/equipment/${e.id}`}>{e.number}</Link> },
    { key: 'name', title: t('equipment.field.name'), render: (_, e) => e.name },
    { key: 'kind', title: t('equipment.field.kind'), render: (_, e) => kindLabel(e.kind) },
    { key: 'status', title: t('common.status'), render: (_, e) => <EquipmentStatusTag status={e.status} /> },
    { key: 'org', title: t('equipment.field.orgId'), render: (_, e) => (e.siteName ? `${e.orgName} · ${e.siteName}` : e.orgName) },
    { key: 'model', title: t('equipment.field.model'), render: (_, e) => e.model },
    {
      key: 'expiresOn',
      title: t('equipment.field.expiresOn'),
      render: (_, e) => (
        <Space size={4} wrap>
          {e.expiresOn ?? ''}
          <ExpiryTag days={e.daysToExpiry} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('equipment.title')}
        extra={
          <>
            {hasPermission(me, EP.manage) && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/equipment/new')}>
                {t('equipment.register')}
              </Button>
            )}
            {hasPermission(me, EP.export) && (
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportXlsx()}>
                {t('equipment.export')}
              </Button>
            )}
            <Button href={`/api/v1/equipment/labels?${filter.toString()}`} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />}>
              {t('equipment.labels')}
            </Button>
          </>
        }
      />
      <FilterBar<FormValues>
        name="equipmentFilters"
        values={{
          kind: sp.getAll('kind') as EquipmentKind[],
          status: sp.getAll('status') as EquipmentStatus[],
          orgId: sp.get('orgId') ?? undefined,
          q: sp.get('q') ?? undefined,
          expiringWithin: sp.get('expiringWithin') ? Number(sp.get('expiringWithin')) : undefined,
          expired: sp.get('expired') === 'true',
          maintenanceOverdue: sp.get('maintenanceOverdue') === 'true',
        }}
        onSearch={onSearch}
        onReset={() => setSp(new URLSearchParams())}
      >
        <Form.Item name="kind" label={t('equipment.field.kind')}>
          <Select mode="multiple" allowClear placeholder={t('common.all')} options={options(equipmentKinds, kindLabel)} />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select mode="multiple" allowClear placeholder={t('common.all')} options={options(equipmentStatuses, statusLabel)} />
        </Form.Item>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear placeholder={t('equipment.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="expiringWithin" label={t('equipment.expiringWithin')}>
          <InputNumber min={0} max={3650} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="expired" valuePropName="checked" className="filter-check">
          <Checkbox>{t('equipment.expired')}</Checkbox>
        </Form.Item>
        <Form.Item name="maintenanceOverdue" valuePropName="checked" className="filter-check">
          <Checkbox>{t('equipment.maintenanceOverdue')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={exportError ?? q.error} />
      <div className="table-card">
        <DataTable<Equipment>
          label={t('equipment.title')}
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          rowClassName={() => 'clickable-row'}
          onRow={(e) => ({ onClick: (ev) => (ev.target as HTMLElement).closest('a,button') || navigate(`/equipment/${e.id}`) })}
          onChange={(p) => {
            const next = new URLSearchParams(filter);
            next.set('page', String(p.current ?? 1));
            next.set('pageSize', String(p.pageSize ?? 20));
            setSp(next);
          }}
          pagination={{ current: page, pageSize, total: q.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.totalItems', { count: total }) }}
          scroll={{ x: true }}
        />
      </div>
    </>
  );
}
