import { parseArgs } from 'node:util';
import { positiveOptions } from '../cli-options.js';
import { benchEnv } from './setup/bench-env.js';

export interface SchedulerBenchArgs {
  json: boolean;
  monitors: number;
  /** Length of the measured window. */
  minutes: number;
  /** Seconds run before the window opens: start-up, first results, state machines settling. */
  warmupSeconds: number;
  /** Seconds run after the window closes, so its last slots are probed and ingested. */
  drainSeconds: number;
  /** Fixture servers, each in its own process. */
  fleet: number;
  probeConcurrency: number;
  threadpool: number;
  ingestBatch: number;
  /** When set, every worker child runs with --cpu-prof and writes its profile here. */
  profileDir: string | null;
}

const USAGE = `usage: npm run bench:scheduler [-- -- [--json] [--monitors N] [--minutes N] [--warmup S] [--drain S]
       [--fleet N] [--concurrency N] [--threadpool N] [--ingest-batch N] [--cpu-prof DIR]]`;

const positive = positiveOptions(USAGE);

export function parseSchedulerArgs(argv: string[]): SchedulerBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      monitors: { type: 'string' },
      minutes: { type: 'string' },
      warmup: { type: 'string' },
      drain: { type: 'string' },
      fleet: { type: 'string' },
      concurrency: { type: 'string' },
      threadpool: { type: 'string' },
      'ingest-batch': { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  return {
    json: values.json === true || benchEnv.npm_config_json === 'true',
    monitors: positive('monitors', values.monitors, 20_000),
    minutes: positive('minutes', values.minutes, 3, false),
    warmupSeconds: positive('warmup', values.warmup, 130),
    drainSeconds: positive('drain', values.drain, 20),
    fleet: positive('fleet', values.fleet, 4),
    probeConcurrency: positive('concurrency', values.concurrency, 100),
    threadpool: positive('threadpool', values.threadpool, 4),
    ingestBatch: positive('ingest-batch', values['ingest-batch'], 500),
    profileDir: values['cpu-prof'] ?? null,
  };
}
