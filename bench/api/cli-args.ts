import { parseArgs } from 'node:util';

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

function count(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive integer\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

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
    console.error(`--rollup-days must be at least --days\n${USAGE}`);
    process.exit(2);
  }
  return args;
}
