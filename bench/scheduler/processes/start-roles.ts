import path from 'node:path';
import type { SchedulerBenchArgs } from '../cli-args.js';
import { BENCH_REGION } from '../setup/bench-database.js';
import { startWorkerRole, type WorkerRole } from './worker-role.js';

export type RoleName = 'scheduler' | 'probe' | 'ingest';

export interface RunningRoles {
  /** In start order: ingest, probe, scheduler. */
  list: WorkerRole[];
  /** Scheduler first, then the probe worker, then ingest, so each drains into a consumer still running. */
  stop(): Promise<void>;
}

const ROLE_ARGS: Record<RoleName, string[]> = {
  ingest: ['ingest'],
  probe: ['probe', '--region', BENCH_REGION],
  scheduler: ['scheduler'],
};

/** The three roles, one process each, consumers first so the scheduler's first jobs find them running. */
export async function startRoles(
  args: SchedulerBenchArgs,
  env: Record<string, string>,
  logDir: string,
): Promise<RunningRoles> {
  const started: WorkerRole[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const role of [...started].reverse()) await role.stop();
    })();
    return stopping;
  };
  try {
    for (const name of ['ingest', 'probe', 'scheduler'] as const) {
      const role = await startWorkerRole(name, {
        args: ROLE_ARGS[name],
        env,
        logFile: path.join(logDir, `${name}.log`),
        // A directory per role: the module-loader thread writes a profile of its own beside the main thread's.
        nodeFlags: args.profileDir
          ? ['--cpu-prof', `--cpu-prof-dir=${path.join(args.profileDir, name)}`]
          : [],
      });
      started.push(role);
      await role.ready();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { list: started, stop };
}
