// 机房出入管理登记簿 (VIS-03): entries of machine rooms, vaults and monitoring rooms with filters in
// the address bar, Excel export of what is filtered, and the A4 register of one room for a date range.
import { DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Select } from 'antd';
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
import { ENTRY_TONES, entryStatuses, entryStatusLabel, options } from './labels';
import { RP } from './permissions';
import { RESTRICTED, SiteSelect } from './SiteSelect';
import type { RoomEntry, RoomEntryStatus } from './types';
import { orgToday } from '../../app/org-time';

const KEYS = ['siteId', 'orgId', 'status', 'thirdParty', 'from', 'to', 'q'] as const;
type Key = (typeof KEYS)[number];
interface FormValues {
  siteId?: string;
  orgId?: string;
  status?: RoomEntryStatus;
  range?: [Dayjs | null, Dayjs | null] | null;
  thirdParty?: boolean;
  q?: string;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
export const peopleText = (e: RoomEntry) => e.people.map((p) => (p.company ? `${p.name}（${p.company}）` : p.name)).join('、');

export default function RoomEntriesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const params = useListParams<Key>(KEYS);
  const f = params.filters;
  const [exportError, setExportError] = useState<unknown>(null);
  const [printSite, setPrintSite] = useState<string | undefined>(f.siteId);
  const [printRange, setPrintRange] = useState<[Dayjs, Dayjs]>(() => [orgToday().subtract(30, 'day'), orgToday()]);
  const filterQuery = () => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as Array<[string, string]>).toString();
  const exportXlsx = async () => {
    setExportError(null);
    try {
      await download(`/room-entries/export.xlsx?${filterQuery()}`, {}, 'room-entries.xlsx');
      void message.success(t('visitors.exported'));
    } catch (e) {
      setExportError(e);
    }
  };
  const printUrl = printSite ? `/api/v1/room-entries/print?siteId=${printSite}&from=${day(printRange[0])}&to=${day(printRange[1])}` : undefined;
  const columns: ColumnsType<RoomEntry> = [
    { key: 'number', title: t('visitors.field.number'), sorter: true, render: (_, e) => <Link to={`/visitors/rooms/${e.id}`}>{e.number}</Link> },
    { key: 'site', title: t('visitors.rooms.site'), render: (_, e) => e.siteName },
    { key: 'status', title: t('common.status'), render: (_, e) => <StatusTag tone={ENTRY_TONES[e.status]}>{entryStatusLabel(e.status)}</StatusTag> },
    { key: 'people', title: t('visitors.rooms.people'), render: (_, e) => peopleText(e) },
    { key: 'supervisor', title: t('visitors.rooms.supervisorId'), render: (_, e) => e.supervisor?.name ?? '' },
    { key: 'purpose', title: t('visitors.rooms.purpose'), render: (_, e) => e.purpose },
    { key: 'approval', title: t('visitors.rooms.approvedBy'), render: (_, e) => (e.approvalRequired ? (e.approvedBy?.name ?? t('visitors.rooms.approvalRequired')) : t('visitors.rooms.approvalNotRequired')) },
    { key: 'enteredAt', title: t('visitors.rooms.enteredAt'), sorter: true, render: (_, e) => formatDateTime(e.enteredAt) },
    { key: 'exitedAt', title: t('visitors.rooms.exitedAt'), render: (_, e) => formatDateTime(e.exitedAt) },
  ];
  return (
    <>
      <PageHeader
        title={t('visitors.rooms.title')}
        extra={
          <>
            {hasPermission(me, RP.log) && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/visitors/rooms/new')}>
                {t('visitors.rooms.new')}
              </Button>
            )}
            {hasPermission(me, RP.export) && (
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportXlsx()}>
                {t('visitors.export')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" title={t('visitors.rooms.printTitle')} className="block-gap">
        <Form name="roomPrint" layout="inline">
          <Form.Item label={t('visitors.rooms.printSite')} htmlFor="roomPrint_site">
            <div style={{ minWidth: 220 }}>
              <SiteSelect id="roomPrint_site" kinds={RESTRICTED} value={printSite} onChange={(v) => setPrintSite(v as string | undefined)} />
            </div>
          </Form.Item>
          <Form.Item label={t('visitors.rooms.printRange')} htmlFor="roomPrint_range">
            <DatePicker.RangePicker id={{ start: 'roomPrint_range' }} value={printRange} onChange={(v) => v?.[0] && v[1] && setPrintRange([v[0], v[1]])} />
          </Form.Item>
          <Form.Item>
            <Button icon={<PrinterOutlined aria-hidden />} disabled={!printUrl} href={printUrl} target="_blank">
              {t('visitors.rooms.printOpen')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <FilterBar<FormValues>
        name="roomEntryFilters"
        values={{
          siteId: f.siteId,
          orgId: f.orgId,
          status: f.status as RoomEntryStatus | undefined,
          range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined,
          thirdParty: f.thirdParty === 'true',
          q: f.q,
        }}
        onSearch={(v) => params.setFilters({ siteId: v.siteId, orgId: v.orgId, status: v.status, from: day(v.range?.[0]), to: day(v.range?.[1]), thirdParty: v.thirdParty ? 'true' : undefined, q: v.q?.trim() || undefined })}
        onReset={() => params.setFilters({})}
      >
        <Form.Item name="siteId" label={t('visitors.rooms.site')}>
          <SiteSelect kinds={RESTRICTED} />
        </Form.Item>
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select allowClear placeholder={t('common.all')} options={options(entryStatuses, entryStatusLabel)} />
        </Form.Item>
        <Form.Item name="range" label={t('visitors.filter.range')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="thirdParty" valuePropName="checked" className="filter-check">
          <Checkbox>{t('visitors.rooms.thirdParty')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={exportError} />
      <div className="table-card">
        <RegisterTable<RoomEntry, Key> queryKey={['room-entries']} path="/room-entries" params={params} columns={columns} label={t('visitors.rooms.title')} onRowClick={(e) => navigate(`/visitors/rooms/${e.id}`)} />
      </div>
    </>
  );
}
