import { DIRECTORY_LIMITS } from '@mcpulse/core/domain';

/** Why a registry's listing could not be read to its end: nothing of it is applied. */
export class RegistryUnavailable extends Error {
  override name = 'RegistryUnavailable';
}

export interface ListingRequest {
  /** The registry's base URL, without a trailing slash. */
  registryUrl: string;
  /** Only what changed after this (`updated_since`; deleted entries included by the API). */
  updatedSince: Date | null;
  /** One request's deadline, the body included. */
  requestTimeoutMs: number;
  userAgent: string;
  fetch?: typeof globalThis.fetch;
}

const PAGE_LIMIT = 100;

async function boundedBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new RegistryUnavailable('page over the size bound');
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new RegistryUnavailable('page over the size bound');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function fetchPage(request: ListingRequest, cursor: string | null): Promise<unknown> {
  const url = new URL(`${request.registryUrl}/v0.1/servers`);
  url.searchParams.set('limit', String(PAGE_LIMIT));
  url.searchParams.set('version', 'latest');
  if (request.updatedSince) url.searchParams.set('updated_since', request.updatedSince.toISOString());
  if (cursor !== null) url.searchParams.set('cursor', cursor);
  const signal = AbortSignal.timeout(request.requestTimeoutMs);
  let text: string;
  try {
    const response = await (request.fetch ?? fetch)(url, {
      headers: { accept: 'application/json', 'user-agent': request.userAgent },
      redirect: 'error',
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new RegistryUnavailable(`the registry answered ${response.status}`);
    }
    text = await boundedBody(response, DIRECTORY_LIMITS.pageBytes);
  } catch (error) {
    if (error instanceof RegistryUnavailable) throw error;
    throw new RegistryUnavailable(
      signal.aborted
        ? 'the registry did not answer in time'
        : `the registry could not be reached (${String(error)})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RegistryUnavailable('the registry answered with something other than JSON');
  }
}

/**
 * Every page of a registry's list of latest versions, in order, following `metadata.nextCursor`
 * until it is absent or empty. A page of the wrong shape, an over-long listing or a cursor that
 * comes back is the registry failing: the caller applies nothing of a listing that did not end.
 */
export async function* registryPages(request: ListingRequest): AsyncGenerator<unknown[]> {
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let page = 0; page < DIRECTORY_LIMITS.pagesPerSync; page++) {
    const body = await fetchPage(request, cursor);
    const answer = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
    if (!answer || !Array.isArray(answer.servers))
      throw new RegistryUnavailable('a page without a servers list');
    const metadata = answer.metadata;
    const next =
      typeof metadata === 'object' && metadata !== null
        ? (metadata as Record<string, unknown>).nextCursor
        : undefined;
    if (next !== undefined && next !== null && typeof next !== 'string')
      throw new RegistryUnavailable('a page whose nextCursor is not a string');
    yield answer.servers;
    if (!next) return;
    if (next.length > 4096 || seen.has(next)) throw new RegistryUnavailable('the registry repeated a cursor');
    seen.add(next);
    cursor = next;
  }
  throw new RegistryUnavailable(`the listing is longer than ${DIRECTORY_LIMITS.pagesPerSync} pages`);
}
