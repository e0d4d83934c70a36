// The dashboard's chart options (RPT-02), built from the API's figures. Plain objects: this file does
// not load ECharts (charts/EChart.tsx does, lazily). Colours follow the hazard grades' tags.
import type { Dashboard, Grade } from './links';
import { GRADES } from './links';

export const GRADE_COLOURS: Record<Grade, string> = { major: '#cf1322', significant: '#d46b08', general: '#1677ff', ungraded: '#8c8c8c' };
const OPEN = '#1677ff';
const OVERDUE = '#cf1322';
const CLOSED = '#389e0d';

type Label = (key: string) => string;

const base = { animation: false, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, textStyle: { fontFamily: 'inherit' } };

export function gradeOption(d: Dashboard, label: Label) {
  return {
    ...base,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: GRADES.map((g) => label(g)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: label('count'),
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: GRADES.map((g) => ({ value: d.hazards.byGrade[g], itemStyle: { color: GRADE_COLOURS[g] } })),
      },
    ],
  };
}

/** Horizontal bars, one row per unit: names are long, and a phone is narrow. */
function unitBars(names: string[], series: Array<Record<string, unknown>>, legend: boolean, max?: number) {
  return {
    ...base,
    legend: legend ? { top: 0 } : undefined,
    grid: { left: 8, right: 32, top: legend ? 32 : 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, max },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 120, overflow: 'truncate' } },
    series,
  };
}

export function hazardUnitOption(d: Dashboard, label: Label) {
  const u = d.hazards.byUnit;
  return unitBars(
    u.map((x) => x.orgName),
    [
      { type: 'bar', name: label('open'), data: u.map((x) => x.open), itemStyle: { color: OPEN }, label: { show: true, position: 'right' } },
      { type: 'bar', name: label('overdue'), data: u.map((x) => x.overdue), itemStyle: { color: OVERDUE }, label: { show: true, position: 'right' } },
    ],
    true,
  );
}

export function coverageUnitOption(d: Dashboard, label: Label) {
  const u = d.inspections.byUnit;
  return unitBars(
    u.map((x) => x.orgName),
    [
      {
        type: 'bar',
        name: label('coverage'),
        data: u.map((x) => x.coverage ?? 0),
        itemStyle: { color: CLOSED },
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => (u[p.dataIndex].coverage === null ? '—' : `${u[p.dataIndex].coverage}%`) },
      },
    ],
    false,
    100,
  );
}

export function monthlyOption(d: Dashboard, label: Label) {
  const m = d.hazards.monthly;
  return {
    ...base,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: m.map((x) => x.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: label('opened'), data: m.map((x) => x.opened), itemStyle: { color: OPEN } },
      { type: 'bar', name: label('closed'), data: m.map((x) => x.closed), itemStyle: { color: CLOSED } },
    ],
  };
}

/** Height that gives each unit's row room for its bars. */
export const unitChartHeight = (n: number, legend: boolean) => Math.max(160, n * (legend ? 44 : 32) + (legend ? 48 : 24));
