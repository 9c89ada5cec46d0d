import type { DirectoryAudit } from '@mcpulse/contract';
import { api } from './client.js';

export const AUDIT_PATH = '/api/v1/directory/audit';
export const AUDIT_ENDPOINTS_CSV = '/api/v1/directory/audit/endpoints.csv';
export const AUDIT_DAYS_CSV = '/api/v1/directory/audit/days.csv';

/** The directory audit: public, so it works signed in or not. */
export function getDirectoryAudit(days: number, signal?: AbortSignal): Promise<DirectoryAudit> {
  return api<DirectoryAudit>(AUDIT_PATH, { query: { days }, ...(signal ? { signal } : {}) });
}
