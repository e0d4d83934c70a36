// 钥匙保管登记 (VIS-04): key sets of machine rooms and vaults with their named holders; lost sets
// awaiting a lock change are flagged (the dashboard's tile links to ?status=lost); Excel export.
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { download } from '../../app/api';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { KP } from './permissions';
import type { KeySet } from './types';

const KEYS = ['siteId', 'orgId', 'status', 'holderId', 'q'] as const;
type Key = (typeof KEYS)[number];
interface FormValues {
  orgId?: string;
  lost?: boolean;
  q?: string;
}

export function KeyStatusTag({ k }: { k: Pick<KeySet, 'status'> }) {
  const { t } = useTranslation();
  return <StatusTag tone={k.status === 'lost' ? 'error' : 'success'}>{t(`visitors.keys.status.${k.status}`)}</StatusTag>;
}

export default function KeysPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const params = useListParams<Key>(KEYS);
  const f = params.filters;
  const [exportError, setExportError] = useState<unknown>(null);
  const exportXlsx = async () => {
    setExportError(null);
    try {
      await download(`/keys/export.xlsx?${new URLSearchParams(Object.entries(f).filter(([, v]) => v) as Array<[string, string]>).toString()}`, {}, 'keys.xlsx');
      void message.success(t('visitors.exported'));
    } catch (e) {
      setExportError(e);
    }
  };
  const columns: ColumnsType<KeySet> = [
    { key: 'site', title: t('visitors.keys.site'), sorter: true, render: (_, k) => <Link to={`/visitors/keys/${k.id}`}>{`${k.siteName} · ${k.orgName}`}</Link> },
    { key: 'description', title: t('visitors.keys.description'), render: (_, k) => k.description },
    { key: 'copies', title: t('visitors.keys.copies'), render: (_, k) => k.copies },
    { key: 'holders', title: t('visitors.keys.holders'), render: (_, k) => k.holders.map((h) => h.name).join('、') },
    { key: 'status', title: t('common.status'), render: (_, k) => <KeyStatusTag k={k} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('visitors.keys.title')}
        extra={
          <>
            {hasPermission(me, KP.manage) && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/visitors/keys/new')}>
                {t('visitors.keys.new')}
              </Button>
            )}
            {hasPermission(me, KP.export) && (
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportXlsx()}>
                {t('visitors.export')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar<FormValues>
        name="keyFilters"
        values={{ orgId: f.orgId, lost: f.status === 'lost', q: f.q }}
        onSearch={(v) => params.setFilters({ orgId: v.orgId, status: v.lost ? 'lost' : undefined, q: v.q?.trim() || undefined, holderId: f.holderId, siteId: f.siteId })}
        onReset={() => params.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="lost" valuePropName="checked" className="filter-check">
          <Checkbox>{t('visitors.keys.onlyLost')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <ErrorAlert error={exportError} />
      <div className="table-card">
        <RegisterTable<KeySet, Key> queryKey={['keys']} path="/keys" params={params} columns={columns} label={t('visitors.keys.title')} rowClassName={(k) => (k.status === 'lost' ? 'hazard-row-overdue' : '')} onRowClick={(k) => navigate(`/visitors/keys/${k.id}`)} />
      </div>
    </>
  );
}
