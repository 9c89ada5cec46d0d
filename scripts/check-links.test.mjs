// Runs check-links.mjs on small repositories written here, so each kind of
// broken link is shown to fail the check and sound links to pass it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { githubSlug } from './markdown-links.mjs';

const run = promisify(execFile);
const script = path.join(import.meta.dirname, 'check-links.mjs');
const dirs = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A repository under a parent folder that holds `outside.md`, so a link can leave it for a real file. */
function repository(files) {
  const parent = mkdtempSync(path.join(tmpdir(), 'mcpulse-links-'));
  dirs.push(parent);
  writeFileSync(path.join(parent, 'outside.md'), '# Outside\n');
  const root = path.join(parent, 'repo');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function check(root) {
  try {
    const { stdout } = await run(process.execPath, [script, root]);
    return { code: 0, output: stdout };
  } catch (error) {
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

const docs = {
  'docs/guide.md': [
    '# Guide',
    '## Error codes (`no_tools`, `timeout`)',
    '## Setup',
    '## Setup',
    'Back to [the readme](../README.md#start).',
  ].join('\n'),
};

describe('check-links', () => {
  it('passes sound relative links, anchors of repeated and code headings, and skips code', async () => {
    const root = repository({
      ...docs,
      'README.md': [
        '# Start',
        'See [the guide](docs/guide.md), [its codes](docs/guide.md#error-codes-no_tools-timeout),',
        '[the second setup](docs/guide.md#setup-1) and [above](#start), <https://example.com>,',
        '[a site](https://example.com/x) and [a file](docs/guide.md "title").',
        '',
        '[ref]: docs/guide.md#setup',
        '',
        '```md',
        '[in a fence](missing.md)',
        '```',
        'And `[in code](missing.md)` too.',
      ].join('\n'),
    });
    const { code, output } = await check(root);
    assert.equal(code, 0, output);
    assert.match(output, /links: 8 in 2 markdown files checked, none broken/);
  });

  it('fails on a target that does not exist', async () => {
    const root = repository({ ...docs, 'README.md': '# Start\n\nRead [the design](docs/design.md).\n' });
    const { code, output } = await check(root);
    assert.equal(code, 1);
    assert.match(output, /README\.md:3: "docs\/design\.md": docs\/design\.md does not exist/);
  });

  it('fails on a link that leaves the repository, even to a file that exists', async () => {
    const root = repository({ ...docs, 'README.md': '# Start\n[outside](../outside.md)\n' });
    const { code, output } = await check(root);
    assert.equal(code, 1);
    assert.match(output, /README\.md:2: "\.\.\/outside\.md" leaves the repository/);
  });

  it('fails on an anchor that no heading makes, in another file or the same one', async () => {
    const root = repository({
      ...docs,
      'README.md': '# Start\n[codes](docs/guide.md#error-code)\n\n[here][here]\n\n[here]: #finish\n',
    });
    const { code, output } = await check(root);
    assert.equal(code, 1);
    assert.match(output, /README\.md:2: .*no heading in docs\/guide\.md makes the anchor #error-code/);
    assert.match(output, /README\.md:6: .*no heading in README\.md makes the anchor #finish/);
  });

  it('makes anchors as GitHub does', () => {
    assert.equal(githubSlug('Legacy HTTP+SSE transport (2024-11-05)'), 'legacy-httpsse-transport-2024-11-05');
    assert.equal(githubSlug('What a check does: “up” & down'), 'what-a-check-does-up--down');
    assert.equal(githubSlug('Über_schema Änderung'), 'über_schema-änderung');
  });
});
