// 审计日志 (SEC-04), for the auditor: search the trail with server paging, open an entry, verify the
// chain, export the current filter to Excel, keep signed checkpoints.
import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Select, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../app/api';
import type { AuditEvent, AuditResult } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { codeLabel, currentLanguage } from '../../app/i18n';
import { hasPermission, P } from '../../app/permissions';
import { useSession } from '../../app/session';
import { AUDIT_RESULT_TONES, auditResultLabel, auditResults } from '../../components/enum-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { useListParams } from '../../components/useListParams';
import { UserSelect } from '../../components/UserSelect';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { CheckpointsPanel } from './CheckpointsPanel';
import { VerifyButton } from './VerifyButton';

const FILTERS = ['actorId', 'orgId', 'action', 'targetType', 'targetId', 'result', 'from', 'to', 'q'] as const;
type Key = (typeof FILTERS)[number];
const TARGET_TYPES = ['org', 'site', 'user', 'grant', 'role', 'api_token', 'attachment', 'audit_chain', 'audit_checkpoint', 'audit_events'];

interface FormValues {
  actorId?: string;
  orgId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  result?: AuditResult;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const trimmed = (v?: string) => v?.trim() || undefined;

export default function AuditPage() {
  const { t } = useTranslation();
  const me = useSession();
  const list = useListParams(FILTERS, { sort: '-occurredAt' });
  const [openId, setOpenId] = useState<number | null>(null);
  const f = list.filters;
  const exporter = useFormMutation(() => download('/audit/events/export.xlsx', { ...f, lang: currentLanguage() }, 'audit.xlsx'), { invalidate: [['audit', 'list']] });
  const columns: ColumnsType<AuditEvent> = [
    {
      key: 'occurredAt',
      title: t('audit.time'),
      sorter: true,
      render: (_, e) => (
        <Button type="link" size="small" className="inline-link" onClick={() => setOpenId(e.id)} aria-label={t('audit.openEntry', { id: e.id })}>
          {formatDateTime(e.occurredAt)}
        </Button>
      ),
    },
    { key: 'seq', title: t('audit.seq'), render: (_, e) => e.seq ?? t('audit.unsealed') },
    { key: 'actor', title: t('audit.actor'), render: (_, e) => e.actorName ?? codeLabel('targetType', `actor_${e.actorType}`, e.actorType) },
    { key: 'org', title: t('field.orgId'), render: (_, e) => e.orgName ?? '—' },
    { key: 'action', title: t('audit.action'), render: (_, e) => codeLabel('auditAction', e.action) },
    { key: 'target', title: t('audit.target'), render: (_, e) => (e.targetType ? `${codeLabel('targetType', e.targetType)} ${e.targetLabel ?? ''}` : '—') },
    { key: 'result', title: t('audit.result'), render: (_, e) => <StatusTag tone={AUDIT_RESULT_TONES[e.result]}>{auditResultLabel(e.result)}</StatusTag> },
    { key: 'ip', title: t('audit.ip'), render: (_, e) => e.ip ?? '—' },
  ];
  const values: FormValues = {
    actorId: f.actorId,
    orgId: f.orgId,
    action: f.action,
    targetType: f.targetType,
    targetId: f.targetId,
    result: f.result as AuditResult | undefined,
    range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
    q: f.q,
  };
  const search = (v: FormValues) =>
    list.setFilters({
      actorId: v.actorId,
      orgId: v.orgId,
      action: trimmed(v.action),
      targetType: v.targetType,
      targetId: trimmed(v.targetId),
      result: v.result,
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
      q: trimmed(v.q),
    } satisfies Partial<Record<Key, string | undefined>>);
  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        extra={
          <>
            {hasPermission(me, P.audit.verify) && <VerifyButton onShowEntry={setOpenId} />}
            <Button icon={<FileExcelOutlined aria-hidden />} loading={exporter.isPending} onClick={() => exporter.mutate(undefined)}>
              {t('audit.export')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={exporter.error} />
      <Tabs
        items={[
          {
            key: 'events',
            label: t('audit.tabEvents'),
            children: (
              <>
                <FilterBar<FormValues> name="auditFilters" values={values} onSearch={search} onReset={() => list.setFilters({})}>
                  <Form.Item name="actorId" label={t('audit.actor')} className="filter-wide">
                    <UserSelect />
                  </Form.Item>
                  <Form.Item name="orgId" label={t('filter.unitSubtree')}>
                    <OrgTreeSelect />
                  </Form.Item>
                  <Form.Item name="action" label={t('audit.action')} tooltip={t('audit.actionHint')}>
                    <Input allowClear placeholder="users." spellCheck={false} />
                  </Form.Item>
                  <Form.Item name="targetType" label={t('audit.targetType')}>
                    <Select allowClear placeholder={t('common.all')} options={TARGET_TYPES.map((v) => ({ value: v, label: codeLabel('targetType', v) }))} />
                  </Form.Item>
                  <Form.Item name="targetId" label={t('audit.targetId')}>
                    <Input allowClear spellCheck={false} />
                  </Form.Item>
                  <Form.Item name="result" label={t('audit.result')}>
                    <Select allowClear placeholder={t('common.all')} options={auditResults.map((r) => ({ value: r, label: auditResultLabel(r) }))} />
                  </Form.Item>
                  <Form.Item name="range" label={t('audit.timeRange')} className="filter-wide">
                    <DatePicker.RangePicker showTime allowEmpty={[true, true]} className="full-width" placeholder={[t('audit.from'), t('audit.to')]} />
                  </Form.Item>
                  <Form.Item name="q" label={t('filter.text')}>
                    <Input allowClear placeholder={t('audit.textPlaceholder')} />
                  </Form.Item>
                </FilterBar>
                <Card size="small">
                  <RegisterTable<AuditEvent, Key> label={t('nav.audit')} queryKey={['audit']} path="/audit/events" params={list} columns={columns} onRowClick={(e) => setOpenId(e.id)} />
                </Card>
              </>
            ),
          },
          { key: 'checkpoints', label: t('audit.tabCheckpoints'), children: <CheckpointsPanel canCreate={hasPermission(me, P.audit.verify)} /> },
        ]}
      />
      <AuditDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
