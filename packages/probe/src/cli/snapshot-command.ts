import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createSnapshot, type SchemaSnapshot } from '@mcpulse/core';
import { runProbe } from '../probe.js';
import type { ProbeOptions } from '../probe-options.js';
import type { CliIo } from './cli-io.js';
import { formatResult } from './format-result.js';
import { singleUrl } from './probe-command.js';
import { PROBE_FLAGS, probeOptionsFrom } from './probe-flags.js';
import { EXIT } from './usage-error.js';

/** Probes and returns the snapshot, or null after printing why the server could not be snapshotted. */
export async function takeSnapshot(options: ProbeOptions, io: CliIo): Promise<SchemaSnapshot | null> {
  const { result, tools } = await runProbe(options);
  if (result.status === 'down' || tools === null) {
    io.err(formatResult(result));
    return null;
  }
  return createSnapshot(tools, {
    url: result.url,
    server: result.serverInfo,
    era: result.era,
    protocolVersion: result.protocolVersion,
    takenAt: result.checkedAt,
  });
}

/** `mcpulse snapshot <url>`: prints (or writes with --out) the schema snapshot. */
export async function snapshotCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...PROBE_FLAGS, out: { type: 'string', short: 'o' } },
    allowPositionals: true,
    strict: true,
  });
  const snapshot = await takeSnapshot(probeOptionsFrom(singleUrl(positionals, 'snapshot'), values), io);
  if (!snapshot) return EXIT.down;
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, text);
    io.err(`snapshot of ${snapshot.tools.length} tools written to ${values.out} (hash ${snapshot.hash})`);
  } else {
    io.out(text.trimEnd());
  }
  return EXIT.ok;
}
