import { type DestinationStream, type LevelWithSilentOrString, type Logger, pino } from 'pino';
import { scrubText, serializeError } from './error-serializer.js';
import { CENSOR, REDACT_PATHS } from './redact-paths.js';

export type { Logger };

export interface LoggerOptions {
  name: string;
  /** Defaults to `info`. */
  level?: LevelWithSilentOrString;
  /** Defaults to stdout. */
  destination?: DestinationStream;
  /** Only `false`: output stays JSON for log collectors; pipe it through pino-pretty to read it. */
  pretty?: false;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      serializers: { err: serializeError },
      hooks: {
        // `logger.error(err)` makes the error's message the line's msg, which no serializer sees.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          if (first instanceof Error && (rest.length === 0 || typeof rest[0] !== 'string')) {
            return method.apply(this, [{ err: first }, scrubText(first.message), ...rest] as Parameters<
              typeof method
            >);
          }
          return method.apply(this, args);
        },
      },
    },
    options.destination,
  );
}
