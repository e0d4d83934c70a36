// 营业前后检查 (PAT-04): the register of the branches' opening and closing checks — missed ones flagged
// (the dashboard tile links here with today=true&missed=true), Excel export, a button to record one.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { CHECK_KINDS, CHECK_STATUSES, label, options } from './labels';
import { PP } from './permissions';
import { ExportButton } from './shared';
import type { OpeningCheck } from './types';

const KEYS = ['orgId', 'kind', 'status', 'missed', 'today', 'dayFrom', 'dayTo', 'personId'] as const;
interface Values {
  orgId?: string;
  kind?: string;
  status?: string;
  missed?: boolean;
  today?: boolean;
  days?: [Dayjs | null, Dayjs | null] | null;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const TONE = { done: 'success', awaiting_second: 'info', missed: 'error' } as const;

export function CheckStatusTags({ c }: { c: OpeningCheck }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <StatusTag tone={TONE[c.status]}>{label('checkStatusLabel', c.status)}</StatusTag>
      {c.missed && c.status !== 'missed' && <StatusTag tone="warning">{t('patrols.missed')}</StatusTag>}
      {c.failedItems > 0 && <StatusTag tone="warning">{`${t('patrols.failedItems')} ${c.failedItems}`}</StatusTag>}
    </Space>
  );
}

export default function ChecksPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const params = useListParams(KEYS, { sort: '-day' });
  const f = params.filters;
  const columns: ColumnsType<OpeningCheck> = [
    { key: 'day', title: t('patrols.day'), sorter: true, render: (_, c) => <Link to={`/patrols/checks/${c.id}`}>{c.day}</Link> },
    { key: 'org', title: t('patrols.unit'), render: (_, c) => c.orgName },
    { key: 'kind', title: t('patrols.checkKind'), render: (_, c) => label('checkKindLabel', c.kind) },
    { key: 'status', title: t('patrols.status'), render: (_, c) => <CheckStatusTags c={c} /> },
    { key: 'first', title: t('patrols.checkedBy'), render: (_, c) => c.firstBy?.name ?? '' },
    { key: 'second', title: t('patrols.confirmedBy'), render: (_, c) => c.secondBy?.name ?? '' },
  ];
  return (
    <>
      <PageHeader
        title={t('patrols.checks')}
        extra={
          <>
            {hasPermission(me, PP.check) && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/patrols/checks/new')}>
                {t('patrols.checkNew')}
              </Button>
            )}
            {hasPermission(me, PP.export) && <ExportButton path="/opening-checks/export.xlsx" query={{ ...f, sort: params.sort }} name="opening-checks.xlsx" />}
          </>
        }
      />
      <FilterBar<Values>
        name="checkFilters"
        values={{ orgId: f.orgId, kind: f.kind, status: f.status, missed: f.missed === 'true', today: f.today === 'true', days: f.dayFrom || f.dayTo ? [f.dayFrom ? dayjs(f.dayFrom) : null, f.dayTo ? dayjs(f.dayTo) : null] : undefined }}
        onSearch={(v) => params.setFilters({ personId: f.personId, orgId: v.orgId, kind: v.kind, status: v.status, missed: v.missed ? 'true' : undefined, today: v.today ? 'true' : undefined, dayFrom: day(v.days?.[0]), dayTo: day(v.days?.[1]) })}
        onReset={() => params.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('patrols.checkKind')}>
          <Select allowClear placeholder={t('common.all')} options={options(CHECK_KINDS, 'checkKindLabel')} />
        </Form.Item>
        <Form.Item name="status" label={t('patrols.status')}>
          <Select allowClear placeholder={t('common.all')} options={options(CHECK_STATUSES, 'checkStatusLabel')} />
        </Form.Item>
        <Form.Item name="days" label={t('patrols.day')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="missed" valuePropName="checked" className="filter-check">
          <Checkbox>{t('patrols.missed')}</Checkbox>
        </Form.Item>
        <Form.Item name="today" valuePropName="checked" className="filter-check">
          <Checkbox>{t('patrols.today')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<OpeningCheck, (typeof KEYS)[number]> queryKey={['opening-checks']} path="/opening-checks" params={params} columns={columns} label={t('patrols.checks')} onRowClick={(c) => navigate(`/patrols/checks/${c.id}`)} />
      </div>
    </>
  );
}
