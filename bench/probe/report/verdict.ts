/** One target of the benchmark and whether this run met it. */
export interface Verdict {
  name: string;
  /** The measured figure, already formatted with its unit. */
  measured: string;
  target: string;
  pass: boolean;
}

export function verdictLine(verdict: Verdict): string {
  const mark = verdict.pass ? 'PASS' : 'FAIL';
  return `${mark}  ${verdict.name}: ${verdict.measured} (target ${verdict.target})`;
}
