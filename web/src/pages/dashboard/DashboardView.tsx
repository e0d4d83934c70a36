// 安全态势 (RPT-02): the figures of GET /api/v1/dashboard for the viewer's scope (or a unit chosen
// within it) — open and overdue hazards, this month's inspection coverage, the viewer's own tasks and
// the chart panels. Every number is a link to the register filter that lists the records behind it.
import { useQuery } from '@tanstack/react-query';
import { Card, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { DashboardCharts } from './DashboardCharts';
import { hazardLinks, inspectionLinks, TASK_KEYS, taskLink, type Dashboard } from './links';
import { DASHBOARD_PERMISSIONS, HP } from './permissions';
import './dashboard.css';

function Kpi({ to, label, value, note, alert }: { to: string; label: string; value: string | number; note?: string; alert?: boolean }) {
  return (
    <Link to={to} className="dash-kpi">
      <span className="dash-kpi-label">{label}</span>
      <span className={alert ? 'dash-kpi-value is-alert' : 'dash-kpi-value'}>{value}</span>
      {note && <span className="dash-kpi-note">{note}</span>}
    </Link>
  );
}

function Tasks({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const shown = TASK_KEYS.filter((k) => d.tasks[k] > 0);
  return (
    <Card size="small" className="dash-card" title={<h3 className="dash-card-title">{t('dashboard.tasks.title')}</h3>}>
      {shown.length ? (
        <ul className="dash-tasks">
          {shown.map((k) => (
            <li key={k}>
              <Link to={taskLink(k)}>
                <span>{t(`dashboard.tasks.${k}`)}</span>
                <strong>{d.tasks[k]}</strong>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="dash-empty">{t('dashboard.tasks.none')}</p>
      )}
    </Card>
  );
}

export function DashboardView() {
  const { t } = useTranslation();
  const me = useSession();
  const [sp, setSp] = useSearchParams();
  const orgId = sp.get('orgId') ?? undefined;
  const q = useQuery({ queryKey: ['dashboard', orgId ?? null], queryFn: () => api.get<Dashboard>('/dashboard', { orgId }) });
  const d = q.data;
  const unitPermission = hasPermission(me, HP.read) ? HP.read : DASHBOARD_PERMISSIONS[1];
  const coverage = d?.inspections.coverage;
  return (
    <section aria-labelledby="dash-title" className="card-gap">
      <div className="dash-toolbar">
        <h2 id="dash-title" className="section-title">
          {t('dashboard.title')}
        </h2>
        <Form layout="inline" name="dashboardScope">
          <Form.Item label={t('dashboard.unit')} htmlFor="dashboard-unit">
            <OrgTreeSelect id="dashboard-unit" value={d?.scope.orgId ?? orgId ?? null} permission={unitPermission} allowClear={false} onChange={(v) => v && setSp({ orgId: v })} />
          </Form.Item>
        </Form>
      </div>
      {q.isLoading ? (
        <Loading />
      ) : q.error ? (
        <ErrorAlert error={q.error} />
      ) : d ? (
        <>
          <div className="dash-kpis">
            <Kpi to={hazardLinks.open(d.scope.orgId)} label={t('dashboard.kpi.openHazards')} value={d.hazards.open} />
            <Kpi to={hazardLinks.overdue(d.scope.orgId)} label={t('dashboard.kpi.overdueHazards')} value={d.hazards.overdue} alert={d.hazards.overdue > 0} />
            <Kpi
              to={inspectionLinks.summary(d.inspections.month, d.scope.orgId)}
              label={t('dashboard.kpi.coverage')}
              value={coverage === null || coverage === undefined ? '—' : `${coverage}%`}
              note={t('dashboard.kpi.doneOfDue', { done: d.inspections.done, due: d.inspections.due })}
            />
            <Kpi to={inspectionLinks.summary(d.inspections.month, d.scope.orgId)} label={t('dashboard.kpi.inspectionsOverdue')} value={d.inspections.overdue} alert={d.inspections.overdue > 0} />
          </div>
          {d.today.length > 0 && (
            <div className="dash-kpis" role="group" aria-label={t('dashboard.today')}>
              {d.today.map((x) => (
                <Kpi key={x.key} to={x.link} label={x.label} value={x.value} alert={x.tone === 'warn' && x.value > 0} />
              ))}
            </div>
          )}
          <div className="dash-grid">
            <Tasks d={d} />
          </div>
          <DashboardCharts d={d} />
        </>
      ) : null}
    </section>
  );
}
