// 访客登记簿 (VIS-01): the visitor register — filters in the address bar under the API's query names
// (the dashboard's tiles link to ?inside=true and ?insideAfterClosing=true), server paging, Excel
// export and the A4 print of exactly what is filtered.
import { DownloadOutlined, PlusOutlined, PrinterOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { download } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { options, VISIT_TONES, visitStatuses, visitStatusLabel } from './labels';
import { VP } from './permissions';
import type { Visitor, VisitorStatus } from './types';

const KEYS = ['status', 'kind', 'orgId', 'hostId', 'siteId', 'from', 'to', 'inside', 'insideAfterClosing', 'q'] as const;
type Key = (typeof KEYS)[number];
interface FormValues {
  status?: VisitorStatus;
  orgId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
  inside?: boolean;
  insideAfterClosing?: boolean;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export function VisitorStatusTag({ v }: { v: Pick<Visitor, 'status' | 'afterClosingAt'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <StatusTag tone={VISIT_TONES[v.status]}>{visitStatusLabel(v.status)}</StatusTag>
      {v.status === 'inside' && v.afterClosingAt && <StatusTag tone="error">{t('visitors.afterClosing')}</StatusTag>}
    </Space>
  );
}

export default function VisitorsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const params = useListParams<Key>(KEYS);
  const f = params.filters;
  const [exportError, setExportError] = useState<unknown>(null);
  const filterQuery = () => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as Array<[string, string]>).toString();

  const exportXlsx = async () => {
    setExportError(null);
    try {
      await download(`/visitors/export.xlsx?${filterQuery()}`, {}, 'visitors.xlsx');
      void message.success(t('visitors.exported'));
    } catch (e) {
      setExportError(e);
    }
  };

  const columns: ColumnsType<Visitor> = [
    { key: 'number', title: t('visitors.field.number'), sorter: true, render: (_, v) => <Link to={`/visitors/${v.id}`}>{v.number}</Link> },
    { key: 'name', title: t('visitors.field.name'), sorter: true, render: (_, v) => `${v.name}${v.company ? ` · ${v.company}` : ''}` },
    { key: 'status', title: t('common.status'), render: (_, v) => <VisitorStatusTag v={v} /> },
    { key: 'documentNumber', title: t('visitors.field.documentNumber'), render: (_, v) => v.documentNumber },
    { key: 'purpose', title: t('visitors.field.purpose'), render: (_, v) => v.purpose },
    { key: 'host', title: t('visitors.field.hostId'), render: (_, v) => `${v.host?.name ?? ''} · ${v.orgName}` },
    { key: 'visitAt', title: t('visitors.field.checkedInAt'), sorter: true, render: (_, v) => formatDateTime(v.checkedInAt ?? v.expectedAt) },
    { key: 'checkedOutAt', title: t('visitors.field.checkedOutAt'), render: (_, v) => formatDateTime(v.checkedOutAt) },
  ];

  return (
    <>
      <PageHeader
        title={t('visitors.title')}
        extra={
          <>
            {hasPermission(me, VP.desk) && (
              <Button type="primary" icon={<TeamOutlined aria-hidden />} onClick={() => navigate('/visitors/desk')}>
                {t('visitors.desk')}
              </Button>
            )}
            {hasPermission(me, VP.register) && (
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/visitors/new')}>
                {t('visitors.newAppointment')}
              </Button>
            )}
            {hasPermission(me, VP.export) && (
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportXlsx()}>
                {t('visitors.export')}
              </Button>
            )}
            <a href={`/api/v1/visitors/print?${filterQuery()}`} target="_blank" rel="noreferrer">
              <PrinterOutlined aria-hidden /> {t('visitors.print')}
            </a>
            {hasPermission(me, VP.desk) && (
              <Link to="/visitors/blocklist">
                <StopOutlined aria-hidden /> {t('visitors.blocklist')}
              </Link>
            )}
          </>
        }
      />
      <FilterBar<FormValues>
        name="visitorFilters"
        values={{
          status: f.status as VisitorStatus | undefined,
          orgId: f.orgId,
          range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined,
          q: f.q,
          inside: f.inside === 'true',
          insideAfterClosing: f.insideAfterClosing === 'true',
        }}
        onSearch={(v) =>
          params.setFilters({
            status: v.status,
            orgId: v.orgId,
            from: day(v.range?.[0]),
            to: day(v.range?.[1]),
            q: v.q?.trim() || undefined,
            inside: v.inside ? 'true' : undefined,
            insideAfterClosing: v.insideAfterClosing ? 'true' : undefined,
          })
        }
        onReset={() => params.setFilters({})}
      >
        <Form.Item name="status" label={t('common.status')}>
          <Select allowClear placeholder={t('common.all')} options={options(visitStatuses, visitStatusLabel)} />
        </Form.Item>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="range" label={t('visitors.filter.range')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear placeholder={t('visitors.textPlaceholder')} />
        </Form.Item>
        <Form.Item name="inside" valuePropName="checked" className="filter-check">
          <Checkbox>{t('visitors.filter.inside')}</Checkbox>
        </Form.Item>
        <Form.Item name="insideAfterClosing" valuePropName="checked" className="filter-check">
          <Checkbox>{t('visitors.filter.insideAfterClosing')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={exportError} />
      <div className="table-card">
        <RegisterTable<Visitor, Key> queryKey={['visitors']} path="/visitors" params={params} columns={columns} label={t('visitors.title')} onRowClick={(v) => navigate(`/visitors/${v.id}`)} />
      </div>
    </>
  );
}
