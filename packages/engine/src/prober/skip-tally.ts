import type { Logger } from '@mcpulse/config';

const SUMMARY_EVERY_MS = 10_000;

/**
 * Logs skipped checks as a summary at most every ten seconds: a worker back from an outage skips
 * every check it missed at once, and a line per check would bury the log.
 */
export class SkipTally {
  private count = 0;
  private mostLateMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly region: string,
    private readonly logger: Logger,
  ) {}

  add(lateMs: number): void {
    this.count++;
    this.mostLateMs = Math.max(this.mostLateMs, lateMs);
    if (this.timer) return;
    this.flush();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.count > 0) this.flush();
    }, SUMMARY_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.count > 0) this.flush();
  }

  private flush(): void {
    this.logger.warn(
      { region: this.region, skipped: this.count, mostLateMs: Math.round(this.mostLateMs) },
      'skipped checks picked up more than an interval after their slot',
    );
    this.count = 0;
    this.mostLateMs = 0;
  }
}
