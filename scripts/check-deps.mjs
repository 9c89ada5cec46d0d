#!/usr/bin/env node
// Enforces the architecture's dependency rules (docs/architecture.md, STYLE.md §8):
// which workspace may import which (and which only for types), the npm
// packages a limited workspace may use, no deep imports into another package,
// no import cycles between modules, and each workspace's tests in its one place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveRelative } from './resolve-import.mjs';

// `--root` checks another tree laid out like this one (the script's own test uses it).
const { values: flags } = parseArgs({ options: { root: { type: 'string' } } });
const root = path.resolve(flags.root ?? path.join(import.meta.dirname, '..'));

/** Workspace → the @mcpulse packages it may import. */
const ALLOWED = {
  'packages/core': [],
  'packages/config': [],
  'packages/contract': ['@mcpulse/core'],
  'packages/probe': ['@mcpulse/core'],
  'packages/queue': ['@mcpulse/core', '@mcpulse/config'],
  'packages/db': ['@mcpulse/core', '@mcpulse/config'],
  'packages/testkit': [],
  'packages/engine': ['@mcpulse/core', '@mcpulse/config', '@mcpulse/db', '@mcpulse/queue', '@mcpulse/probe'],
  // Fixtures are for the API's tests (TEST_EXTRA); its --demo MCP server is its own.
  'apps/api': [
    '@mcpulse/core',
    '@mcpulse/contract',
    '@mcpulse/config',
    '@mcpulse/db',
    '@mcpulse/queue',
    '@mcpulse/probe',
    '@mcpulse/engine',
  ],
  'apps/worker': [
    '@mcpulse/core',
    '@mcpulse/config',
    '@mcpulse/db',
    '@mcpulse/queue',
    '@mcpulse/probe',
    '@mcpulse/engine',
  ],
  'apps/web': ['@mcpulse/core', '@mcpulse/contract'],
  bench: [
    '@mcpulse/core',
    '@mcpulse/probe',
    '@mcpulse/testkit',
    '@mcpulse/db',
    '@mcpulse/queue',
    '@mcpulse/config',
    '@mcpulse/engine',
  ],
  infra: [],
};
/**
 * Workspace → where its tests and their support live: `src`, beside the modules
 * they unit-test; `test`, apart, for a package tested from the outside through
 * its public API and real services; `.` for bench, which has no src/ and keeps
 * each bench's tests beside its scripts.
 */
const TESTS_IN = {
  'packages/core': 'src',
  'packages/config': 'src',
  'packages/contract': 'src',
  'packages/probe': 'test',
  'packages/queue': 'test',
  'packages/db': 'src',
  'packages/testkit': 'src',
  'packages/engine': 'test',
  'apps/api': 'test',
  'apps/worker': 'test',
  'apps/web': 'test',
  bench: '.',
  infra: 'test',
};
for (const workspace of Object.keys(ALLOWED)) {
  if (!(workspace in TESTS_IN))
    throw new Error(`check-deps.mjs: declare where ${workspace} keeps its tests (TESTS_IN)`);
}

/** Test files may also use the fixtures. */
const TEST_EXTRA = ['@mcpulse/testkit', '@mcpulse/config'];
/** The dashboard's browser tests also write rows no release writes any more into the embedded stack's database. */
const WORKSPACE_TEST_EXTRA = { 'apps/web': ['@mcpulse/db'] };
/**
 * Packages a workspace may import only with `import type` / `export type`: the dashboard takes the
 * API's wire types from the contract, and neither the contract's schemas nor zod may reach its bundle.
 */
const TYPE_ONLY = { 'apps/web': ['@mcpulse/contract'] };
/** The only npm packages (and no Node built-ins) the shipped modules (`src/`) of a workspace may import, where it is limited. */
const THIRD_PARTY = { 'packages/contract': ['zod'] };

/**
 * Boundaries inside a workspace: no file below `folder` (tests included) may
 * import `forbidden` packages or any of their subpaths. Queries live in
 * packages/db, so the API writes none; routes reach storage only through the
 * domain verbs, which keep the rules (ownership, quotas, sealing).
 */
const FOLDER_RULES = [
  { folder: 'apps/api/src', forbidden: ['drizzle-orm'], why: 'queries live in packages/db' },
  {
    folder: 'apps/api/src/routes',
    forbidden: ['@mcpulse/db', 'drizzle-orm'],
    why: 'routes call domain verbs, which call the db',
  },
];

function folderProblems(rel, spec) {
  return FOLDER_RULES.filter(
    ({ folder, forbidden }) =>
      rel.startsWith(`${folder}/`) && forbidden.some((pkg) => spec === pkg || spec.startsWith(`${pkg}/`)),
  ).map(({ folder, why }) => `${rel}: ${folder} may not import ${spec} (${why})`);
}

