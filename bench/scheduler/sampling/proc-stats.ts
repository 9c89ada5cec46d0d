import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const TICKS_PER_SECOND = 100;

export interface ProcReading {
  /** User + system CPU time so far, in milliseconds. */
  cpuMs: number;
  /** Time the main thread spent runnable but waiting for a core so far, in milliseconds. */
  waitMs: number;
  rssMb: number;
}

/** CPU and RSS of one process from /proc, or null once it is gone. */
export function readProc(pid: number): ProcReading | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    // schedstat: time on a core, time runnable on a run queue (both in ns), timeslices.
    const waitNs = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0);
    return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, waitMs: waitNs / 1e6, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

/** Processes whose command name starts with `prefix` (e.g. every Postgres backend). */
export function pidsNamed(prefix: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith(prefix)) pids.push(Number(entry));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}

/** Busy and total CPU time of the whole machine, in ticks, from the first line of /proc/stat. */
export function readMachineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}
