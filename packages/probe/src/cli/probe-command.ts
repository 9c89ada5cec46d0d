import { parseArgs } from 'node:util';
import { runProbe } from '../probe.js';
import { LOGIN_FLAGS, parseAuthFlags } from './auth-flags.js';
import { CANARY_FLAGS, canaryFrom } from './canary-flags.js';
import type { CliIo } from './cli-io.js';
import { formatResult } from './format-result.js';
import { probeWithSignIn } from './oauth-sign-in.js';
import { expectedHash, PROBE_FLAGS, probeOptionsFrom } from './probe-flags.js';
import { EXIT, UsageError } from './usage-error.js';

export function singleUrl(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`mcpulse ${command} takes exactly one URL`);
  return positionals[0] as string;
}

/** `mcpulse probe <url>`: one check, exit 0 up or degraded, 1 down, 3 hash differs. */
export async function probeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...PROBE_FLAGS, ...CANARY_FLAGS, ...LOGIN_FLAGS },
    allowPositionals: true,
    strict: true,
  });
  const auth = parseAuthFlags(values);
  const options = {
    ...probeOptionsFrom(singleUrl(positionals, 'probe'), values, values.timeout, auth),
    canary: canaryFrom(values),
  };
  const expected = await expectedHash(values['expect-hash']);
  const { result } =
    auth?.kind === 'authorization_code' ? await probeWithSignIn(options, auth, io) : await runProbe(options);
  io.out(values.json ? JSON.stringify(result, null, 2) : formatResult(result));
  if (result.status === 'down') return EXIT.down;
  if (expected !== undefined && result.schemaHash !== expected) {
    io.err(`schema hash ${result.schemaHash} differs from the expected ${expected}`);
    return EXIT.hashMismatch;
  }
  return EXIT.ok;
}
