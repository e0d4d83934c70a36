// 首页: for whoever may read hazards or inspections, the dashboard (RPT-02) above the personal card;
// for everyone else (the administrators) the personal card — the signed-in person, their unit, roles
// and scope, password expiry — and the areas they may use with the real number of records.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import type { PageOf } from '../../app/api-types';
import { daysUntil, formatDate, formatDateTime } from '../../app/format';
import { currentLanguage } from '../../app/i18n';
import { systemNavFor, type NavItem, type SystemArea } from '../../app/layout/nav';
import { useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { DashboardView } from '../dashboard/DashboardView';
import { mayReadDashboard } from '../dashboard/permissions';
import { useRoles } from '../../components/RoleSelect';

/** Lists that answer with a total: the tile shows it. */
const COUNTED: Partial<Record<SystemArea, string>> = { orgs: '/orgs', sites: '/sites', users: '/users', apiTokens: '/api-tokens', audit: '/audit/events' };

function useFigure(area: SystemArea): { value: string | number; loading: boolean } {
  const { t } = useTranslation();
  const me = useSession();
  const path = COUNTED[area];
  const total = useQuery({ queryKey: ['home', 'count', area], queryFn: () => api.get<PageOf<unknown>>(path!, { pageSize: 1 }), enabled: !!path });
  const roles = useRoles(false, area === 'roles');
  if (path) return { value: total.data?.total ?? '—', loading: total.isLoading };
  if (area === 'roles') return { value: roles.data?.filter((r) => !r.withdrawnAt).length ?? '—', loading: roles.isLoading };
  return { value: t('home.policyFigure', { min: me.policy.passwordMinLength, idle: me.policy.idleTimeoutMinutes }), loading: false };
}

function Tile({ item }: { item: NavItem }) {
  const { t } = useTranslation();
  const figure = useFigure(item.area);
  return (
    <Link to={item.path} className="tile-link">
      <Card hoverable size="small">
        <Statistic title={t(`nav.${item.area}`)} value={figure.value} prefix={item.icon} loading={figure.loading} />
      </Card>
    </Link>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const me = useSession();
  const en = currentLanguage() === 'en';
  const areas = systemNavFor(me);
  const expires = me.user.passwordExpiresAt;
  const daysLeft = expires ? daysUntil(expires) : null;
  const dashboard = mayReadDashboard(me);
  return (
    <>
      <PageHeader title={t('nav.home')} />
      {dashboard && <DashboardView />}
      <Card className="card-gap" title={<h2 className="section-title">{t('home.welcome', { name: me.user.name })}</h2>}>
        {daysLeft !== null && daysLeft <= 14 && <Alert type="warning" showIcon className="block-gap" title={t('home.passwordExpiresSoon', { days: Math.max(daysLeft, 0) })} action={<Link to="/account">{t('home.changePassword')}</Link>} />}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.username')}>{me.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('field.orgId')}>{me.user.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('field.post')}>{me.user.post ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            {me.grants.length ? me.grants.map((g) => t('home.roleAt', { role: en ? g.roleNameEn : g.roleName, org: g.orgName })).join(t('common.listSep')) : t('home.noRoles')}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.passwordExpires')}>{expires ? formatDate(expires) : t('home.passwordNoExpiry')}</Descriptions.Item>
          <Descriptions.Item label={t('field.lastLoginAt')}>{formatDateTime(me.user.lastLoginAt)}</Descriptions.Item>
          <Descriptions.Item label={t('home.secondFactor')}>{me.user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</Descriptions.Item>
        </Descriptions>
      </Card>
      {!dashboard && (
        <Card title={<h2 className="section-title">{t('home.areas')}</h2>}>
          {areas.length ? (
            <div className="tile-grid">
              {areas.map((a) => (
                <Tile key={a.area} item={a} />
              ))}
            </div>
          ) : (
            <Typography.Paragraph>{t('home.noAreas')}</Typography.Paragraph>
          )}
        </Card>
      )}
    </>
  );
}
