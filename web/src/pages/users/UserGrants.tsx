// A person's grants (role × unit subtree, SEC-02): revoke where allowed, grant a role. Refusals such
// as separation of duties (SEC-03), granting oneself or removing the last administrator come back
// from the server and are shown as it words them.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { api } from '../../app/api';
import type { User, UserGrant } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { allows, P } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ReasonModal } from '../../components/ReasonModal';
import { RoleSelect } from '../../components/RoleSelect';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';

interface GrantValues {
  roleCode: string;
  orgId: string;
}

export function UserGrants({ user }: { user: User }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en';
  const isMobile = useIsMobile();
  const [form] = Form.useForm<GrantValues>();
  const [revoking, setRevoking] = useState<UserGrant | null>(null);
  // A new form after each grant: the choices start empty again.
  const [formKey, setFormKey] = useState(0);
  const refresh = [['users'], ['history'], ['roles']];
  const grant = useFormMutation((v: GrantValues) => api.create<User>(`/users/${user.id}/grants`, v), { form, invalidate: refresh, onSuccess: () => setFormKey((k) => k + 1) });
  const revoke = useFormMutation((v: { id: string; reason: string }) => api.post<User>(`/grants/${v.id}/revoke`, { reason: v.reason }), { invalidate: refresh, onSuccess: () => setRevoking(null) });
  const columns: ColumnsType<UserGrant> = [
    { key: 'role', title: t('users.role'), render: (_, g) => (en ? g.roleNameEn : g.roleName) },
    { key: 'org', title: t('users.grantScope'), render: (_, g) => g.orgName },
    { key: 'grantedAt', title: t('users.grantedAt'), render: (_, g) => formatDateTime(g.grantedAt) },
    {
      key: 'state',
      title: t('common.status'),
      render: (_, g) =>
        g.revokedAt ? (
          <span>
            <StatusTag tone="neutral">{t('users.grantRevoked')}</StatusTag> {formatDateTime(g.revokedAt)}
            {g.revokeReason ? ` · ${g.revokeReason}` : ''}
          </span>
        ) : (
          <StatusTag tone="success">{t('users.grantActive')}</StatusTag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, g) =>
        allows(g, 'revoke') && (
          <Button danger size="small" onClick={() => setRevoking(g)} aria-label={t('users.revokeGrantNamed', { role: en ? g.roleNameEn : g.roleName, org: g.orgName })}>
            {t('common.revoke')}
          </Button>
        ),
    },
  ];
  return (
    <Card className="card-gap" title={<h2 className="section-title">{t('users.grants')}</h2>}>
      <ErrorAlert error={grant.error} form={form} />
      {allows(user, 'grant') && (
        <Form<GrantValues> key={formKey} form={form} name="grantForm" layout={isMobile ? 'vertical' : 'inline'} onFinish={(v) => grant.mutate(v)} className="block-gap grant-form">
          <Form.Item name="roleCode" label={t('users.role')} rules={[{ required: true, message: t('validation.required') }]}>
            <RoleSelect />
          </Form.Item>
          <Form.Item name="orgId" label={t('users.grantScope')} rules={[{ required: true, message: t('validation.required') }]}>
            <OrgTreeSelect permission={P.roles.manage} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={grant.isPending}>
              {t('users.grantRole')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <DataTable<UserGrant> label={t('users.grants')} rowKey="id" size="small" columns={columns} dataSource={user.grants} pagination={false} rowClassName={(g) => (g.revokedAt ? 'row-muted' : '')} />
      <ReasonModal
        open={!!revoking}
        title={t('users.revokeGrantNamed', { role: revoking ? (en ? revoking.roleNameEn : revoking.roleName) : '', org: revoking?.orgName ?? '' })}
        okText={t('common.revoke')}
        danger
        onCancel={() => setRevoking(null)}
        onSubmit={(reason) => revoke.mutateAsync({ id: revoking!.id, reason })}
      />
    </Card>
  );
}
