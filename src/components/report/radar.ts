import type { ChartConfiguration, ChartDataset } from 'chart.js';

/** One line of the radar chart: measured scores, the industry type's targets, or the what-if projection. */
export interface RadarSeries {
  kind: 'current' | 'target' | 'projected';
  label: string;
  data: (number | null)[];
}

/** The page's colours the chart is drawn in. */
export interface RadarColors {
  text: string;
  primary: string;
  ok: string;
}

/** The colours from the page's custom properties (read by `cssVar`), with the app's defaults where none is set. */
export function radarColors(cssVar: (name: string) => string): RadarColors {
  const read = (name: string, fallback: string): string => cssVar(name).trim() || fallback;
  return { text: read('--c-text', '#17202e'), primary: read('--c-primary', '#0b57d0'), ok: read('--c-ok', '#146c2e') };
}

export function radarDatasets(series: RadarSeries[], colors: RadarColors): ChartDataset<'radar', (number | null)[]>[] {
  return series.map((s) => {
    const base = { label: s.label, data: [...s.data], spanGaps: true, borderWidth: 2, pointRadius: 3 };
    if (s.kind === 'target') {
      return { ...base, borderColor: '#8a6d00', backgroundColor: 'rgba(138, 109, 0, 0.08)', borderDash: [6, 4], pointStyle: 'rectRot', fill: false };
    }
    if (s.kind === 'projected') {
      return { ...base, borderColor: colors.ok, backgroundColor: 'rgba(20, 108, 46, 0.12)', borderDash: [2, 3], pointStyle: 'triangle', fill: true };
    }
    return { ...base, borderColor: colors.primary, backgroundColor: 'rgba(11, 87, 208, 0.18)', fill: true };
  });
}

export interface RadarInput {
  labels: string[][];
  /** Full names, for the tooltips. */
  names: string[];
  series: RadarSeries[];
  /** Grid circles: the stage thresholds. */
  ticks: number[];
  num: (n: number | null | undefined) => string;
  colors: RadarColors;
  devicePixelRatio: number;
  /** False for a chart drawn off screen at a fixed size (the Word export's image). */
  responsive?: boolean;
}

/** The radar's chart.js configuration, the same on the screen and in the Word export's image. */
export function radarConfig(input: RadarInput): ChartConfiguration<'radar', (number | null)[], string[]> {
  const { text } = input.colors;
  const responsive = input.responsive ?? true;
  return {
    type: 'radar',
    data: { labels: input.labels.map((l) => [...l]), datasets: radarDatasets(input.series, input.colors) },
    options: {
      responsive,
      maintainAspectRatio: true,
      aspectRatio: 1,
      animation: false,
      devicePixelRatio: input.devicePixelRatio,
      color: text,
      scales: {
        r: {
          min: 0,
          max: 100,
          afterBuildTicks: (scale) => {
            scale.ticks = input.ticks.map((value) => ({ value }));
          },
          ticks: { backdropColor: 'rgba(255, 255, 255, 0.8)', color: text },
          pointLabels: { color: text, font: (ctx) => ({ size: ctx.chart.width < 420 ? 10 : 12 }) },
          grid: { color: '#c3cad5' },
          angleLines: { color: '#c3cad5' },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: text } },
        tooltip: {
          callbacks: {
            title: (items) => input.names[items[0]?.dataIndex ?? 0] ?? '',
            label: (item) => `${item.dataset.label ?? ''}: ${input.num(item.raw as number | null)}`,
          },
        },
      },
    },
  };
}
