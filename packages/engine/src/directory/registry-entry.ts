import { storableText } from '@mcpulse/core';
import { DIRECTORY_ENTRY_STATUSES, DIRECTORY_LIMITS, type DirectoryEntryStatus } from '@mcpulse/core/domain';
import type { DirectoryRemote } from '@mcpulse/db';
import { resolveRemote } from './remote-endpoint.js';

export const OFFICIAL_META = 'io.modelcontextprotocol.registry/official';

/** One registry entry, bounded and validated, as the sync stores it. */
export interface RegistryEntry {
  name: string;
  version: string;
  status: DirectoryEntryStatus;
  isLatest: boolean;
  title: string | null;
  description: string | null;
  websiteUrl: string | null;
  repositoryUrl: string | null;
  remotes: DirectoryRemote[];
  meta: Record<string, unknown> | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
}

/** Why an entry was skipped; the sync counts these, never fails its page over one. */
export type EntryProblem = 'not_an_object' | 'name' | 'version' | 'status' | 'meta';

type Json = Record<string, unknown>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a header or name must not carry
const CONTROL = /[\u0000-\u001f\u007f]/;

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown, maxChars: number): string | null {
  return typeof value === 'string' && value !== '' ? storableText(value, maxChars) : null;
}

function webUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > DIRECTORY_LIMITS.urlChars || !URL.canParse(value))
    return null;
  const url = new URL(value);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return null;
  return url.href.length > DIRECTORY_LIMITS.urlChars ? null : url.href;
}

function date(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The official metadata, kept whole when small and storable, else its known fields only. */
function officialMeta(official: Json): Json {
  const known: Json = {};
  for (const key of ['status', 'statusChangedAt', 'publishedAt', 'updatedAt']) {
    const value = official[key];
    if (typeof value === 'string') known[key] = storableText(value, 64);
  }
  if (typeof official.isLatest === 'boolean') known.isLatest = official.isLatest;
  const message = text(official.statusMessage, 500);
  if (message !== null) known.statusMessage = message;
  return known;
}

function boundedMeta(official: Json): Json {
  const known = officialMeta(official);
  return Buffer.byteLength(JSON.stringify(known)) <= DIRECTORY_LIMITS.metaBytes ? known : {};
}

/**
 * Reads one item of a registry's list answer (a ServerResponse): its `server` (a ServerDetail)
 * and `_meta["io.modelcontextprotocol.registry/official"]`. Everything in it is hostile: a wrong
 * type or bound on a field the entry cannot do without skips the entry; on any other field, the
 * field is dropped or cut.
 */
export function parseRegistryEntry(
  item: unknown,
  resolve: typeof resolveRemote = resolveRemote,
): RegistryEntry | EntryProblem {
  const response = object(item);
  const server = object(response?.server);
  if (!response || !server) return 'not_an_object';
  const name = server.name;
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > DIRECTORY_LIMITS.nameChars ||
    CONTROL.test(name) ||
    name.trim() !== name
  )
    return 'name';
  const version = server.version;
  if (typeof version !== 'string' || version.length === 0 || version.length > DIRECTORY_LIMITS.versionChars)
    return 'version';
  if (CONTROL.test(version)) return 'version';

  const meta = response._meta;
  if (meta !== undefined && meta !== null && !object(meta)) return 'meta';
  const rawOfficial = object(meta)?.[OFFICIAL_META];
  if (rawOfficial !== undefined && rawOfficial !== null && !object(rawOfficial)) return 'meta';
  const official = object(rawOfficial) ?? {};
  const status = official.status ?? 'active';
  if (typeof status !== 'string' || !(DIRECTORY_ENTRY_STATUSES as readonly string[]).includes(status))
    return 'status';
  // A registry that does not say is taken at its word for `version=latest`.
  const isLatest = official.isLatest === undefined ? true : official.isLatest === true;

  const remotes = Array.isArray(server.remotes) ? server.remotes : [];
  const resolved: DirectoryRemote[] = [];
  for (const remote of remotes.slice(0, DIRECTORY_LIMITS.remotesPerEntry)) {
    const one = resolve(remote);
    if (one !== null) resolved.push(one);
  }
  const repository = object(server.repository);

  return {
    name,
    version,
    status: status as DirectoryEntryStatus,
    isLatest,
    title: text(server.title, DIRECTORY_LIMITS.titleChars),
    description: text(server.description, DIRECTORY_LIMITS.descriptionChars),
    websiteUrl: webUrl(server.websiteUrl),
    repositoryUrl: webUrl(repository?.url),
    remotes: resolved,
    meta: object(rawOfficial) ? boundedMeta(official) : null,
    publishedAt: date(official.publishedAt),
    updatedAt: date(official.updatedAt),
  };
}
