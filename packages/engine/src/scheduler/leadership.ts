/**
 * Only one scheduler may enqueue at a time; standbys wait for the lock. The
 * embedded mode has one process and is always the leader.
 */
export interface Leadership {
  /** True while this process holds the lock (re-checked on every renewal). */
  isLeader(): boolean;
  stop(): Promise<void>;
}

export function soleLeadership(): Leadership {
  return { isLeader: () => true, stop: async () => {} };
}
