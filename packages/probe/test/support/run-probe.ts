import { type ProbeOptions, type ProbeReport, runProbe as probe } from '../../src/index.js';

/**
 * The probe as these tests run it: a check is `degraded` only past 30 s unless a test sets its own
 * threshold, so a busy machine (CI runs many suites at once) cannot turn an `up` the test is not
 * about into `degraded`. Tests of the threshold itself pass `degradedThresholdMs`.
 */
export function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  return probe({ degradedThresholdMs: 30_000, ...options });
}
