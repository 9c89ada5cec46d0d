#!/usr/bin/env node
// `npm run bench`: every `bench:*` script of this workspace in turn, so a new
// bench joins the full run by declaring its script, with no list to keep.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const names = Object.keys(manifest.scripts ?? {}).filter((name) => name.startsWith('bench:'));
const crashed = [];
for (const name of names) {
  console.log(`\n=== npm run ${name} ===\n`);
  // Benches exit 0 on a missed target, so a non-zero status means the bench itself broke.
  const run = spawnSync('npm', ['run', '-s', name], { stdio: 'inherit' });
  if (run.status !== 0) crashed.push(name);
}
if (crashed.length > 0) {
  console.error(`\nbenches that did not finish: ${crashed.join(', ')}`);
  process.exit(1);
}
