// 值班表 (DUT-01): the roster register — who is on duty on which shift and date, the handover state of
// each shift (filter missingHandover: DUT-03), Excel export, and rostering a shift on a date.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Form, Modal, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { UserSelect } from '../../components/UserSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { DP } from './permissions';
import { DutyTabs, ExportButton, HandoverTag, hm, names, useUrlFilters } from './shared';
import type { Assignment, AssignmentDetail, ShiftList } from './types';
import './duty.css';

const KEYS = ['orgId', 'from', 'to', 'missingHandover', 'userId'] as const;
interface FormValues {
  orgId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  missingHandover?: boolean;
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

function RosterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ shiftId: string; dutyDate: Dayjs; personIds: string[]; leaderId?: string }>();
  const shifts = useQuery({ queryKey: ['duty', 'shifts'], queryFn: () => api.get<ShiftList>('/duty-rosters/shifts'), enabled: open });
  const m = useFormMutation(
    (v: { shiftId: string; dutyDate: Dayjs; personIds: string[]; leaderId?: string }) =>
      api.create<AssignmentDetail>('/duty-rosters', { shiftId: v.shiftId, dutyDate: v.dutyDate.format('YYYY-MM-DD'), personIds: (v.personIds ?? []).filter(Boolean), leaderId: v.leaderId ?? null }),
    { form, invalidate: [['duty']], onSuccess: (a) => navigate(`/duty/rosters/${a.id}`) },
  );
  return (
    <Modal open={open} title={t('duty.roster.create')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: m.isPending }} destroyOnHidden>
      <Form form={form} layout="vertical" name="roster" onFinish={(v) => m.mutate(v)} initialValues={{ personIds: [undefined] }}>
        <Form.Item name="shiftId" label={t('duty.field.shift')} rules={[{ required: true, message: t('duty.required') }]}>
          <Select options={(shifts.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.orgName} · ${s.name} ${s.startTime}–${s.endTime}` }))} />
        </Form.Item>
        <Form.Item name="dutyDate" label={t('duty.field.date')} rules={[{ required: true, message: t('duty.required') }]}>
          <DatePicker className="full-width" />
        </Form.Item>
        <Form.List name="personIds">
          {(fields, { add }) => (
            <>
              {fields.map((f, i) => (
                <Form.Item key={f.key} name={f.name} label={i === 0 ? t('duty.field.people') : undefined} rules={i === 0 ? [{ required: true, message: t('duty.required') }] : []}>
                  <UserSelect activeOnly aria-label={`${t('duty.field.people')} ${i + 1}`} />
                </Form.Item>
              ))}
              <Button onClick={() => add()}>{t('duty.roster.addPerson')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="leaderId" label={t('duty.field.leader')}>
          <UserSelect activeOnly aria-label={t('duty.field.leader')} />
        </Form.Item>
        <ErrorAlert error={m.error} form={form} />
      </Form>
    </Modal>
  );
}

export default function RostersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const list = useUrlFilters(KEYS);
  const f = list.filters;
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['duty', 'rosters', list.listQuery], queryFn: () => api.get<PageOf<Assignment>>(`/duty-rosters?${list.listQuery}`), placeholderData: keepPreviousData });
  const columns: ColumnsType<Assignment> = [
    { key: 'date', title: t('duty.field.date'), render: (_, a) => <Link to={`/duty/rosters/${a.id}`}>{a.dutyDate}</Link> },
    { key: 'shift', title: t('duty.field.shift'), render: (_, a) => `${a.shiftName} ${hm(a.startsAt)}–${hm(a.endsAt)}` },
    { key: 'org', title: t('duty.field.unit'), render: (_, a) => a.orgName },
    { key: 'people', title: t('duty.field.people'), render: (_, a) => names(a.people) },
    { key: 'leader', title: t('duty.field.leader'), render: (_, a) => a.leader?.name ?? '' },
    { key: 'handover', title: t('duty.field.handover'), render: (_, a) => <HandoverTag a={a} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('duty.roster.title')}
        extra={
          <>
            {hasPermission(me, DP.manage) && (
              <Button type="primary" onClick={() => setCreating(true)}>
                {t('duty.roster.create')}
              </Button>
            )}
            <ExportButton path="/duty-rosters/export.xlsx" query={list.filterQuery} name="duty-roster.xlsx" />
          </>
        }
      />
      <DutyTabs />
      <FilterBar<FormValues>
        name="rosterFilters"
        values={{ orgId: f.orgId, range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined, missingHandover: f.missingHandover === 'true' }}
        onSearch={(v) => list.setFilters({ userId: f.userId, orgId: v.orgId, from: day(v.range?.[0]), to: day(v.range?.[1]), missingHandover: v.missingHandover ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="range" label={t('duty.filter.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="missingHandover" valuePropName="checked" className="filter-check">
          <Checkbox>{t('duty.filter.missingHandover')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={q.error} />
      <div className="table-card">
        <DataTable<Assignment>
          label={t('duty.roster.title')}
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          rowClassName={(a) => (a.missingHandover ? 'duty-row-missing clickable-row' : 'clickable-row')}
          onRow={(a) => ({ onClick: (e) => (e.target as HTMLElement).closest('a,button') || navigate(`/duty/rosters/${a.id}`) })}
          onChange={(p) => list.setPaging(p.current ?? 1, p.pageSize ?? list.pageSize)}
          pagination={{ current: list.page, pageSize: list.pageSize, total: q.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.totalItems', { count: n }) }}
        />
      </div>
      <RosterModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
