// 隐患整改台账 (HAZ-01, HAZ-08): the hazard register — filters kept in the address bar under the API's
// query names, server paging and sorting, Excel export of exactly what is filtered, report button.
// On a phone the rows become cards.
import { DownloadOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Form, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, download } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { formatDate, formatDateTime } from '../../app/format';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { useIsMobile } from '../../app/useIsMobile';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { HazardCards } from './HazardCards';
import { HazardGradeTag, HazardStatusTag, OverdueTag } from './HazardTags';
import { categoryLabel, gradeLabel, hazardCategories, hazardGrades, hazardSources, hazardStatuses, options, sourceLabel, statusLabel } from './labels';
import { HP } from './permissions';
import type { Hazard, HazardCategory, HazardGrade, HazardSource, HazardStatus } from './types';
import { EDITED, SINGLE, useHazardFilters, type HazardFilters, type SingleKey } from './useHazardFilters';
import './hazards.css';

interface FormValues {
  status?: HazardStatus[];
  grade?: HazardGrade[];
  category?: HazardCategory[];
  source?: HazardSource[];
  orgId?: string;
  overdue?: boolean;
  due?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export default function HazardsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const list = useHazardFilters();
  const f = list.filters;
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const q = useQuery({
    queryKey: ['hazards', 'list', list.listQuery],
    queryFn: () => api.get<PageOf<Hazard>>(`/hazards?${list.listQuery}`),
    placeholderData: keepPreviousData,
  });

  // Filters that came with a link (dashboard, my tasks) and have no field in the bar: kept, shown, removable.
  const extra = SINGLE.filter((k) => !(EDITED as readonly string[]).includes(k) && f[k]);
  const extraText = (k: SingleKey, v: string) => {
    if (k === 'task') return `${t('hazards.filter.task')}: ${t(`hazardTask.${v as 'rectify'}`)}`;
    if (v === 'true') return t(`hazards.filter.${k}`);
    return `${t(`hazards.filter.${k}`)}: ${/^[0-9a-f-]{36}$/i.test(v) ? v.slice(0, 8) : v}`;
  };

  const onSearch = (v: FormValues) =>
    list.setFilters({
      ...Object.fromEntries(extra.map((k) => [k, f[k]])),
      status: v.status,
      grade: v.grade,
      category: v.category,
      source: v.source,
      orgId: v.orgId,
      overdue: v.overdue ? 'true' : undefined,
      dueFrom: day(v.due?.[0]),
      dueTo: day(v.due?.[1]),
      q: v.q?.trim() || undefined,
    });

  const exportXlsx = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const qs = new URLSearchParams(list.filterQuery);
      if (list.sort) qs.set('sort', list.sort);
      await download(`/hazards/export.xlsx?${qs.toString()}`, {}, 'hazards.xlsx');
      void message.success(t('hazards.exported'));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  const sortOrder = (key: string) => (list.sort?.replace(/^-/, '') === key ? (list.sort.startsWith('-') ? ('descend' as const) : ('ascend' as const)) : null);
  const columns: ColumnsType<Hazard> = [
    { key: 'number', title: t('hazards.field.number'), sorter: true, sortOrder: sortOrder('number'), render: (_, h) => <Link to={`/hazards/${h.id}`}>{h.number}</Link> },
    { key: 'title', title: t('hazards.field.title'), render: (_, h) => h.title },
    { key: 'grade', title: t('hazards.field.grade'), sorter: true, sortOrder: sortOrder('grade'), render: (_, h) => <HazardGradeTag hazard={h} /> },
    {
      key: 'status',
      title: t('common.status'),
      sorter: true,
      sortOrder: sortOrder('status'),
      render: (_, h) => (
        <Space size={4} wrap>
          <HazardStatusTag hazard={h} />
          <OverdueTag hazard={h} />
        </Space>
      ),
    },
    { key: 'category', title: t('hazards.field.category'), render: (_, h) => categoryLabel(h.category) },
    { key: 'org', title: t('hazards.field.orgId'), render: (_, h) => (h.siteName ? `${h.orgName} · ${h.siteName}` : h.orgName) },
    { key: 'dueAt', title: t('hazards.field.dueAt'), sorter: true, sortOrder: sortOrder('dueAt'), render: (_, h) => <span className={h.overdue ? 'hazard-overdue-text' : undefined}>{formatDate(h.dueAt)}</span> },
    { key: 'source', title: t('hazards.field.source'), render: (_, h) => sourceLabel(h.source) },
    { key: 'reportedAt', title: t('hazards.field.reportedAt'), sorter: true, sortOrder: sortOrder('reportedAt'), render: (_, h) => `${formatDateTime(h.reportedAt)} · ${h.reportedBy?.name ?? ''}` },
  ];

