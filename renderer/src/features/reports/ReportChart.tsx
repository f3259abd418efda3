import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportResult } from '../../../../core/report/contract.ts';
import { chartData, type ChartData } from './format.ts';

// ECharts, tree-shaken to the three chart types and the SVG renderer: SVG prints as vectors
// (crisp in the A4 PDF) and the built-in ZH locale labels the tooltip and legend in Chinese.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

type Spec = ReportResult['charts'][number];

// Empty slices are left out of a pie (their labels pile up); the table beside it still lists them.
function option(spec: Spec, d: ChartData): echarts.EChartsCoreOption {
  const base = { animation: false, title: { text: spec.title, left: 'center', textStyle: { fontSize: 13 } }, tooltip: { trigger: spec.type === 'pie' ? 'item' : 'axis' } };
  if (spec.type === 'pie')
    return {
      ...base,
      legend: { bottom: 0, type: 'scroll' },
      series: [{ type: 'pie', radius: ['30%', '62%'], label: { formatter: '{b}\n{c}（{d}%）' }, data: d.categories.map((name, i) => ({ name, value: d.series[0]?.values[i] ?? 0 })).filter((x) => x.value > 0) }],
    };
  return {
    ...base,
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: d.categories.length > 8 ? 72 : 48 },
    xAxis: { type: 'category', data: d.categories, axisLabel: { rotate: d.categories.length > 8 ? 45 : 0, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: d.series.map((s) => ({ type: spec.type, name: s.name, data: s.values })),
  };
}

/** One chart of a report; the table of the same numbers sits beside it (ChartTable). */
export function ReportChart({ report, spec }: { report: ReportResult; spec: Spec }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const chart = echarts.init(host.current, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.setOption(option(spec, chartData(report, spec)));
    const resize = () => chart.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [report, spec]);
  return <div ref={host} className="report-chart" role="img" aria-label={spec.title} />;
}

/** The chart's numbers as a small table, beside the chart (and in print). */
export function ChartTable({ report, spec }: { report: ReportResult; spec: Spec }) {
  const d = chartData(report, spec);
  const fmt = (v: number) => (d.money ? v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v));
  return (
    <table className="chart-table" aria-label={`${spec.title}（数据）`}>
      <thead>
        <tr>
          <th scope="col">{spec.type === 'pie' ? '类别' : spec.rows === 'period' ? '月份' : '单位'}</th>
          {d.series.map((s) => <th key={s.key} scope="col">{s.name}</th>)}
        </tr>
      </thead>
      <tbody>
        {d.categories.map((c, i) => (
          <tr key={c + i}>
            <th scope="row">{c}</th>
            {d.series.map((s) => <td key={s.key}>{fmt(s.values[i] ?? 0)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
