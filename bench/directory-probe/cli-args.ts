import { parseArgs } from 'node:util';
import { positiveOptions } from '../cli-options.js';
import { benchEnv } from '../scheduler/setup/bench-env.js';

export interface DirectoryProbeBenchArgs {
  json: boolean;
  endpoints: number;
  /** Loopback servers the endpoints are spread over: each is one host to be polite to. */
  hosts: number;
  intervalSeconds: number;
  /** Seconds run before the measured window (one interval long) opens. */
  warmupSeconds: number;
  /** Seconds after the window for its last checks to report. */
  drainSeconds: number;
  /** A check started this long after its slot or later is not on time. */
  toleranceSeconds: number;
  spacingMs: number;
  concurrency: number;
}

const USAGE = `usage: npm run bench:directory-probe [-- -- [--json] [--endpoints N] [--hosts N] [--interval S]
       [--warmup S] [--drain S] [--tolerance S] [--spacing MS] [--concurrency N]]`;

const positive = positiveOptions(USAGE);

export function parseDirectoryProbeArgs(argv: string[]): DirectoryProbeBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      endpoints: { type: 'string' },
      hosts: { type: 'string' },
      interval: { type: 'string' },
      warmup: { type: 'string' },
      drain: { type: 'string' },
      tolerance: { type: 'string' },
      spacing: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  return {
    json: values.json === true || benchEnv.npm_config_json === 'true',
    endpoints: positive('endpoints', values.endpoints, 5_000),
    hosts: positive('hosts', values.hosts, 100),
    intervalSeconds: positive('interval', values.interval, 300),
    warmupSeconds: positive('warmup', values.warmup, 30),
    drainSeconds: positive('drain', values.drain, 20),
    toleranceSeconds: positive('tolerance', values.tolerance, 5),
    spacingMs: positive('spacing', values.spacing, 2_000),
    concurrency: positive('concurrency', values.concurrency, 100),
  };
}
