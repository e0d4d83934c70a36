// API 令牌: integrations' tokens in the caller's scope (never the secret), create (secret shown once),
// revoke with a reason.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import type { ApiToken, ApiTokenCreated } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { FilterBar } from '../../components/FilterBar';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { PageHeader } from '../../components/PageHeader';
import { ReasonModal } from '../../components/ReasonModal';
import { RegisterTable } from '../../components/RegisterTable';
import { StatusTag, type Tone } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { useListParams } from '../../components/useListParams';
import { UserSelect } from '../../components/UserSelect';
import { ApiTokenCreateModal } from './ApiTokenCreateModal';

const FILTERS = ['userId', 'includeRevoked'] as const;
const TONES: Record<ApiToken['status'], Tone> = { active: 'success', expired: 'warning', revoked: 'neutral' };

export default function ApiTokensPage() {
  const { t } = useTranslation();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useFormMutation((v: { id: string; reason: string }) => api.post<ApiToken>(`/api-tokens/${v.id}/revoke`, { reason: v.reason }), {
    invalidate: [['api-tokens'], ['home']],
    onSuccess: () => setRevoking(null),
  });
  const columns: ColumnsType<ApiToken> = [
    { key: 'name', title: t('field.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('apiTokens.prefix'), render: (_, k) => <code>{k.prefix}…</code> },
    { key: 'owner', title: t('apiTokens.owner'), render: (_, k) => <Link to={`/users/${k.userId}`}>{k.userName}</Link> },
    { key: 'scope', title: t('apiTokens.scope'), render: (_, k) => k.orgName },
    { key: 'perms', title: t('roles.permissions'), render: (_, k) => <span title={k.permissions.join(', ')}>{k.permissions.length}</span> },
    { key: 'expiresAt', title: t('apiTokens.expiresAt'), render: (_, k) => formatDateTime(k.expiresAt) },
    { key: 'lastUsedAt', title: t('apiTokens.lastUsedAt'), render: (_, k) => formatDateTime(k.lastUsedAt) },
    { key: 'status', title: t('common.status'), render: (_, k) => <StatusTag tone={TONES[k.status]}>{t(`apiTokens.status.${k.status}`)}</StatusTag> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, k) =>
        allows(k, 'revoke') && (
          <Button size="small" danger onClick={() => setRevoking(k)} aria-label={t('apiTokens.revokeNamed', { name: k.name })}>
            {t('apiTokens.revoke')}
          </Button>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.apiTokens')}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('apiTokens.create')}
          </Button>
        }
      />
      <FilterBar<{ userId?: string; includeRevoked?: boolean }>
        name="tokenFilters"
        values={{ userId: list.filters.userId, includeRevoked: list.filters.includeRevoked === 'true' }}
        onSearch={(v) => list.setFilters({ userId: v.userId, includeRevoked: v.includeRevoked ? 'true' : undefined })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="userId" label={t('apiTokens.owner')} className="filter-wide">
          <UserSelect />
        </Form.Item>
        <Form.Item name="includeRevoked" valuePropName="checked" className="filter-check">
          <Checkbox>{t('apiTokens.includeRevoked')}</Checkbox>
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<ApiToken, (typeof FILTERS)[number]> label={t('nav.apiTokens')} queryKey={['api-tokens']} path="/api-tokens" params={list} columns={columns} />
      </div>
      <ApiTokenCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          setCreated(r);
        }}
      />
      <OneTimeSecretModal title={t('apiTokens.createdTitle', { name: created?.apiToken.name ?? '' })} secret={created?.token ?? null} label={t('apiTokens.token')} warning={t('apiTokens.tokenWarning')} onClose={() => setCreated(null)} />
      <ReasonModal
        open={!!revoking}
        title={t('apiTokens.revokeNamed', { name: revoking?.name ?? '' })}
        description={<p>{t('apiTokens.revokeHint')}</p>}
        okText={t('apiTokens.revoke')}
        danger
        onCancel={() => setRevoking(null)}
        onSubmit={(reason) => revoke.mutateAsync({ id: revoking!.id, reason })}
      />
    </>
  );
}
