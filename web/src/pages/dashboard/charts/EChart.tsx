// One ECharts chart (RPT-02), in its own lazy chunk: echarts/core with only the bar and line charts
// and the SVG renderer, so the first load of the app stays small. The chart is an image to assistive
// technology (role="img" with a text description); the figures and their links are in the table the
// dashboard shows beside every chart.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
}

export interface EChartProps {
  option: echarts.EChartsCoreOption;
  /** Text description of what the chart shows (its figures). */
  label: string;
  height: number;
  onItemClick?: (p: ChartClick) => void;
}

export default function EChart({ option, label, height, onItemClick }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex }));
    // Cards change width with the menu and the phone's orientation, not only the window.
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={box} role="img" aria-label={label} className="dash-chart" style={{ height, cursor: onItemClick ? 'pointer' : undefined }} />;
}
