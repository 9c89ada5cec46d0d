import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Columns } from '../lib/latency-series.js';
import { type ChartMarker, placeMarkers } from '../lib/server-changes.js';

export interface ChartSeries {
  label: string;
  /** A CSS custom property holding the colour, so the chart follows light and dark mode. */
  colorVar: string;
  /** Fill down to the previous series: stacked bands. */
  band?: boolean;
}

interface TimeSeriesChartProps {
  data: Columns;
  series: ChartSeries[];
  /** What the chart shows, for people who cannot see it. */
  label: string;
  height?: number;
  unit?: string;
  /** The time window shown, in unix seconds. */
  window: [number, number];
  /** Moments to mark with a vertical line and a label, such as releases. */
  markers?: readonly ChartMarker[];
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function options(props: TimeSeriesChartProps, width: number): uPlot.Options {
  const axis = {
    stroke: cssVar('--text-muted'),
    grid: { stroke: cssVar('--border'), width: 1 },
    ticks: { stroke: cssVar('--border') },
  };
  const unit = props.unit ?? 'ms';
  return {
    width,
    height: props.height ?? 240,
    cursor: { drag: { x: true, y: false } },
    scales: {
      // The axis spans the chosen time window (set after each load), so a few checks sit where they happened.
      x: { time: true, auto: false },
      y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, 1)] },
    },
    axes: [
      axis,
      { ...axis, size: 60, values: (_u, ticks) => ticks.map((tick) => `${Math.round(tick)} ${unit}`) },
    ],
    series: [
      {},
      ...props.series.map((series) => {
        const color = cssVar(series.colorVar);
        return {
          label: series.label,
          stroke: color,
          width: 1.5,
          spanGaps: false,
          // Points only while there are few of them: a handful of checks must not look like no data.
          points: { show: (u: uPlot) => (u.data[0]?.length ?? 0) < 60, size: 5 },
          value: (_u: uPlot, value: number | null) => (value === null ? '—' : `${value.toFixed(1)} ${unit}`),
          ...(series.band ? { fill: `${color}55` } : {}),
        };
      }),
    ],
    ...(props.series.some((series) => series.band)
      ? {
          bands: props.series
            .slice(1)
            .map((_series, index) => ({ series: [index + 2, index + 1] as [number, number] })),
        }
      : {}),
  };
}

function showWindow(chart: uPlot, [min, max]: [number, number]): void {
  chart.setScale('x', { min, max });
}

/**
 * Markers over the plot area (uPlot's `over` element spans exactly the x
 * scale, which is the window): elements React writes, so a label a server
 * chose is text; hovering one gives its whole sentence.
 */
function Markers({ markers, window: shown }: { markers: readonly ChartMarker[]; window: [number, number] }) {
  return placeMarkers(markers, shown).map((marker) => (
    <div
      key={`${marker.at}:${marker.label}`}
      // Past the middle the label reads leftwards, so one near the end stays inside the chart.
      className={marker.position > 0.5 ? 'chart-marker chart-marker-end' : 'chart-marker'}
      style={{ left: `${(marker.position * 100).toFixed(3)}%` }}
      data-testid="release-marker"
      title={marker.title}
    >
      <span className="chart-marker-label">{marker.label}</span>
    </div>
  ));
}

/** A uPlot time series: canvas-drawn, so 10,000 points stay smooth. */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [overlay, setOverlay] = useState<HTMLElement | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const shape = props.series.map((series) => series.label).join('|');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is rebuilt only when its series change; data flows through setData
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const build = () => {
      chart.current?.destroy();
      chart.current = new uPlot(
        options(propsRef.current, element.clientWidth || 600),
        propsRef.current.data as uPlot.AlignedData,
        element,
      );
      showWindow(chart.current, propsRef.current.window);
      setOverlay(chart.current.over);
    };
    build();
    const resize = new ResizeObserver(() =>
      chart.current?.setSize({ width: element.clientWidth, height: propsRef.current.height ?? 240 }),
    );
    resize.observe(element);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', build);
      chart.current?.destroy();
      chart.current = null;
      setOverlay(null);
    };
  }, [shape]);

  useEffect(() => {
    if (!chart.current) return;
    chart.current.setData(props.data as uPlot.AlignedData);
    showWindow(chart.current, props.window);
  }, [props.data, props.window]);

  return (
    <>
      <div className="chart" ref={container} role="img" aria-label={props.label} />
      {overlay && props.markers?.length
        ? createPortal(<Markers markers={props.markers} window={props.window} />, overlay)
        : null}
    </>
  );
}
