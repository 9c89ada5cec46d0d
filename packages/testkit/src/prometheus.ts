// @ts-expect-error: the parser ships no types; its output is described below.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One metric family as parsed from the Prometheus text format (prom2json's shape). */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: Array<{
    labels?: Record<string, string>;
    value?: string;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }>;
}

/** Parses a `/metrics` answer with an independent Prometheus text parser; throws on malformed text. */
export function parsePrometheus(text: string): MetricFamily[] {
  return (parsePrometheusTextFormat as (text: string) => MetricFamily[])(text);
}

/**
 * The value of the sample of `name` whose labels include `labels` (a counter, gauge or untyped
 * sample; a histogram's `count`); undefined when there is none.
 */
export function sampleValue(
  families: MetricFamily[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const family = families.find((candidate) => candidate.name === name);
  const sample = family?.metrics.find((metric) =>
    Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
  );
  const value = sample?.value ?? sample?.count;
  return value === undefined ? undefined : Number(value);
}
