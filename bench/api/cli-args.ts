import { parseArgs } from 'node:util';
import { positiveOptions, usageError } from '../cli-options.js';

export interface ApiBenchArgs {
  json: boolean;
  monitors: number;
  /** Days of raw results (and minute rollups) up to now. */
  days: number;
  /** Days of hour and day rollups up to now; at least `days`. */
  rollupDays: number;
  repetitions: number;
  warmup: number;
  ingestRows: number;
}

const USAGE = `usage: npm run bench:api [-- -- [--json] [--monitors N] [--days N] [--rollup-days N]
       [--repetitions N] [--warmup N] [--ingest-rows N]]`;

const count = positiveOptions(USAGE);

export function parseApiBenchArgs(argv: string[], npmJsonFlag: boolean): ApiBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      monitors: { type: 'string' },
      days: { type: 'string' },
      'rollup-days': { type: 'string' },
      repetitions: { type: 'string' },
      warmup: { type: 'string' },
      'ingest-rows': { type: 'string' },
    },
  });
  const days = count('days', values.days, 7);
  const args: ApiBenchArgs = {
    json: values.json === true || npmJsonFlag,
    monitors: count('monitors', values.monitors, 200),
    days,
    rollupDays: count('rollup-days', values['rollup-days'], 90),
    repetitions: count('repetitions', values.repetitions, 50),
    warmup: count('warmup', values.warmup, 5),
    ingestRows: count('ingest-rows', values['ingest-rows'], 10_000),
  };
  if (args.rollupDays < days) {
    usageError(`--rollup-days must be at least --days`, USAGE);
  }
  return args;
}
