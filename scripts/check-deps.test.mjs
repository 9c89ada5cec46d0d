// The dependency check's own test: `node --test scripts/check-deps.test.mjs`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveRelative } from './resolve-import.mjs';

const script = path.join(import.meta.dirname, 'check-deps.mjs');
const trees = [];

/** A throw-away tree laid out like the repository, with the given files. */
function tree(files) {
  const root = mkdtempSync(path.join(tmpdir(), 'check-deps-'));
  trees.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

function check(root) {
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

/** The check passes on a tree of these files. */
function passes(files) {
  const { code, output } = check(tree(files));
  assert.equal(code, 0, output);
}

/** The check fails on a tree of these files, saying each of `problems`. */
function fails(files, ...problems) {
  const { code, output } = check(tree(files));
  assert.equal(code, 1, output);
  for (const problem of problems) assert.match(output, problem);
}

after(() => {
  for (const root of trees) rmSync(root, { recursive: true, force: true });
});

describe('resolveRelative', () => {
  const root = tree({
    'src/a.ts': '',
    'src/view.tsx': '',
    'src/both.ts': '',
    'src/both.tsx': '',
    'src/dir/index.tsx': '',
    'src/data.json': '{}',
  });
  const from = path.join(root, 'src/main.ts');

  it('resolves a .js specifier to the .ts or .tsx file beside it', () => {
    assert.equal(resolveRelative(from, './a.js'), path.join(root, 'src/a.ts'));
    assert.equal(resolveRelative(from, './view.js'), path.join(root, 'src/view.tsx'));
    assert.equal(resolveRelative(from, './both.js'), path.join(root, 'src/both.ts'));
  });

  it('resolves bare names, folders and other files as TypeScript does', () => {
    assert.equal(resolveRelative(from, './view'), path.join(root, 'src/view.tsx'));
    assert.equal(resolveRelative(from, './dir/index.js'), path.join(root, 'src/dir/index.tsx'));
    assert.equal(resolveRelative(from, './dir'), path.join(root, 'src/dir/index.tsx'));
    assert.equal(resolveRelative(from, './data.json'), path.join(root, 'src/data.json'));
  });

  it('answers null for a specifier that names no file', () => {
    assert.equal(resolveRelative(from, './missing.js'), null);
  });
});

describe('check-deps.mjs', () => {
  it('fails on an import cycle between .tsx modules imported by .js specifiers', () => {
    const root = tree({
      'apps/web/src/page.tsx': "import { Badge } from './badge.js';\nexport const Page = Badge;\n",
      'apps/web/src/badge.tsx': "import { Page } from './page.js';\nexport const Badge = () => Page;\n",
    });
    const { code, output } = check(root);
    assert.equal(code, 1);
    assert.match(output, /import cycle: apps\/web\/src\/(page|badge)\.tsx -> .*\.tsx -> .*\.tsx/);
  });

  it('fails on a cycle that runs through a .ts module into a .tsx one', () => {
    const root = tree({
      'apps/web/src/view.tsx': "import { rows } from './rows.js';\nexport const View = rows;\n",
      'apps/web/src/rows.ts': "import { View } from './view.js';\nexport const rows = () => View;\n",
    });
    assert.equal(check(root).code, 1);
  });

  it('fails on a relative import that names no file', () => {
    const root = tree({
      'apps/web/src/a.tsx': "import { gone } from './gone.js';\nexport const a = gone;\n",
    });
    const { code, output } = check(root);
    assert.equal(code, 1);
    assert.match(output, /apps\/web\/src\/a\.tsx: relative import "\.\/gone\.js" names no file/);
  });

  it("lets the dashboard's tests, and only they, use the database package", () => {
    const root = tree({
      'packages/db/package.json': '{ "name": "@mcpulse/db" }',
      'apps/web/test/e2e/rows.ts':
        "import { openDatabase } from '@mcpulse/db';\nexport const rows = openDatabase;\n",
    });
    const allowed = check(root);
    assert.equal(allowed.code, 0, allowed.output);
    const shipped = tree({
      'packages/db/package.json': '{ "name": "@mcpulse/db" }',
      'apps/web/src/rows.ts':
        "import { openDatabase } from '@mcpulse/db';\nexport const rows = openDatabase;\n",
    });
    const { code, output } = check(shipped);
    assert.equal(code, 1);
    assert.match(output, /apps\/web\/src\/rows\.ts: apps\/web may not import @mcpulse\/db/);
  });

  it('fails a test, or test support, outside the one place its workspace keeps tests', () => {
    const root = tree({
      'packages/engine/src/scheduler/slots.test.ts': 'export const slots = 1;\n',
      'apps/api/src/plugins/test-support/app.ts': 'export const app = 1;\n',
      'packages/core/test/uptime.test.ts': 'export const uptime = 1;\n',
      'packages/core/uptime.test.ts': 'export const uptime = 1;\n',
      'bench/test/seed.test.ts': 'export const seed = 1;\n',
    });
    const { code, output } = check(root);
    assert.equal(code, 1);
    const lines = output.split('\n').map((line) => line.trim());
    for (const problem of [
      'packages/engine/src/scheduler/slots.test.ts: packages/engine keeps its tests and their support in test/',
      'apps/api/src/plugins/test-support/app.ts: apps/api keeps its tests and their support in test/',
      'packages/core/test/uptime.test.ts: packages/core keeps its tests beside the code in src/, not in test/',
      'packages/core/uptime.test.ts: packages/core keeps its tests in src/',
      'bench/test/seed.test.ts: bench keeps its tests beside the code, not in test/',
    ]) {
      assert.ok(lines.includes(problem), `${problem}\nnot in:\n${output}`);
    }
  });

  it('passes tests and their support each in the place of their workspace', () => {
    const root = tree({
      'packages/engine/test/slots.test.ts':
        "import { world } from './support/world.js';\nexport const t = world;\n",
      'packages/engine/test/support/world.ts': 'export const world = 1;\n',
      'packages/core/src/uptime.test.ts':
        "import { events } from './test-support/events.js';\nexport const t = events;\n",
      'packages/core/src/test-support/events.ts': 'export const events = 1;\n',
      'apps/web/test/unit/badge.test.ts': 'export const t = 1;\n',
      'bench/api/seed/seed-database.test.ts': 'export const t = 1;\n',
    });
    const { code, output } = check(root);
    assert.equal(code, 0, output);
  });

  it("lets the dashboard take the contract's types, and nothing of it that runs", () => {
    passes({
      'apps/web/src/api/monitors-api.ts':
        "import type { Monitor } from '@mcpulse/contract';\nexport type { Account } from '@mcpulse/contract';\nexport const none: Monitor[] = [];\n",
      'apps/web/test/unit/schema.test.ts':
        "import { monitorSchema } from '@mcpulse/contract';\nexport const schema = monitorSchema;\n",
    });
    const typeOnly = (file) =>
      new RegExp(
        `apps/web/src/${file.replace('.', '\\.')}: apps/web may import @mcpulse/contract only with \`import type\``,
      );
    fails(
      {
        'apps/web/src/form.tsx':
          "import { type Monitor, monitorSchema } from '@mcpulse/contract';\nexport const f = monitorSchema;\n",
        'apps/web/src/inline.ts':
          "import { type Monitor } from '@mcpulse/contract';\nexport const m: Monitor[] = [];\n",
        'apps/web/src/main.tsx': "import '@mcpulse/contract';\n",
      },
      typeOnly('form.tsx'),
      typeOnly('inline.ts'),
      typeOnly('main.tsx'),
    );
  });

  it('keeps the contract to core and zod', () => {
    passes({
      'packages/contract/src/monitor-schemas.ts':
        "import { probeResultSchema } from '@mcpulse/core';\nimport { z } from 'zod';\nexport const s = z.object({ probe: probeResultSchema });\n",
      'packages/contract/vitest.config.ts':
        "import { defineConfig } from 'vitest/config';\nexport default defineConfig({});\n",
    });
    fails(
      {
        'packages/contract/src/routes.ts':
          "import type { FastifyInstance } from 'fastify';\nimport { randomUUID } from 'node:crypto';\nimport { db } from '@mcpulse/db';\nexport const r = [randomUUID, db] as unknown as FastifyInstance;\n",
      },
      /packages\/contract\/src\/routes\.ts: packages\/contract may not import fastify/,
      /packages\/contract\/src\/routes\.ts: packages\/contract may not import node:crypto/,
      /packages\/contract\/src\/routes\.ts: packages\/contract may not import @mcpulse\/db/,
    );
  });

  it('fails on a route that imports the database package or drizzle-orm', () => {
    fails(
      {
        'packages/db/package.json': '{ "name": "@mcpulse/db" }',
        'apps/api/src/routes/monitor-routes.ts':
          "import { ownedMonitor } from '@mcpulse/db';\nexport const routes = ownedMonitor;\n",
        'apps/api/src/routes/read-routes.ts':
          "import type { SQL } from 'drizzle-orm';\nexport type Where = SQL;\n",
      },
      /apps\/api\/src\/routes\/monitor-routes\.ts: apps\/api\/src\/routes may not import @mcpulse\/db/,
      /apps\/api\/src\/routes\/read-routes\.ts: apps\/api\/src\/routes may not import drizzle-orm/,
    );
  });

  it('fails on any API module that imports drizzle-orm, a subpath or only for its side effects', () => {
    fails(
      {
        'apps/api/src/domain/get-monitor.ts': "import { eq } from 'drizzle-orm';\nexport const get = eq;\n",
        'apps/api/src/server.ts': "import 'drizzle-orm/pg-core';\n",
      },
      /apps\/api\/src\/domain\/get-monitor\.ts: apps\/api\/src may not import drizzle-orm /,
      /apps\/api\/src\/server\.ts: apps\/api\/src may not import drizzle-orm\/pg-core/,
    );
  });

  it("lets the API's domain verbs call the database package, and its tests use drizzle-orm", () => {
    passes({
      'packages/db/package.json': '{ "name": "@mcpulse/db" }',
      'apps/api/src/domain/get-monitor.ts':
        "import { ownedMonitor } from '@mcpulse/db';\nexport const get = ownedMonitor;\n",
      'apps/api/src/routes/monitor-routes.ts':
        "import { get } from '../domain/get-monitor.js';\nexport const routes = get;\n",
      'apps/api/test/monitors.test.ts': "import { eq } from 'drizzle-orm';\nexport const where = eq;\n",
    });
  });

  it('passes an acyclic tree of .ts and .tsx modules', () => {
    const root = tree({
      'apps/web/src/page.tsx': "import { Badge } from './badge.js';\nexport const Page = Badge;\n",
      'apps/web/src/badge.tsx': "import { label } from './label.js';\nexport const Badge = label;\n",
      'apps/web/src/label.ts': "export const label = 'up';\n",
    });
    const { code, output } = check(root);
    assert.equal(code, 0, output);
    assert.match(output, /3 modules checked, no violations/);
  });
});
