/** Each plan's monitor quota. Sign-up starts on the first. */
export const PLAN_MONITOR_QUOTAS = { free: 5, author: 25, team: 100 } as const;
export type PlanName = keyof typeof PLAN_MONITOR_QUOTAS;
export const PLANS = Object.keys(PLAN_MONITOR_QUOTAS) as [PlanName, ...PlanName[]];

export const MEMBER_ROLES = ['owner', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** `read` keys may only read; `write` keys may also change monitors and webhooks. */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
