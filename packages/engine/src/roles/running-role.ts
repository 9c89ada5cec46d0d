/** A worker role once started; how it stops was registered with the `Closers` it was given. */
export interface RunningRole {
  /** True when the role can take work: its connections answer. */
  ready(): Promise<boolean>;
  /** What health answers say about this role besides its status (the scheduler: whether it leads). */
  describe(): Record<string, unknown>;
}
