import { parseArgs } from 'node:util';
import { positiveOptions, usageError } from '../cli-options.js';
import { benchEnv } from '../scheduler/setup/bench-env.js';

export type DetectionMode = 'embedded' | 'distributed';

export interface DetectionBenchArgs {
  json: boolean;
  modes: DetectionMode[];
  /** Outages per mode, one per monitor, all at once. */
  outages: number;
}

const USAGE = `usage: npm run bench:detection [-- -- [--json] [--mode embedded|distributed|both] [--outages N]]`;
const positive = positiveOptions(USAGE);

export function parseDetectionArgs(argv: string[]): DetectionBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      mode: { type: 'string', default: 'both' },
      outages: { type: 'string' },
    },
  });
  const modes: Record<string, DetectionMode[]> = {
    both: ['embedded', 'distributed'],
    embedded: ['embedded'],
    distributed: ['distributed'],
  };
  const chosen = modes[values.mode ?? 'both'];
  if (!chosen) usageError(`--mode must be embedded, distributed or both`, USAGE);
  return {
    json: values.json === true || benchEnv.npm_config_json === 'true',
    modes: chosen,
    outages: positive('outages', values.outages, 20),
  };
}
