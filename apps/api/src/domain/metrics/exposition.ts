/**
 * A writer of the two text formats Prometheus scrapes: the Prometheus text format 0.0.4 and
 * OpenMetrics 1.0. They share label and sample syntax; they differ in how a counter's family is
 * named, in gauge histograms (OpenMetrics only: the 0.0.4 text spells them as plain gauges under the
 * same sample names, so both formats store the same series) and in the closing `# EOF`.
 */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

export const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

export type Labels = Record<string, string>;

/** A label value taken from a person or a server is cut to this many characters, whole code points. */
export const LABEL_VALUE_MAX_CHARS = 128;

export interface HistogramSeries {
  labels: Labels;
  /** Cumulative counts, one per bound, ascending; `+Inf` is added from `count`. */
  buckets: ReadonlyArray<readonly [upperBound: number, cumulativeCount: number]>;
  count: number;
  sum: number;
}

/** Cuts a value to `LABEL_VALUE_MAX_CHARS` code points, so a surrogate pair is never split. */
export function boundedLabelValue(value: string): string {
  const chars = Array.from(value);
  return chars.length <= LABEL_VALUE_MAX_CHARS
    ? value
    : `${chars.slice(0, LABEL_VALUE_MAX_CHARS - 1).join('')}…`;
}

/** Escapes a label value as both formats require: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** The labels' pairs without braces: a histogram's series writes them once for all its buckets. */
function labelPairs(labels: Labels): string {
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
    .join(',');
}

function braced(pairs: string): string {
  return pairs === '' ? '' : `{${pairs}}`;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export class Exposition {
  private readonly lines: string[] = [];

  constructor(readonly format: ExpositionFormat) {}

  private family(name: string, type: string, help: string): void {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    // Help texts are ours, never a person's or a server's; escaped anyway, as both formats ask.
    this.lines.push(`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
    this.lines.push(`# TYPE ${name} ${type}`);
  }

  private sample(name: string, labels: Labels, value: number): void {
    this.lines.push(`${name}${braced(labelPairs(labels))} ${formatNumber(value)}`);
  }

  gauge(name: string, help: string, samples: ReadonlyArray<{ labels: Labels; value: number }>): this {
    this.family(name, 'gauge', help);
    for (const sample of samples) this.sample(name, sample.labels, sample.value);
    return this;
  }

  /**
   * Labels that describe something, on a sample of value 1: OpenMetrics' info type, whose samples
   * end in `_info`; the 0.0.4 text has no such type and names a gauge so. `name` without `_info`.
   */
  info(name: string, help: string, samples: ReadonlyArray<{ labels: Labels }>): this {
    if (this.format === 'openmetrics') this.family(name, 'info', help);
    else this.family(`${name}_info`, 'gauge', help);
    for (const sample of samples) this.sample(`${name}_info`, sample.labels, 1);
    return this;
  }

  /** `name` without `_total`: the samples carry it, and in the 0.0.4 text so does the family. */
  counter(name: string, help: string, samples: ReadonlyArray<{ labels: Labels; value: number }>): this {
    this.family(this.format === 'openmetrics' ? name : `${name}_total`, 'counter', help);
    for (const sample of samples) this.sample(`${name}_total`, sample.labels, sample.value);
    return this;
  }

  histogram(name: string, help: string, series: readonly HistogramSeries[]): this {
    this.family(name, 'histogram', help);
    for (const one of series) this.buckets(name, one, '_count', '_sum');
    return this;
  }

  /**
   * A distribution of now (here: of a recent window) rather than since ever: OpenMetrics' gauge
   * histogram, with `_gcount` and `_gsum`. The 0.0.4 text has no such type, so there each sample
   * name is a gauge of its own; `histogram_quantile` reads `_bucket` alike from both.
   */
  gaugeHistogram(name: string, help: string, series: readonly HistogramSeries[]): this {
    if (this.format === 'openmetrics') {
      this.family(name, 'gaugehistogram', help);
      for (const one of series) this.buckets(name, one, '_gcount', '_gsum');
      return this;
    }
    const parts = [
      ['_bucket', `${help} (cumulative counts by upper bound le)`],
      ['_gcount', `${help} (count)`],
      ['_gsum', `${help} (sum)`],
    ] as const;
    for (const [suffix, partHelp] of parts) {
      this.family(`${name}${suffix}`, 'gauge', partHelp);
      for (const one of series) {
        if (suffix === '_bucket') this.bucketLines(name, one);
        else this.sample(`${name}${suffix}`, one.labels, suffix === '_gcount' ? one.count : one.sum);
      }
    }
    return this;
  }

  private bucketLines(name: string, series: HistogramSeries): void {
    const pairs = labelPairs(series.labels);
    const head = `${name}_bucket{${pairs === '' ? '' : `${pairs},`}le="`;
    for (const [bound, count] of series.buckets)
      this.lines.push(`${head}${formatNumber(bound)}"} ${formatNumber(count)}`);
    this.lines.push(`${head}+Inf"} ${formatNumber(series.count)}`);
  }

  private buckets(name: string, series: HistogramSeries, countSuffix: string, sumSuffix: string): void {
    this.bucketLines(name, series);
    this.sample(`${name}${countSuffix}`, series.labels, series.count);
    this.sample(`${name}${sumSuffix}`, series.labels, series.sum);
  }

  text(): string {
    const body = this.lines.join('\n');
    return this.format === 'openmetrics' ? `${body}\n# EOF\n` : `${body}\n`;
  }
}

/**
 * The format an `Accept` header asks for: OpenMetrics when it is acceptable and preferred at least
 * as much as the plain text (Prometheus asks for it first), else the 0.0.4 text, which is also what
 * a client that names neither gets.
 */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  let openmetrics = -1;
  let text = -1;
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!(weight > 0)) continue;
    if (type === 'application/openmetrics-text') openmetrics = Math.max(openmetrics, weight);
    else if (type === 'text/plain' || type === 'text/*' || type === '*/*') text = Math.max(text, weight);
  }
  return openmetrics > 0 && openmetrics >= text ? 'openmetrics' : 'prometheus';
}
