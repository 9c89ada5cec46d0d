import { parseArgs } from 'node:util';
import { positiveOptions, usageError } from '../cli-options.js';
import type { HangingOptions } from './hanging/hanging-figures.js';
import type { ThroughputOptions } from './throughput/run-throughput.js';

export interface BenchArgs {
  json: boolean;
  /** Which parts to run: A (throughput, CPU) and B (hanging servers); both by default. */
  parts: { throughput: boolean; hanging: boolean };
  throughput: ThroughputOptions;
  hanging: HangingOptions;
}

const USAGE = `usage: npm run bench:probe [-- -- [--json] [--part a|b] [--checks N] [--warmup N]
       [--rounds N] [--concurrency N] [--hang-checks N] [--hang-timeout MS]]`;

const count = positiveOptions(USAGE);

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      part: { type: 'string' },
      checks: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      concurrency: { type: 'string' },
      'hang-checks': { type: 'string' },
      'hang-timeout': { type: 'string' },
    },
  });
  const part = values.part?.toLowerCase();
  if (part !== undefined && part !== 'a' && part !== 'b') {
    usageError(`--part must be a or b`, USAGE);
  }
  return {
    parts: { throughput: part !== 'b', hanging: part !== 'a' },
    // `npm run bench:probe --json` hands the flag to npm, which passes it on as npm_config_json.
    json: values.json === true || process.env.npm_config_json === 'true',
    throughput: {
      checks: count('checks', values.checks, 1500),
      warmup: count('warmup', values.warmup, 200),
      rounds: count('rounds', values.rounds, 10),
      concurrency: count('concurrency', values.concurrency, 8),
    },
    hanging: {
      checks: count('hang-checks', values['hang-checks'], 2000),
      timeoutMs: count('hang-timeout', values['hang-timeout'], 2000),
      listeners: 4,
    },
  };
}
