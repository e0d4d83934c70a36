// 检查统计 (INS-05): for a period and a unit subtree, inspections due, done and overdue per inspected
// unit with the coverage, the failed items by hazard category, and the units with the most findings.
// Counts link to the inspection list with matching filters. The period and unit live in the address
// bar, so a summary can be linked to.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Statistic } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { categoryLabel } from './labels';
import type { InspectionSummary } from './types';
import './inspections.css';
import { orgToday } from '../../app/org-time';

type UnitRow = InspectionSummary['units'][number];
interface Values {
  range: [Dayjs, Dayjs];
  orgId?: string;
}

const DAY = 'YYYY-MM-DD';

/** The inspection list for a unit and the period, with extra filters. */
function listLink(from: string, to: string, orgId: string | undefined, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ ...(orgId ? { orgId } : {}), scheduledFrom: from, scheduledTo: to, ...extra });
  return `/inspections?${p.toString()}`;
}

export default function SummaryPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const from = sp.get('from') ?? orgToday().startOf('month').format(DAY);
  const to = sp.get('to') ?? orgToday().endOf('month').format(DAY);
  const orgId = sp.get('orgId') ?? undefined;
  const q = useQuery({ queryKey: ['inspections', 'summary', from, to, orgId], queryFn: () => api.get<InspectionSummary>('/inspections/summary', { from, to, orgId }) });
  const s = q.data;
  const count = (n: number, href: string, label: string) => (n > 0 ? <Link to={href} aria-label={label}>{n}</Link> : n);
  const unitColumns: ColumnsType<UnitRow> = [
    { key: 'unit', title: t('inspections.unit'), render: (_, u) => u.orgName },
    { key: 'due', title: t('inspectionSummary.due'), render: (_, u) => count(u.due, listLink(from, to, u.orgId), t('inspectionSummary.dueOf', { unit: u.orgName })) },
    { key: 'done', title: t('inspectionSummary.done'), render: (_, u) => count(u.done, listLink(from, to, u.orgId, { status: 'submitted' }), t('inspectionSummary.doneOf', { unit: u.orgName })) },
    { key: 'overdue', title: t('inspectionSummary.overdue'), render: (_, u) => count(u.overdue, listLink(from, to, u.orgId, { overdue: 'true' }), t('inspectionSummary.overdueOf', { unit: u.orgName })) },
    { key: 'coverage', title: t('inspectionSummary.coverage'), render: (_, u) => (u.coverage === null ? '—' : `${u.coverage}%`) },
    { key: 'failed', title: t('inspectionSummary.failedItems'), render: (_, u) => count(u.failedItems, listLink(from, to, u.orgId, { status: 'submitted' }), t('inspectionSummary.failedOf', { unit: u.orgName })) },
  ];
  return (
    <>
      <PageHeader title={t('inspectionSummary.nav')} />
      <div role="search" className="filter-bar" aria-label={t('common.filters')}>
        <Form<Values>
          key={`${from}-${to}-${orgId ?? ''}`}
          name="summaryFilters"
          layout="vertical"
          className="filter-form"
          initialValues={{ range: [dayjs(from), dayjs(to)], orgId }}
          onFinish={(v) => setSp(new URLSearchParams({ from: v.range[0].format(DAY), to: v.range[1].format(DAY), ...(v.orgId ? { orgId: v.orgId } : {}) }))}
        >
          <div className="filter-fields">
            <Form.Item name="range" label={t('inspectionSummary.period')} className="filter-wide" rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker.RangePicker className="full-width" placeholder={[t('inspections.from'), t('inspections.to')]} />
            </Form.Item>
            <Form.Item name="orgId" label={t('filter.unitSubtree')}>
              <OrgTreeSelect />
            </Form.Item>
          </div>
          <div className="filter-buttons">
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
          </div>
        </Form>
      </div>
      <ErrorAlert error={q.error} />
      <Card className="card-gap" loading={q.isLoading} title={<h2 className="section-title">{t('inspectionSummary.totals', { from, to })}</h2>}>
        {s && (
          <div className="tile-grid">
            <Statistic title={t('inspectionSummary.due')} value={s.totals.due} />
            <Statistic title={t('inspectionSummary.done')} value={s.totals.done} />
            <Statistic title={t('inspectionSummary.overdue')} value={s.totals.overdue} />
            <Statistic title={t('inspectionSummary.coverage')} value={s.totals.coverage ?? '—'} suffix={s.totals.coverage === null ? undefined : '%'} />
            <Statistic title={t('inspectionSummary.failedItems')} value={s.totals.failedItems} />
          </div>
        )}
      </Card>
      <Card className="card-gap" title={<h2 className="section-title">{t('inspectionSummary.byUnit')}</h2>}>
        <DataTable<UnitRow> label={t('inspectionSummary.byUnit')} rowKey="orgId" size="small" pagination={false} loading={q.isFetching} columns={unitColumns} dataSource={s?.units ?? []} />
      </Card>
      <div className="ins-sign-grid">
        <Card className="card-gap" title={<h2 className="section-title">{t('inspectionSummary.byCategory')}</h2>}>
          <DataTable<InspectionSummary['failedByCategory'][number]>
            label={t('inspectionSummary.byCategory')}
            rowKey="category"
            size="small"
            pagination={false}
            columns={[
              { key: 'category', title: t('inspectionTemplates.category'), render: (_, c) => categoryLabel(c.category) },
              { key: 'count', title: t('inspectionSummary.failedItems'), render: (_, c) => c.count },
            ]}
            dataSource={s?.failedByCategory ?? []}
          />
        </Card>
        <Card className="card-gap" title={<h2 className="section-title">{t('inspectionSummary.topUnits')}</h2>}>
          <DataTable<InspectionSummary['topUnits'][number]>
            label={t('inspectionSummary.topUnits')}
            rowKey="orgId"
            size="small"
            pagination={false}
            columns={[
              { key: 'unit', title: t('inspections.unit'), render: (_, u) => u.orgName },
              { key: 'failed', title: t('inspectionSummary.failedItems'), render: (_, u) => <Link to={listLink(from, to, u.orgId, { status: 'submitted' })} aria-label={t('inspectionSummary.failedOf', { unit: u.orgName })}>{u.failedItems}</Link> },
            ]}
            dataSource={s?.topUnits ?? []}
          />
        </Card>
      </div>
    </>
  );
}
