// 巡逻记录 (PAT-01, PAT-02): the patrol register — filters in the address bar (the dashboard tiles link
// here with today=true&outcome=…), Excel export of exactly what is filtered.
import { Checkbox, DatePicker, Form, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { useListParams } from '../../components/useListParams';
import { OUTCOMES, options } from './labels';
import { PP } from './permissions';
import { ExportButton, PatrolStatusTag } from './shared';
import type { Patrol } from './types';

const KEYS = ['orgId', 'routeId', 'outcome', 'today', 'dayFrom', 'dayTo', 'mine', 'guardId'] as const;
interface Values {
  orgId?: string;
  outcome?: string;
  today?: boolean;
  days?: [Dayjs | null, Dayjs | null] | null;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export default function PatrolsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const params = useListParams(KEYS, { sort: '-day' });
  const f = params.filters;
  const columns: ColumnsType<Patrol> = [
    { key: 'day', title: t('patrols.day'), sorter: true, render: (_, p) => <Link to={`/patrols/${p.id}`}>{p.day}</Link> },
    { key: 'route', title: t('patrols.route'), render: (_, p) => `${p.orgName} · ${p.routeName}` },
    { key: 'scheduledAt', title: t('patrols.scheduledAt'), sorter: true, render: (_, p) => (p.scheduledAt ? formatDateTime(p.scheduledAt) : t('patrols.unscheduled')) },
    { key: 'status', title: t('patrols.status'), render: (_, p) => <PatrolStatusTag p={p} /> },
    { key: 'guard', title: t('patrols.guard'), render: (_, p) => p.guard?.name ?? '' },
    { key: 'startedAt', title: t('patrols.startedAt'), sorter: true, render: (_, p) => formatDateTime(p.startedAt) },
    { key: 'result', title: t('patrols.result'), render: (_, p) => (p.status === 'completed' ? t('patrols.resultText', { missed: p.missedCount, late: p.lateCount, flags: p.flagCount }) : '') },
  ];
  return (
    <>
      <PageHeader
        title={t('patrols.title')}
        extra={
          <>
            <Link to="/patrols/mine">{t('patrols.mine')}</Link>
            {hasPermission(me, PP.export) && <ExportButton path="/patrols/export.xlsx" query={{ ...f, sort: params.sort }} name="patrols.xlsx" />}
          </>
        }
      />
      <FilterBar<Values>
        name="patrolFilters"
        values={{ orgId: f.orgId, outcome: f.outcome, today: f.today === 'true', days: f.dayFrom || f.dayTo ? [f.dayFrom ? dayjs(f.dayFrom) : null, f.dayTo ? dayjs(f.dayTo) : null] : undefined }}
        onSearch={(v) => params.setFilters({ routeId: f.routeId, mine: f.mine, guardId: f.guardId, orgId: v.orgId, outcome: v.outcome, today: v.today ? 'true' : undefined, dayFrom: day(v.days?.[0]), dayTo: day(v.days?.[1]) })}
        onReset={() => params.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="outcome" label={t('patrols.outcome')}>
          <Select allowClear placeholder={t('common.all')} options={options(OUTCOMES, 'outcomeLabel')} />
        </Form.Item>
        <Form.Item name="days" label={t('patrols.day')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="today" valuePropName="checked" className="filter-check">
          <Checkbox>{t('patrols.today')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<Patrol, (typeof KEYS)[number]> queryKey={['patrols']} path="/patrols" params={params} columns={columns} label={t('patrols.title')} onRowClick={(p) => navigate(`/patrols/${p.id}`)} />
      </div>
    </>
  );
}
