import type { Logger } from '@mcpulse/config';

/** Where whoever opens a resource says how to close it, as soon as it is open. */
export interface Closers {
  /** `close` runs at shutdown; steps added later run earlier (what opened last closes first). */
  add(name: string, close: () => Promise<void> | void): void;
}

/** The part of `process` the helper uses; tests pass an event emitter with an `exit`. */
export interface ProcessEvents {
  on(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  exit(code: number): void;
}

export interface ShutdownOptions {
  logger: Logger;
  /** From the first stop signal, the process exits by then (code 1) whatever is still stopping. */
  deadlineMs: number;
  /** Runs as shutdown begins, before any step: e.g. readiness starts answering 503. */
  onBegin?: () => void;
  /** Defaults to the running process. */
  process?: ProcessEvents;
}

export interface Shutdown extends Closers {
  readonly stopping: boolean;
  /** Runs the steps and exits: 0 only when asked with 0 and every step finished cleanly in time. */
  stop(reason: string, code: 0 | 1): Promise<void>;
}

/**
 * The one way an entry point stops: on SIGTERM/SIGINT, or after an uncaught
 * error (a process that hit one may hold broken state, so it stops rather than
 * carries on), every step runs in turn, each failure is logged and makes the
 * exit code 1 without skipping the steps after it, and the deadline bounds the
 * whole. A signal that comes while stopping starts nothing new: `npm start`
 * forwards the terminal's Ctrl-C, so one key press arrives twice.
 */
export function installShutdown(options: ShutdownOptions): Shutdown {
  const target = options.process ?? process;
  const { logger, deadlineMs } = options;
  const steps: Array<{ name: string; close: () => Promise<void> | void }> = [];
  let stopping: Promise<void> | undefined;
  let exitCode = 0;
  let exited = false;
  let current: string | null = null;

  const exit = (code: number) => {
    if (exited) return;
    exited = true;
    target.exit(code);
  };

  const stop = (reason: string, code: 0 | 1): Promise<void> => {
    exitCode = Math.max(exitCode, code);
    if (stopping) {
      logger.warn({ reason }, 'already shutting down');
      return stopping;
    }
    logger.info({ reason, deadlineMs }, 'shutting down');
    options.onBegin?.();
    // Kept referenced: a step stuck on a promise that nothing else keeps alive still ends in an exit.
    const deadline = setTimeout(() => {
      logger.error(
        { deadlineMs, step: current },
        'shutdown deadline passed; exiting with work still stopping',
      );
      exit(1);
    }, deadlineMs);
    stopping = (async () => {
      for (const step of steps.toReversed()) {
        current = step.name;
        try {
          await step.close();
        } catch (error) {
          exitCode = 1;
          logger.error({ err: error, step: step.name }, 'stop step failed');
        }
      }
      current = null;
      clearTimeout(deadline);
      if (exited) return;
      logger.info({ exitCode }, 'stopped');
      exit(exitCode);
    })();
    return stopping;
  };

  target.on('SIGTERM', () => void stop('SIGTERM', 0));
  target.on('SIGINT', () => void stop('SIGINT', 0));
  target.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void stop('uncaught exception', 1);
  });
  target.on('unhandledRejection', (error) => {
    logger.fatal({ err: error }, 'unhandled rejection');
    void stop('unhandled rejection', 1);
  });

  return {
    get stopping() {
      return stopping !== undefined;
    },
    add(name, close) {
      steps.push({ name, close });
    },
    stop,
  };
}
