#!/usr/bin/env node
// `engines` tells the truth: every package the lock file installs supports the whole Node range
// the root `package.json` declares. `.npmrc` `engine-strict` makes `npm ci` fail only on the Node
// it runs on; this finds a package that would fail on any other Node in the range, before a user
// on that Node does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

/** Packages in `lock` whose `engines.node` does not cover every version of `range`. */
export function unsupportingPackages(lock, range) {
  const found = [];
  for (const [where, info] of Object.entries(lock.packages ?? {})) {
    const wants = info.engines?.node;
    if (!where || !wants) continue;
    if (!semver.validRange(wants) || !semver.subset(range, wants)) found.push({ where, wants });
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? path.resolve(import.meta.dirname, '..');
  const read = (name) => JSON.parse(readFileSync(path.join(root, name), 'utf8'));
  const range = read('package.json').engines?.node;
  if (!range || !semver.validRange(range)) {
    console.error('check-engines: package.json declares no valid engines.node range');
    process.exit(1);
  }
  const found = unsupportingPackages(read('package-lock.json'), range);
  for (const { where, wants } of found)
    console.error(`check-engines: ${where} wants Node ${wants}, outside the declared ${range}`);
  if (found.length > 0) process.exit(1);
  console.log(`check-engines: every locked package supports Node ${range}`);
}
