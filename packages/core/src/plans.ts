export const PLAN_MONITOR_QUOTAS = { free: 5, author: 25, team: 100 } as const;
export type PlanName = keyof typeof PLAN_MONITOR_QUOTAS;
