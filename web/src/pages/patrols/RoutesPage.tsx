// 巡逻路线 (PAT-01): routes with their ordered checkpoints and schedule; the QR label sheet to print.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { useListParams } from '../../components/useListParams';
import { label } from './labels';
import { PP } from './permissions';
import type { PatrolRoute } from './types';

const KEYS = ['orgId', 'q'] as const;

export default function RoutesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const params = useListParams(KEYS, { sort: 'name' });
  const columns: ColumnsType<PatrolRoute> = [
    { key: 'name', title: t('patrols.name'), sorter: true, render: (_, r) => <Link to={`/patrols/routes/${r.id}`}>{r.name}</Link> },
    { key: 'org', title: t('patrols.unit'), render: (_, r) => r.orgName },
    { key: 'checkpoints', title: t('patrols.checkpoints'), render: (_, r) => r.checkpoints.map((c) => c.name).join(' → ') },
    { key: 'schedule', title: t('patrols.scheduleTimes'), render: (_, r) => `${r.scheduleTimes.join('、')} (${r.scheduleDays.map((d) => label('weekday', d)).join(' ')})` },
  ];
  return (
    <>
      <PageHeader
        title={t('patrols.routes')}
        extra={
          hasPermission(me, PP.manage_routes) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/patrols/routes/new')}>
              {t('patrols.routeNew')}
            </Button>
          )
        }
      />
      <FilterBar<{ orgId?: string; q?: string }> name="routeFilters" values={params.filters} onSearch={(v) => params.setFilters({ orgId: v.orgId, q: v.q?.trim() })} onReset={() => params.setFilters({})}>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear />
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<PatrolRoute, (typeof KEYS)[number]> queryKey={['patrol-routes']} path="/patrol-routes" params={params} columns={columns} label={t('patrols.routes')} onRowClick={(r) => navigate(`/patrols/routes/${r.id}`)} />
      </div>
    </>
  );
}
