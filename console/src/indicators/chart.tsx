import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from './series';

/** One line or bar series of a chart. */
export interface SeriesStyle {
  readonly label: string;
  readonly colour: string;
  /** `pct`: the right-hand axis in %; `n`: the left-hand axis, a count. */
  readonly scale: 'pct' | 'n';
  /** @defaultValue 'line' */
  readonly kind?: 'line' | 'bars';
}

export interface ChartProps {
  /** Names the chart for screen readers (the canvas says nothing). */
  readonly title: string;
  readonly data: ChartSeries;
  readonly styles: readonly SeriesStyle[];
  /** @defaultValue 260 */
  readonly height?: number;
}

const AXIS = { stroke: '#3e4c59', grid: { stroke: '#e4e9f0', width: 1 }, ticks: { stroke: '#d9e2ec', width: 1 } };

function options(p: ChartProps, width: number, uplot: typeof uPlot): uPlot.Options {
  const bars = uplot.paths.bars?.({ size: [0.6, 48] });
  const hasPct = p.styles.some((s) => s.scale === 'pct');
  const hasN = p.styles.some((s) => s.scale === 'n');
  const labels = p.data.labels;
  return {
    width,
    height: p.height ?? 260,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: [-0.5, Math.max(0.5, labels.length - 0.5)] },
      pct: { range: [0, 100] },
      n: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
    },
    axes: [
      { ...AXIS, values: (_u, splits) => splits.map((i) => labels[i] ?? ''), splits: () => labels.map((_, i) => i), gap: 6 },
      ...(hasN
        ? [{ ...AXIS, scale: 'n', values: (_u: uPlot, splits: number[]) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) }]
        : []),
      ...(hasPct
        ? [
            {
              ...AXIS,
              scale: 'pct',
              side: 1 as const,
              grid: { show: !hasN },
              values: (_u: uPlot, splits: number[]) => splits.map((v) => `${v}%`),
            },
          ]
        : []),
    ],
    series: [
      { label: '' },
      ...p.styles.map((s): uPlot.Series => ({
        label: s.label,
        scale: s.scale,
        stroke: s.colour,
        width: 2,
        ...(s.kind === 'bars' && bars
          ? { paths: bars, fill: `${s.colour}cc`, points: { show: false } }
          : { points: { show: true, size: 6 } }),
        spanGaps: false,
        value: (_u, v) => (v === null || v === undefined ? '—' : s.scale === 'pct' ? `${v}%` : String(v)),
      })),
    ],
  };
}

/**
 * A uPlot chart in a container `[data-testid="chart"]`. uPlot's code is loaded when the first chart
 * is drawn (its own chunk), so the figures and definitions show before it arrives.
 */
export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | undefined;
    let cancelled = false;
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) return;
      const data = [props.data.x, ...props.data.columns] as unknown as uPlot.AlignedData;
      plot = new UPlot(options(props, Math.max(320, el.clientWidth), UPlot), data, el);
    });
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(320, el.clientWidth), height: props.height ?? 260 }));
    resize.observe(el);
    return () => {
      cancelled = true;
      resize.disconnect();
      plot?.destroy();
    };
  }, [props]);
  return <div class="kpi-chart" data-testid="chart" ref={box} role="img" aria-label={props.title} />;
}
