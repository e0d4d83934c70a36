// 角色: built-in and custom roles with their permissions and active grants; custom roles can be
// created, changed and withdrawn (when unused). Beside it, the permission catalogue by module.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Space, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { api } from '../../app/api';
import type { Permission, Role } from '../../app/api-types';
import { codeLabel } from '../../app/i18n';
import { allows, hasPermission, P } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { byModule, permissionName, usePermissionCatalogue } from '../../components/PermissionPicker';
import { ReasonModal } from '../../components/ReasonModal';
import { roleName, ROLES_KEY, useRoles } from '../../components/RoleSelect';
import { StatusTag } from '../../components/StatusTag';
import { useFormMutation } from '../../components/useFormMutation';
import { RoleFormModal } from './RoleFormModal';

function RolePermissions({ role, catalogue }: { role: Role; catalogue: Permission[] }) {
  const { t } = useTranslation();
  const held = catalogue.filter((p) => role.permissions.includes(p.code));
  return (
    <ul className="plain-list">
      {byModule(held).map(([module, perms]) => (
        <li key={module}>
          {t('roles.moduleLine', { module: codeLabel('permissionModule', module), perms: perms.map(permissionName).join(t('common.listSep')) })}
        </li>
      ))}
    </ul>
  );
}

export default function RolesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const roles = useRoles(showWithdrawn);
  const catalogue = usePermissionCatalogue();
  const [editing, setEditing] = useState<Role | null | 'new'>(null);
  const [withdrawing, setWithdrawing] = useState<Role | null>(null);
  const withdraw = useFormMutation((v: { role: Role; reason: string }) => api.post<Role>(`/roles/${v.role.id}/withdraw`, { reason: v.reason, version: v.role.version }), {
    invalidate: [ROLES_KEY],
    onSuccess: () => setWithdrawing(null),
  });
  const columns: ColumnsType<Role> = [
    { key: 'name', title: t('field.name'), render: (_, r) => roleName(r) },
    { key: 'code', title: t('field.code'), dataIndex: 'code' },
    { key: 'type', title: t('roles.type'), render: (_, r) => (r.builtin ? <StatusTag tone="info">{t('roles.builtin')}</StatusTag> : <StatusTag tone="neutral">{t('roles.custom')}</StatusTag>) },
    { key: 'perms', title: t('roles.permissionCount'), render: (_, r) => r.permissions.length },
    { key: 'grants', title: t('roles.activeGrants'), dataIndex: 'activeGrants' },
    { key: 'state', title: t('common.status'), render: (_, r) => (r.withdrawnAt ? <StatusTag tone="neutral">{t('common.withdrawn')}</StatusTag> : <StatusTag tone="success">{t('common.inUse')}</StatusTag>) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => (
        <Space>
          {allows(r, 'update') && (
            <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(r)} aria-label={t('roles.editTitle', { name: roleName(r) })}>
              {t('common.edit')}
            </Button>
          )}
          {allows(r, 'withdraw') && (
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} onClick={() => setWithdrawing(r)} aria-label={t('roles.withdrawTitle', { name: roleName(r) })}>
              {t('common.withdraw')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const catalogueColumns: ColumnsType<Permission> = [
    { key: 'module', title: t('roles.module'), render: (_, p) => codeLabel('permissionModule', p.module) },
    { key: 'name', title: t('field.name'), render: (_, p) => permissionName(p) },
    { key: 'code', title: t('field.code'), dataIndex: 'code' },
    { key: 'adminOnly', title: t('roles.adminOnly'), render: (_, p) => (p.adminOnly ? t('common.yes') : t('common.no')) },
    {
      key: 'roles',
      title: t('roles.heldBy'),
      render: (_, p) =>
        (roles.data ?? [])
          .filter((r) => !r.withdrawnAt && r.permissions.includes(p.code))
          .map(roleName)
          .join(t('common.listSep')) || '—',
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        extra={
          hasPermission(me, P.roles.manage) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t('roles.create')}
            </Button>
          )
        }
      />
      <ErrorAlert error={roles.error ?? catalogue.error} />
      <Card>
        <Tabs
          items={[
            {
              key: 'roles',
              label: t('roles.tabRoles'),
              children: (
                <>
                  <Checkbox checked={showWithdrawn} onChange={(e) => setShowWithdrawn(e.target.checked)} className="block-gap">
                    {t('common.includeWithdrawn')}
                  </Checkbox>
                  <DataTable<Role>
                    label={t('roles.tabRoles')}
                    rowKey="id"
                    columns={columns}
                    dataSource={roles.data ?? []}
                    loading={roles.isLoading}
                    pagination={false}
                    
                    expandable={{ columnTitle: <span className="visually-hidden">{t('roles.permissions')}</span>, expandedRowRender: (r) => <RolePermissions role={r} catalogue={catalogue.data ?? []} /> }}
                  />
                </>
              ),
            },
            {
              key: 'catalogue',
              label: t('roles.tabCatalogue'),
              children: <DataTable<Permission> label={t('roles.tabCatalogue')} rowKey="code" columns={catalogueColumns} dataSource={catalogue.data ?? []} loading={catalogue.isLoading} pagination={false} />,
            },
          ]}
        />
      </Card>
      <RoleFormModal open={editing !== null} role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <ReasonModal
        open={!!withdrawing}
        title={t('roles.withdrawTitle', { name: withdrawing ? roleName(withdrawing) : '' })}
        okText={t('common.withdraw')}
        danger
        onCancel={() => setWithdrawing(null)}
        onSubmit={(reason) => withdraw.mutateAsync({ role: withdrawing!, reason })}
      />
    </>
  );
}
