// 隐患报告表彰 (HAZ-07): the people whose reports were confirmed (graded) hazards, most first, in the
// viewer's scope; by unit subtree and reporting period, kept in the address bar.
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import type { ReporterRanking } from './types';

type Row = ReporterRanking['items'][number] & { rank: number };
const FILTERS = ['orgId', 'from', 'to'] as const;
interface Values {
  orgId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

export default function ReportersPage() {
  const { t } = useTranslation();
  const list = useListParams(FILTERS);
  const f = list.filters;
  const q = useQuery({
    queryKey: ['hazards', 'reporters', f],
    queryFn: () => api.get<ReporterRanking>('/hazards/reporters', { orgId: f.orgId, from: f.from, to: f.to, limit: 100 }),
  });
  const rows: Row[] = (q.data?.items ?? []).map((r, i) => ({ ...r, rank: i + 1 }));
  return (
    <>
      <PageHeader title={t('hazards.reporters.title')} back={{ to: '/hazards', label: t('hazards.title') }}>
        <p>{t('hazards.reporters.intro')}</p>
      </PageHeader>
      <FilterBar<Values>
        name="reporterFilters"
        values={{ orgId: f.orgId, period: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined }}
        onSearch={(v) => list.setFilters({ orgId: v.orgId, from: v.period?.[0]?.format('YYYY-MM-DD'), to: v.period?.[1]?.format('YYYY-MM-DD') })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="period" label={t('hazards.reporters.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<Row>
          label={t('hazards.reporters.title')}
          rowKey="userId"
          loading={q.isFetching}
          dataSource={rows}
          pagination={false}
          columns={[
            { key: 'rank', title: t('hazards.reporters.rank'), render: (_, r) => r.rank },
            { key: 'name', title: t('hazards.reporters.name'), render: (_, r) => r.name },
            { key: 'org', title: t('hazards.field.orgId'), render: (_, r) => r.orgName },
            { key: 'confirmed', title: t('hazards.reporters.confirmed'), render: (_, r) => r.confirmed },
            { key: 'major', title: t('hazards.reporters.major'), render: (_, r) => r.major },
            { key: 'last', title: t('hazards.reporters.last'), render: (_, r) => formatDateTime(r.lastReportedAt) },
          ]}
        />
      </div>
    </>
  );
}
