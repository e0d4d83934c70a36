// A dashboard panel: its title (a heading), the chart (lazy ECharts chunk, an image with a text
// description) and the same figures as a table whose every number links to its register filter.
import { Card } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartProps } from './charts/EChart';

const EChart = lazy(() => import('./charts/EChart'));

interface Props extends EChartProps {
  title: string;
  /** The figures as a table (links); folded away under "data table" when `foldTable`. */
  table: ReactNode;
  foldTable?: boolean;
  empty?: boolean;
}

export function ChartCard({ title, table, foldTable, empty, ...chart }: Props) {
  const { t } = useTranslation();
  return (
    <Card size="small" className="dash-card" title={<h3 className="dash-card-title">{title}</h3>}>
      {empty ? (
        <p className="dash-empty">{t('dashboard.noUnits')}</p>
      ) : (
        <>
          <Suspense fallback={<div className="dash-chart" style={{ height: chart.height }} aria-hidden />}>
            <EChart {...chart} />
          </Suspense>
          {foldTable ? (
            <details className="dash-details">
              <summary>{t('dashboard.showTable')}</summary>
              {table}
            </details>
          ) : (
            table
          )}
        </>
      )}
    </Card>
  );
}
