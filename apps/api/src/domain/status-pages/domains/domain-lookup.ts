import { Resolver } from 'node:dns/promises';

/** How long one verification may wait for DNS, all tries included. */
export const DNS_LOOKUP_TIMEOUT_MS = 5_000;

/** What DNS said about a challenge record. */
export type ChallengeLookup =
  | { found: 'match' }
  | { found: 'none' }
  /** Records there, none of them the expected value (what they say is never echoed: hostile text). */
  | { found: 'other'; records: number }
  | { found: 'error'; code: string };

/** Answers that mean the name or its TXT records do not exist, as opposed to DNS failing to say. */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Looks up the TXT records at `record` and compares each (its strings joined, as DNS splits long
 * ones) with `expected`. Asks `servers` (MCPULSE_DNS_SERVERS), else the system's resolvers; gives
 * up after DNS_LOOKUP_TIMEOUT_MS whatever the resolver's own retries.
 */
export async function lookUpChallenge(
  servers: readonly string[] | undefined,
  record: string,
  expected: string,
  timeoutMs = DNS_LOOKUP_TIMEOUT_MS,
): Promise<ChallengeLookup> {
  const resolver = new Resolver({ timeout: Math.ceil(timeoutMs / 3), tries: 2 });
  if (servers && servers.length > 0) resolver.setServers([...servers]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      resolver.cancel();
      reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEOUT' }));
    }, timeoutMs);
  });
  try {
    const records = await Promise.race([resolver.resolveTxt(record), timeout]);
    const values = records.map((pieces) => pieces.join(''));
    if (values.includes(expected)) return { found: 'match' };
    if (values.length === 0) return { found: 'none' };
    return { found: 'other', records: values.length };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const known = typeof code === 'string' ? code : 'EUNKNOWN';
    return ABSENT.has(known) ? { found: 'none' } : { found: 'error', code: known };
  } finally {
    clearTimeout(timer);
  }
}
