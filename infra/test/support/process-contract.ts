/**
 * The processes the one image runs, as apps/api, apps/worker and packages/db
 * define them. Deployment files must start exactly these, so a renamed entry
 * point or flag shows up here rather than as a crash-looping container.
 */
export type ProcessRole =
  | { role: 'api' }
  | { role: 'migrate' }
  | { role: 'scheduler' }
  | { role: 'ingest' }
  | { role: 'webhooks' }
  | { role: 'probe'; region: string };

export class ProcessContractError extends Error {
  override name = 'ProcessContractError';
}

const API_ENTRY = 'apps/api/dist/server.js';
const WORKER_ENTRY = 'apps/worker/dist/main.js';
const MIGRATE_ENTRY = 'packages/db/dist/migrate-cli.js';
const REGION_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What each process drains for by default when MCPULSE_DRAIN_TIMEOUT_MS is unset. */
export const DEFAULT_DRAIN_MS = { api: 10_000, worker: 15_000 } as const;

/**
 * After its drain a process may take this long to close its connections (the
 * API's figure, in its server.ts); taken for the workers too.
 */
export const CLOSE_GRACE_MS = 5_000;

export const DEFAULT_HEALTH_PORT = 9090;

export function processRole(command: readonly string[]): ProcessRole {
  const [program, entry, ...args] = command;
  const shown = JSON.stringify(command);
  if (program !== 'node') throw new ProcessContractError(`${shown}: expected to start with "node"`);
  if (entry === API_ENTRY && args.length === 0) return { role: 'api' };
  if (entry === MIGRATE_ENTRY && args.length === 0) return { role: 'migrate' };
  if (entry !== WORKER_ENTRY)
    throw new ProcessContractError(`${shown}: unknown entry point ${String(entry)}`);
  const [role, ...flags] = args;
  if ((role === 'scheduler' || role === 'ingest' || role === 'webhooks') && flags.length === 0)
    return { role };
  if (role === 'probe') return { role, region: regionFlag(flags, shown) };
  throw new ProcessContractError(
    `${shown}: expected a worker role (scheduler, ingest, webhooks, probe --region <name>)`,
  );
}

function regionFlag(flags: readonly string[], shown: string): string {
  const [flag, value, ...rest] = flags;
  const region = flag?.startsWith('--region=')
    ? flag.slice('--region='.length)
    : flag === '--region'
      ? value
      : undefined;
  const extra = flag?.startsWith('--region=') ? [value, ...rest] : rest;
  if (region === undefined || !REGION_NAME.test(region) || extra.some((item) => item !== undefined)) {
    throw new ProcessContractError(`${shown}: a probe worker takes exactly --region <name> (kebab-case)`);
  }
  return region;
}

/** The drain timeout a process of this role runs with, given its environment. */
export function drainMs(role: ProcessRole, env: Readonly<Record<string, string>>): number {
  const configured = env.MCPULSE_DRAIN_TIMEOUT_MS;
  if (configured !== undefined) {
    const value = Number(configured);
    if (!Number.isInteger(value) || value <= 0) {
      throw new ProcessContractError(
        `MCPULSE_DRAIN_TIMEOUT_MS: expected a positive integer, got ${configured}`,
      );
    }
    return value;
  }
  return role.role === 'api' ? DEFAULT_DRAIN_MS.api : DEFAULT_DRAIN_MS.worker;
}

/** Whether the role serves /healthz and /readyz, and on which port. */
export function healthPort(role: ProcessRole, env: Readonly<Record<string, string>>): number | undefined {
  if (role.role === 'migrate') return undefined;
  if (role.role === 'api') return Number(env.PORT ?? 3000);
  return Number(env.MCPULSE_HEALTH_PORT ?? DEFAULT_HEALTH_PORT);
}
