// The four chart panels of the dashboard (RPT-02): open hazards by grade and by unit, hazards opened
// and closed per month, and this month's inspection coverage per unit. A click on a bar, like a
// number in a panel's table, opens the register filtered to exactly the records behind it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ChartCard } from './ChartCard';
import { coverageUnitOption, gradeOption, hazardUnitOption, monthlyOption, unitChartHeight } from './chart-options';
import { GRADES, hazardLinks, inspectionLinks, type Dashboard } from './links';

const Num = ({ to, value, label }: { to: string; value: number; label: string }) => (
  <td className="num">
    <Link to={to} aria-label={label}>
      {value}
    </Link>
  </td>
);

export function DashboardCharts({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const scope = d.scope.orgId;
  const L = (k: string) => t(`dashboard.col.${k}` as never);
  const G = (g: string) => t(`dashboard.grade.${g}` as never);
  const pair = (name: string, value: string | number) => t('dashboard.pair', { name, value });
  const describe = (title: string, items: string[]) => `${title}${t('dashboard.colon')}${items.length ? items.join(t('common.listSep')) : t('dashboard.noUnits')}`;

  const options = useMemo(
    () => ({
      grade: gradeOption(d, (k) => (k === 'count' ? L('count') : G(k))),
      unit: hazardUnitOption(d, L),
      monthly: monthlyOption(d, L),
      coverage: coverageUnitOption(d, L),
    }),
    // Labels follow the language; the figures follow the data.
    [d, t],
  );

  const titles = { grade: t('dashboard.chart.byGrade'), unit: t('dashboard.chart.byUnit'), monthly: t('dashboard.chart.monthly'), coverage: t('dashboard.chart.coverage', { month: d.inspections.month }) };
  const hu = d.hazards.byUnit;
  const iu = d.inspections.byUnit;
  const m = d.hazards.monthly;

  return (
    <div className="dash-grid">
      <ChartCard
        title={titles.grade}
        option={options.grade}
        height={220}
        label={describe(titles.grade, GRADES.map((g) => pair(G(g), d.hazards.byGrade[g])))}
        onItemClick={(p) => navigate(hazardLinks.grade(GRADES[p.dataIndex], scope))}
        table={
          <table className="dash-table">
            <caption className="visually-hidden">{titles.grade}</caption>
            <thead>
              <tr>
                <th scope="col">{L('grade')}</th>
                <th scope="col" className="num">{L('count')}</th>
              </tr>
            </thead>
            <tbody>
              {GRADES.map((g) => (
                <tr key={g}>
                  <th scope="row">{G(g)}</th>
                  <Num to={hazardLinks.grade(g, scope)} value={d.hazards.byGrade[g]} label={pair(`${titles.grade} ${G(g)}`, d.hazards.byGrade[g])} />
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartCard
        title={titles.unit}
        option={options.unit}
        height={unitChartHeight(hu.length, true)}
        empty={!hu.length}
        label={describe(titles.unit, hu.map((u) => `${u.orgName} ${pair(L('open'), u.open)} ${pair(L('overdue'), u.overdue)}`))}
        onItemClick={(p) => navigate(p.seriesIndex === 1 ? hazardLinks.overdue(hu[p.dataIndex].orgId) : hazardLinks.open(hu[p.dataIndex].orgId))}
        foldTable={hu.length > 8}
        table={
          <table className="dash-table">
            <caption className="visually-hidden">{titles.unit}</caption>
            <thead>
              <tr>
                <th scope="col">{L('unit')}</th>
                <th scope="col" className="num">{L('open')}</th>
                <th scope="col" className="num">{L('overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {hu.map((u) => (
                <tr key={u.orgId}>
                  <th scope="row">{u.orgName}</th>
                  <Num to={hazardLinks.open(u.orgId)} value={u.open} label={pair(`${u.orgName} ${L('open')}`, u.open)} />
                  <Num to={hazardLinks.overdue(u.orgId)} value={u.overdue} label={pair(`${u.orgName} ${L('overdue')}`, u.overdue)} />
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartCard
        title={titles.monthly}
        option={options.monthly}
        height={240}
        label={describe(titles.monthly, m.map((x) => `${x.month} ${pair(L('opened'), x.opened)} ${pair(L('closed'), x.closed)}`))}
        onItemClick={(p) => navigate(p.seriesIndex === 1 ? hazardLinks.closed(m[p.dataIndex].month, scope) : hazardLinks.opened(m[p.dataIndex].month, scope))}
        foldTable
        table={
          <table className="dash-table">
            <caption className="visually-hidden">{titles.monthly}</caption>
            <thead>
              <tr>
                <th scope="col">{L('month')}</th>
                <th scope="col" className="num">{L('opened')}</th>
                <th scope="col" className="num">{L('closed')}</th>
              </tr>
            </thead>
            <tbody>
              {m.map((x) => (
                <tr key={x.month}>
                  <th scope="row">{x.month}</th>
                  <Num to={hazardLinks.opened(x.month, scope)} value={x.opened} label={pair(`${x.month} ${L('opened')}`, x.opened)} />
                  <Num to={hazardLinks.closed(x.month, scope)} value={x.closed} label={pair(`${x.month} ${L('closed')}`, x.closed)} />
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartCard
        title={titles.coverage}
        option={options.coverage}
        height={unitChartHeight(iu.length, false)}
        empty={!iu.length}
        label={describe(titles.coverage, iu.map((u) => `${u.orgName} ${pair(L('coverage'), u.coverage === null ? '—' : `${u.coverage}%`)}`))}
        onItemClick={(p) => navigate(inspectionLinks.summary(d.inspections.month, iu[p.dataIndex].orgId))}
        foldTable={iu.length > 8}
        table={
          <table className="dash-table">
            <caption className="visually-hidden">{titles.coverage}</caption>
            <thead>
              <tr>
                <th scope="col">{L('unit')}</th>
                <th scope="col" className="num">{L('due')}</th>
                <th scope="col" className="num">{L('done')}</th>
                <th scope="col" className="num">{L('overdue')}</th>
                <th scope="col" className="num">{L('coverage')}</th>
              </tr>
            </thead>
            <tbody>
              {iu.map((u) => {
                const to = inspectionLinks.summary(d.inspections.month, u.orgId);
                return (
                  <tr key={u.orgId}>
                    <th scope="row">{u.orgName}</th>
                    <Num to={to} value={u.due} label={pair(`${u.orgName} ${L('due')}`, u.due)} />
                    <Num to={to} value={u.done} label={pair(`${u.orgName} ${L('done')}`, u.done)} />
                    <Num to={to} value={u.overdue} label={pair(`${u.orgName} ${L('overdue')}`, u.overdue)} />
                    <td className="num">{u.coverage === null ? '—' : `${u.coverage}%`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
