import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { diffSnapshots, formatDiff, parseSnapshot, type SchemaSnapshot } from '@mcpulse/core';
import type { CliIo } from './cli-io.js';
import { PROBE_FLAGS, probeOptionsFrom } from './probe-flags.js';
import { takeSnapshot } from './snapshot-command.js';
import { EXIT, UsageError } from './usage-error.js';

class Unreachable extends Error {}

/** A snapshot file, or a URL to snapshot live (so CI can diff a baseline against a deployment). */
async function load(
  source: string,
  values: Parameters<typeof probeOptionsFrom>[1],
  io: CliIo,
): Promise<SchemaSnapshot> {
  if (/^https?:\/\//i.test(source)) {
    const snapshot = await takeSnapshot(probeOptionsFrom(source, values), io);
    if (!snapshot) throw new Unreachable(source);
    return snapshot;
  }
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch {
    throw new UsageError(`cannot read snapshot file "${source}"`);
  }
  try {
    return parseSnapshot(JSON.parse(text));
  } catch (error) {
    throw new UsageError(`${source}: ${(error as Error).message}`);
  }
}

/** `mcpulse diff <a> <b>`: exit 0 identical, 1 compatible changes only, 3 breaking, 4 a URL side is down. */
export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: PROBE_FLAGS,
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 2) throw new UsageError('mcpulse diff takes two snapshots: files or URLs');
  let before: SchemaSnapshot;
  let after: SchemaSnapshot;
  try {
    before = await load(positionals[0] as string, values, io);
    after = await load(positionals[1] as string, values, io);
  } catch (error) {
    if (error instanceof Unreachable) return EXIT.unreachable;
    throw error;
  }
  const diff = diffSnapshots(before, after);
  io.out(values.json ? JSON.stringify(diff, null, 2) : formatDiff(diff));
  if (diff.identical) return EXIT.ok;
  return diff.breaking ? EXIT.breaking : EXIT.compatible;
}
