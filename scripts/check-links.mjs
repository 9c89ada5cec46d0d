#!/usr/bin/env node
// Fails when a relative link in the repository's markdown points nowhere: a
// file that does not exist, a path that leaves the repository (a clone has
// nothing above its root), or a #anchor that no heading of the target makes.
// Usage: node scripts/check-links.mjs [root]   (default: the repository)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { anchorsOf, linksOf } from './markdown-links.mjs';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
/** Installed, built, generated or local-only folders: not the repository's own documents. */
const SKIPPED = new Set([
  'node_modules',
  'dist',
  '.git',
  '.turbo',
  'data',
  'coverage',
  'test-artifacts',
  'results',
]);

function markdownFiles(dir, files = []) {
  for (const entry of readdirSync(dir)) {
    if (SKIPPED.has(entry)) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) markdownFiles(full, files);
    else if (entry.endsWith('.md')) files.push(full);
  }
  return files;
}

const anchorCache = new Map();
function anchorsIn(file) {
  if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(readFileSync(file, 'utf8')));
  return anchorCache.get(file);
}

/** Why `target`, linked from `file`, is broken; null when it resolves. */
function problemWith(file, target) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return null;
  const hash = target.indexOf('#');
  const pathPart = (hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
  let anchor = hash === -1 ? null : target.slice(hash + 1);
  let decoded;
  try {
    decoded = decodeURIComponent(pathPart);
    if (anchor !== null) anchor = decodeURIComponent(anchor);
  } catch {
    return `malformed link "${target}"`;
  }
  const base = decoded.startsWith('/') ? root : path.dirname(file);
  const resolved = decoded === '' ? file : path.resolve(base, `.${path.sep}${decoded}`);
  const inside = path.relative(root, resolved);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return `"${target}" leaves the repository`;
  if (!existsSync(resolved)) return `"${target}": ${inside} does not exist`;
  if (anchor === null || anchor === '' || !resolved.endsWith('.md')) return null;
  if (!anchorsIn(resolved).has(anchor))
    return `"${target}": no heading in ${inside} makes the anchor #${anchor}`;
  return null;
}

const problems = [];
let checked = 0;
const files = markdownFiles(root);
for (const file of files) {
  for (const { target, line } of linksOf(readFileSync(file, 'utf8'))) {
    checked++;
    const problem = problemWith(file, target);
    if (problem) problems.push(`${path.relative(root, file)}:${line}: ${problem}`);
  }
}

if (problems.length > 0) {
  console.error(`broken links:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`links: ${checked} in ${files.length} markdown files checked, none broken`);
