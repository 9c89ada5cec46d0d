import type {
  Account,
  ApiKeyList,
  CreateApiKeyBody,
  CreatedApiKey,
  LogInBody,
  SignUpBody,
} from '@mcpulse/contract';
import { api } from './client.js';

export const getAccount = (signal?: AbortSignal) =>
  api<Account>('/api/v1/account', { ...(signal ? { signal } : {}) });

export const logIn = (body: LogInBody) => api<Account>('/api/v1/auth/login', { method: 'POST', body });

export const signUp = (body: SignUpBody) => api<Account>('/api/v1/auth/signup', { method: 'POST', body });

export const logOut = () => api<void>('/api/v1/auth/logout', { method: 'POST' });

export const listApiKeys = (signal: AbortSignal) => api<ApiKeyList>('/api/v1/api-keys', { signal });

export const createApiKey = (body: CreateApiKeyBody) =>
  api<CreatedApiKey>('/api/v1/api-keys', { method: 'POST', body });

export const revokeApiKey = (id: string) => api<void>(`/api/v1/api-keys/${id}`, { method: 'DELETE' });
