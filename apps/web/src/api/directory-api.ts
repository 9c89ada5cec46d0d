import type { DirectoryList, DirectoryListQuery, DirectoryServer } from '@mcpulse/contract';
import { api } from './client.js';

/** A server name in a path: each segment encoded, the registry's `/` kept. */
export function directoryNamePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

export const listDirectory = (query: DirectoryListQuery, signal: AbortSignal) =>
  api<DirectoryList>('/api/v1/directory/servers', { query: { ...query }, signal });

export const getDirectoryServer = (name: string, signal: AbortSignal) =>
  api<DirectoryServer>(`/api/v1/directory/servers/${directoryNamePath(name)}`, { signal });
