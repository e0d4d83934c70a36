// One person: fields (personal data masked, reveal with a reason), account state, the actions the
// server allows, grants and history.
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import type { User } from '../../app/api-types';
import { formatDateTime } from '../../app/format';
import { allows } from '../../app/permissions';
import { USER_STATUS_TONES, userStatusLabel } from '../../components/enum-labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { RecordTimeline } from '../../components/RecordTimeline';
import { StatusTag } from '../../components/StatusTag';
import { SensitiveField } from './SensitiveField';
import { UserActions } from './UserActions';
import { UserGrants } from './UserGrants';

export default function UserDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['users', 'one', id], queryFn: () => api.get<User>(`/users/${id}`) });
  const back = { to: '/users', label: t('nav.users') };
  if (q.isLoading) return <Loading />;
  if (!q.data) {
    return (
      <>
        <PageHeader title={t('nav.users')} back={back} />
        <ErrorAlert error={q.error} />
      </>
    );
  }
  const u = q.data;
  const locked = !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
  const canReveal = allows(u, 'reveal');
  return (
    <>
      <PageHeader
        title={u.name}
        back={back}
        tags={
          <>
            <StatusTag tone={USER_STATUS_TONES[u.status]}>{userStatusLabel(u.status)}</StatusTag>
            {locked && <StatusTag tone="error">{t('users.locked')}</StatusTag>}
            {u.mustChangePassword && <StatusTag tone="info">{t('users.mustChangePassword')}</StatusTag>}
          </>
        }
        extra={<UserActions user={u} />}
      />
      <Card className="card-gap" title={<h2 className="section-title">{t('common.details')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('field.username')}>{u.username}</Descriptions.Item>
          <Descriptions.Item label={t('field.orgId')}>
            <Link to={`/orgs?id=${u.orgId}`}>{u.orgName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.post')}>{u.post ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.employeeNo')}>{u.employeeNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.email')}>{u.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.phone')}>
            <SensitiveField key={`phone-${u.version}`} userId={u.id} field="phone" masked={u.phone} canReveal={canReveal} />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.idNumber')}>
            <SensitiveField key={`id-${u.version}`} userId={u.id} field="idNumber" masked={u.idNumber} canReveal={canReveal} />
          </Descriptions.Item>
          <Descriptions.Item label={t('field.statusChangedAt')}>{formatDateTime(u.statusChangedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('home.secondFactor')}>{u.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</Descriptions.Item>
          <Descriptions.Item label={t('field.lockedUntil')}>{locked ? formatDateTime(u.lockedUntil) : t('users.notLocked')}</Descriptions.Item>
          <Descriptions.Item label={t('field.lastLoginAt')}>{formatDateTime(u.lastLoginAt)}</Descriptions.Item>
          <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(u.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <UserGrants user={u} />
      <Card title={<h2 className="section-title">{t('history.title')}</h2>}>
        <RecordTimeline path={`/users/${u.id}/history`} />
      </Card>
    </>
  );
}
