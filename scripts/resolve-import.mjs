// How a relative import specifier names a source file, the way TypeScript's
// NodeNext resolution does: a `.js` specifier stands for the `.ts` or `.tsx`
// file beside it, so the dependency check sees every module the compiler sees.
import { statSync } from 'node:fs';
import path from 'node:path';

/** Source files a compiled specifier may stand for, in TypeScript's order of preference. */
const SOURCE_FOR = new Map([
  ['.js', ['.ts', '.tsx']],
  ['.jsx', ['.tsx']],
  ['.mjs', ['.mts']],
  ['.cjs', ['.cts']],
]);

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The file a relative specifier of `fromFile` resolves to, or null when there
 * is none: `./a.js` to `a.ts` or `a.tsx`, `./a` to `a.ts`, `a.tsx` or
 * `a/index.ts(x)`, any other name (`./data.json`) to itself.
 */
export function resolveRelative(fromFile, specifier) {
  const target = path.resolve(path.dirname(fromFile), specifier);
  const extension = path.extname(target);
  const sources = SOURCE_FOR.get(extension);
  if (sources) {
    const stem = target.slice(0, -extension.length);
    for (const source of sources) if (isFile(stem + source)) return stem + source;
    return isFile(target) ? target : null;
  }
  if (isFile(target)) return target;
  for (const candidate of ['.ts', '.tsx', '/index.ts', '/index.tsx']) {
    if (isFile(target + candidate)) return target + candidate;
  }
  return null;
}
