import { type Scrub, storableText } from './storable-text.js';

export interface JsonBounds {
  /** Containers nested deeper than this (the value itself is level 0) become a note. */
  maxDepth: number;
  /** Members and items kept across the whole value; the rest are counted in a note. */
  maxEntries: number;
  keyChars: number;
  /** The cap of a string, by its key (or index) and the level of the container that holds it. */
  stringChars(key: string | number, level: number): number;
}

type Container = unknown[] | Record<string, unknown>;

interface Pending {
  source: Container;
  target: Container;
  level: number;
}

// Assignment would set the prototype for a member a server named `__proto__`.
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * A copy of a JSON value that Postgres can store and nothing downstream has
 * to fear: every string and key goes through `storableText`, depth and size
 * are bounded, non-finite numbers become null. Breadth first over an explicit
 * queue, never by recursion, so no depth a server can send overflows the
 * stack, and a budget that runs out trims the deepest, last entries first.
 * Member order is kept; of two keys that become equal, the first wins.
 */
export function storableJson(value: unknown, bounds: JsonBounds, scrub: Scrub): unknown {
  const queue: Pending[] = [];
  let budget = bounds.maxEntries;

  const copy = (item: unknown, key: string | number, level: number): unknown => {
    if (typeof item === 'string') return storableText(item, bounds.stringChars(key, level), scrub);
    if (typeof item === 'number') return Number.isFinite(item) ? item : null;
    if (typeof item === 'boolean' || item === null) return item;
    if (typeof item !== 'object') return null;
    if (level + 1 > bounds.maxDepth) return `[nested deeper than ${bounds.maxDepth} levels]`;
    const source = item as Container;
    const target: Container = Array.isArray(source) ? [] : {};
    queue.push({ source, target, level: level + 1 });
    return target;
  };

  const root = copy(value, '', -1);
  for (let next = 0; next < queue.length; next++) {
    const { source, target, level } = queue[next] as Pending;
    if (Array.isArray(source)) {
      const items = target as unknown[];
      for (let index = 0; index < source.length; index++) {
        if (budget <= 0) {
          items.push(`[${source.length - index} more items not kept]`);
          break;
        }
        budget--;
        items.push(copy(source[index], index, level));
      }
      continue;
    }
    const members = target as Record<string, unknown>;
    const keys = Object.keys(source);
    for (let index = 0; index < keys.length; index++) {
      if (budget <= 0) {
        if (!Object.hasOwn(members, '…'))
          setMember(members, '…', `${keys.length - index} more members not kept`);
        break;
      }
      const key = keys[index] as string;
      const storedKey = storableText(key, bounds.keyChars, scrub);
      if (Object.hasOwn(members, storedKey)) continue;
      budget--;
      setMember(members, storedKey, copy((source as Record<string, unknown>)[key], key, level));
    }
  }
  return root;
}
