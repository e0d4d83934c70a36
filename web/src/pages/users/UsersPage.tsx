// 人员: people in the caller's scope — filters (unit subtree, status, role, text), paginated table,
// create (the generated one-time password is shown once).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { User, UserCreated, UserStatus } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { hasPermission, P } from '../../app/permissions';
import { useSession } from '../../app/session';
import { USER_STATUS_TONES, userStatusLabel, userStatuses } from '../../components/enum-labels';
import { FilterBar } from '../../components/FilterBar';
import { OneTimeSecretModal } from '../../components/OneTimeSecretModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { RegisterTable } from '../../components/RegisterTable';
import { RoleSelect } from '../../components/RoleSelect';
import { StatusTag } from '../../components/StatusTag';
import { useListParams } from '../../components/useListParams';
import { UserFormModal } from './UserFormModal';

const FILTERS = ['orgId', 'status', 'roleCode', 'q'] as const;
type Filters = { orgId?: string; status?: UserStatus; roleCode?: string; q?: string };

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const list = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<UserCreated | null>(null);
  const en = currentLanguage() === 'en';
  const columns: ColumnsType<User> = [
    { key: 'name', title: t('users.name'), sorter: true, render: (_, u) => <Link to={`/users/${u.id}`}>{u.name}</Link> },
    { key: 'username', title: t('field.username'), sorter: true, dataIndex: 'username' },
    { key: 'org', title: t('field.orgId'), render: (_, u) => u.orgName },
    { key: 'post', title: t('field.post'), render: (_, u) => u.post ?? '—' },
    {
      key: 'roles',
      title: t('users.roles'),
      render: (_, u) =>
        u.grants
          .filter((g) => !g.revokedAt)
          .map((g) => (en ? g.roleNameEn : g.roleName))
          .join(t('common.listSep')) || '—',
    },
    { key: 'status', title: t('field.status'), sorter: true, render: (_, u) => <StatusTag tone={USER_STATUS_TONES[u.status]}>{userStatusLabel(u.status)}</StatusTag> },
    { key: 'lastLoginAt', title: t('field.lastLoginAt'), sorter: true, render: (_, u) => formatDateTime(u.lastLoginAt) },
  ];
  const f = list.filters;
  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          hasPermission(me, P.users.manage) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <FilterBar<Filters>
        name="userFilters"
        values={{ orgId: f.orgId, status: f.status as UserStatus | undefined, roleCode: f.roleCode, q: f.q }}
        onSearch={(v) => list.setFilters({ orgId: v.orgId, status: v.status, roleCode: v.roleCode, q: v.q?.trim() })}
        onReset={() => list.setFilters({})}
      >
        <Form.Item name="orgId" label={t('filter.unitSubtree')}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="status" label={t('field.status')}>
          <Select allowClear placeholder={t('common.all')} options={userStatuses.map((s) => ({ value: s, label: userStatusLabel(s) }))} />
        </Form.Item>
        <Form.Item name="roleCode" label={t('users.role')}>
          <RoleSelect placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="q" label={t('filter.text')}>
          <Input allowClear placeholder={t('users.textPlaceholder')} />
        </Form.Item>
      </FilterBar>
      <div className="table-card">
        <RegisterTable<User, (typeof FILTERS)[number]> label={t('nav.users')} queryKey={['users']} path="/users" params={list} columns={columns} onRowClick={(u) => navigate(`/users/${u.id}`)} />
      </div>
      <UserFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          if (r.initialPassword) setCreated(r);
          else navigate(`/users/${r.user.id}`);
        }}
      />
      <OneTimeSecretModal
        title={t('users.createdTitle', { name: created?.user.name ?? '' })}
        secret={created?.initialPassword ?? null}
        label={t('users.initialPassword')}
        warning={t('users.initialPasswordWarning')}
        onClose={() => {
          const id = created?.user.id;
          setCreated(null);
          if (id) navigate(`/users/${id}`);
        }}
      />
    </>
  );
}
