/**
 * BullMQ forbids ":" in queue names, and in custom job ids (except in a legacy three-part form), and
 * rejects ids that look like integers. The contract allows all of these, so names and ids are mapped
 * here, one to one.
 */

/** `probe:eu` under prefix `mcpulse` becomes queue `eu` under prefix `mcpulse:probe`: keys `mcpulse:probe:eu:*`. */
export function bullmqAddress(prefix: string, queue: string): { prefix: string; name: string } {
  const split = queue.lastIndexOf(':');
  if (split === -1) return { prefix, name: queue };
  return { prefix: `${prefix}:${queue.slice(0, split)}`, name: queue.slice(split + 1) };
}

// The marker keeps custom ids apart from BullMQ's own numeric ids, and no longer integer-like.
const CUSTOM = '~';

export function encodeJobId(id: string): string {
  return CUSTOM + id.replaceAll('%', '%25').replaceAll(':', '%3A');
}

export function decodeJobId(stored: string): string {
  if (!stored.startsWith(CUSTOM)) return stored;
  return stored.slice(CUSTOM.length).replaceAll('%3A', ':').replaceAll('%25', '%');
}