/** Subpaths a package declares in its `exports` are public API too (e.g. `@mcpulse/db/testing`). */
const subpathCache = new Map();
function publicSubpaths(pkg) {
  if (!subpathCache.has(pkg)) {
    let exports = {};
    for (const base of ['packages', 'apps']) {
      try {
        const manifest = JSON.parse(
          readFileSync(path.join(root, base, pkg.split('/')[1], 'package.json'), 'utf8'),
        );
        if (manifest.name === pkg) exports = manifest.exports ?? {};
      } catch {}
    }
    subpathCache.set(pkg, new Set(Object.keys(exports)));
  }
  return subpathCache.get(pkg);
}

// Groups: 1 `type ` of a type-only statement, 2 its specifier; 3 a dynamic import's; 4 a bare `import 'x'`.
const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s+(type\s)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** `zod` of `zod/mini`, `@scope/name` of `@scope/name/sub`. */
function packageOf(spec) {
  return spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
}

function walk(dir, files = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, files);
    else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

const problems = [];
const graph = new Map();

/** Where a test file or test support sits that its workspace does not keep tests, or null. */
function misplacedTest(workspace, inWorkspace, isTestFile) {
  const place = TESTS_IN[workspace];
  const inTestDir = inWorkspace.startsWith('test/');
  const isSupport = inTestDir || inWorkspace.split('/').includes('test-support');
  if (!isTestFile && !isSupport) return null;
  if (place === 'test') {
    return inTestDir ? null : `${workspace} keeps its tests and their support in test/`;
  }
  if (inTestDir)
    return `${workspace} keeps its tests beside the code${place === '.' ? '' : ` in ${place}/`}, not in test/`;
  if (place !== '.' && !inWorkspace.startsWith(`${place}/`))
    return `${workspace} keeps its tests in ${place}/`;
  return null;
}

for (const [workspace, allowed] of Object.entries(ALLOWED)) {
  const dir = path.join(root, workspace);
  let files;
  try {
    files = walk(dir);
  } catch {
    continue;
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(root, file);
    const isTestFile = /\.test\.tsx?$/.test(file);
    const isTest = isTestFile || rel.includes('/test/') || rel.includes('/test-support/');
    const misplaced = misplacedTest(
      workspace,
      path.relative(dir, file).split(path.sep).join('/'),
      isTestFile,
    );
    if (misplaced !== null) problems.push(`${rel}: ${misplaced}`);
    const shipped = !isTest && rel.startsWith(`${workspace}/src/`);
    const edges = [];
    for (const match of text.matchAll(IMPORT_RE)) {
      const spec = match[2] ?? match[3] ?? match[4];
      const typeOnly = match[1] !== undefined;
      problems.push(...folderProblems(rel.split(path.sep).join('/'), spec));
      if (spec.startsWith('@mcpulse/')) {
        const pkg = spec.split('/').slice(0, 2).join('/');
        if (spec !== pkg && !publicSubpaths(pkg).has(`.${spec.slice(pkg.length)}`)) {
          problems.push(`${rel}: deep import "${spec}" (import the package's public API)`);
        }
        const testExtra = [...TEST_EXTRA, ...(WORKSPACE_TEST_EXTRA[workspace] ?? [])];
        const ok = allowed.includes(pkg) || (isTest && testExtra.includes(pkg));
        if (!ok) problems.push(`${rel}: ${workspace} may not import ${pkg}`);
        else if (!isTest && !typeOnly && TYPE_ONLY[workspace]?.includes(pkg))
          problems.push(`${rel}: ${workspace} may import ${pkg} only with \`import type\``);
      } else if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (target === null) problems.push(`${rel}: relative import "${spec}" names no file`);
        else if (!target.startsWith(dir + path.sep))
          problems.push(`${rel}: relative import "${spec}" leaves ${workspace}`);
        else if (!isTest) edges.push(target);
      } else if (shipped && THIRD_PARTY[workspace] && !THIRD_PARTY[workspace].includes(packageOf(spec))) {
        problems.push(`${rel}: ${workspace} may not import ${spec}`);
      }
    }
    if (!isTest) graph.set(file, edges);
  }
}

const state = new Map();
function visit(node, stack) {
  state.set(node, 'open');
  stack.push(node);
  for (const next of graph.get(node) ?? []) {
    const seen = state.get(next);
    if (seen === 'open') {
      const cycle = stack
        .slice(stack.indexOf(next))
        .concat(next)
        .map((f) => path.relative(root, f));
      problems.push(`import cycle: ${cycle.join(' -> ')}`);
    } else if (seen === undefined && graph.has(next)) {
      visit(next, stack);
    }
  }
  stack.pop();
  state.set(node, 'done');
}
for (const node of graph.keys()) if (!state.has(node)) visit(node, []);

if (problems.length > 0) {
  console.error(`dependency rules broken:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`dependency rules: ${graph.size} modules checked, no violations`);
