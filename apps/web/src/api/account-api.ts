import { api } from './client.js';
import type { Account, ApiKey, ApiKeyScope } from './types.js';

export const getAccount = (signal?: AbortSignal) =>
  api<Account>('/api/v1/account', { ...(signal ? { signal } : {}) });

export const logIn = (body: { email: string; password: string }) =>
  api<Account>('/api/v1/auth/login', { method: 'POST', body });

export const signUp = (body: { email: string; password: string; name?: string; organizationName?: string }) =>
  api<Account>('/api/v1/auth/signup', { method: 'POST', body });

export const logOut = () => api<void>('/api/v1/auth/logout', { method: 'POST' });

export const listApiKeys = (signal: AbortSignal) =>
  api<{ apiKeys: ApiKey[] }>('/api/v1/api-keys', { signal });

export const createApiKey = (body: { name: string; scope: ApiKeyScope }) =>
  api<{ apiKey: ApiKey; secret: string }>('/api/v1/api-keys', { method: 'POST', body });

export const revokeApiKey = (id: string) => api<void>(`/api/v1/api-keys/${id}`, { method: 'DELETE' });
