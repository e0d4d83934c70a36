// 24 小时值班覆盖 (DUT-01): for a unit (and its rostered sub-units) and a range of days, the periods no
// shift with a person covers — shown ahead of time so the roster can be completed. Holidays included.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Form, List, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { DutyTabs, useUrlFilters } from './shared';
import type { Coverage } from './types';
import './duty.css';
import { orgTodayIso } from '../../app/org-time';

interface FormValues {
  orgId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export default function CoveragePage() {
  const { t } = useTranslation();
  const list = useUrlFilters(['orgId', 'from', 'to'] as const);
  const f = list.filters;
  const from = f.from ?? orgTodayIso();
  const to = f.to ?? dayjs(from).add(6, 'day').format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['duty', 'coverage', f.orgId, from, to], queryFn: () => api.get<Coverage>('/duty-rosters/coverage', { orgId: f.orgId, from, to }) });
  return (
    <>
      <PageHeader title={t('duty.coverage.title')} />
      <DutyTabs />
      <FilterBar<FormValues>
        name="coverageFilters"
        values={{ orgId: f.orgId, range: [dayjs(from), dayjs(to)] }}
        onSearch={(v) => list.setFilters({ orgId: v.orgId, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="range" label={t('duty.filter.dates')}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={q.error} />
      {q.data && (
        <>
          <Alert type={q.data.gapCount ? 'warning' : 'success'} showIcon message={q.data.gapCount ? t('duty.coverage.gaps', { count: q.data.gapCount }) : t('duty.coverage.full')} className="duty-card" />
          {q.data.units.map((u) => (
            <Card key={u.orgId} title={u.orgName} className="duty-card">
              <List
                locale={{ emptyText: t('duty.coverage.unitFull') }}
                dataSource={u.gaps}
                renderItem={(g) => (
                  <List.Item>
                    <Space className="duty-gap">
                      {g.date} {g.from}–{g.to} {t('duty.coverage.nobody')}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          ))}
        </>
      )}
    </>
  );
}