  return (
    <>
      <PageHeader
        title={t('hazards.title')}
        extra={
          <>
            {hasPermission(me, HP.report) && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/hazards/new')}>
                {t('hazards.report')}
              </Button>
            )}
            {hasPermission(me, HP.export) && (
              <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void exportXlsx()}>
                {t('hazards.export')}
              </Button>
            )}
            <Link to="/hazards/reporters">
              <TrophyOutlined aria-hidden /> {t('hazards.reporters.title')}
            </Link>
          </>
        }
      />
      <FilterBar<FormValues>
        name="hazardFilters"
        values={{
          status: f.status as HazardStatus[] | undefined,
          grade: f.grade as HazardGrade[] | undefined,
          category: f.category as HazardCategory[] | undefined,
          source: f.source as HazardSource[] | undefined,
          orgId: f.orgId,
          overdue: f.overdue === 'true',
          due: f.dueFrom || f.dueTo ? [f.dueFrom ? dayjs(f.dueFrom) : null, f.dueTo ? dayjs(f.dueTo) : null] : undefined,
          q: f.q,
        }}
        onSearch={onSearch}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="status" label={t('common.status')}>
          <Select mode="multiple" allowClear placeholder={t('common.all')} options={options(hazardStatuses, statusLabel)} />
        </Form.Item>
        <Form.Item name="grade" label={t('hazards.field.grade')}>
          <Select mode="multiple" allowClear placeholder={t('common.all')} options={options(hazardGrades, gradeLabel)} />
        </Form.Item>
        <Form.Item name="category" label={t('hazards.field.category')}>
          <Select mode="multiple" allowClear placeholder={t('common.all')} options={options(hazardCategories, categoryLabel)} />
        </Form.Item>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="due" label={t('hazards.filter.dueRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="source" label={t('hazards.field.source')}>
          <Select mode="multiple" allowClear placeholder={t('common.all')} options={options(hazardSources, sourceLabel)} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear placeholder={t('hazards.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked" className="filter-check">
          <Checkbox>{t('hazards.filter.overdue')}</Checkbox>
        </Form.Item>
      </FilterBar>
      {extra.length > 0 && (
        <div className="hazard-filter-tags">
          {extra.map((k) => (
            <Tag key={k} closable closeIcon={<span aria-label={t('hazards.removeFilter', { name: t(`hazards.filter.${k}`) })}>×</span>} onClose={() => list.setFilters({ ...f, [k]: undefined } as HazardFilters)}>
              {extraText(k, f[k]!)}
            </Tag>
          ))}
        </div>
      )}
      <ErrorAlert error={exportError ?? q.error} />
      {mobile ? (
        <HazardCards items={q.data?.items ?? []} total={q.data?.total ?? 0} list={list} loading={q.isFetching} />
      ) : (
        <div className="table-card">
          <DataTable<Hazard>
            label={t('hazards.title')}
            rowKey="id"
            columns={columns}
            dataSource={q.data?.items ?? []}
            loading={q.isFetching}
            rowClassName={(h) => (h.overdue ? 'hazard-row-overdue clickable-row' : 'clickable-row')}
            onRow={(h) => ({ onClick: (e) => (e.target as HTMLElement).closest('a,button') || navigate(`/hazards/${h.id}`) })}
            onChange={(pagination, _filters, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Hazard> | undefined;
              const sort = s?.order && s.columnKey ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined;
              list.setPaging(pagination.current ?? 1, pagination.pageSize ?? list.pageSize, sort);
            }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.totalItems', { count: total }),
            }}
          />
        </div>
      )}
    </>
  );
}
