import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from './check-context.js';
import type { HttpResponse } from './http-client.js';

function tooLarge(ctx: CheckContext, limit: number, what: string): ProbeFailure {
  return new ProbeFailure(
    'response_too_large',
    ctx.phase,
    `${what} exceeds the ${limit}-byte limit; reading stopped there`,
  );
}

export interface ReadLimits {
  /** Bytes this body may have; default: the check's per-response limit. */
  maxBytes?: number;
}

function truncated(ctx: CheckContext): ProbeFailure {
  return new ProbeFailure(
    'connection_reset',
    ctx.phase,
    'connection reset or closed before the response body was complete',
  );
}

export interface StreamHandlers {
  /** Called with each decoded chunk; return true once the reader has what it needs. */
  onText(text: string): boolean;
  onEnd(): void;
}

/**
 * Reads a response body as text without ever holding more than the check's
 * body limit, failing on the deadline, on a reset and on the limit itself.
 */
export function consumeText(
  ctx: CheckContext,
  response: HttpResponse,
  handlers: StreamHandlers,
  limits: ReadLimits = {},
): Promise<void> {
  const stream = response.stream;
  const maxBytes = limits.maxBytes ?? ctx.limits.maxBodyBytes;
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      stopDeadline();
      stream.off('data', onData);
      if (error !== undefined) {
        stream.destroy();
        reject(error);
      } else {
        resolve();
      }
    };
    const stopDeadline = ctx.onDeadline(() => finish(ctx.timeoutFailure()));
    const decoder = new TextDecoder('utf-8');
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      ctx.bytesRead += chunk.length;
      if (bytes > maxBytes) {
        finish(tooLarge(ctx, maxBytes, 'response body'));
        return;
      }
      if (ctx.bytesRead > ctx.limits.maxTotalBytes) {
        finish(tooLarge(ctx, ctx.limits.maxTotalBytes, 'the check as a whole'));
        return;
      }
      try {
        if (handlers.onText(decoder.decode(chunk, { stream: true }))) {
          finish();
          stream.destroy();
        }
      } catch (error) {
        finish(error);
      }
    };
    stream.on('data', onData);
    stream.once('end', () => {
      try {
        handlers.onText(decoder.decode());
        handlers.onEnd();
        finish();
      } catch (error) {
        finish(error);
      }
    });
    const onBroken = () => finish(ctx.timedOut ? ctx.timeoutFailure() : truncated(ctx));
    stream.once('error', onBroken);
    stream.once('aborted', onBroken);
    stream.once('close', () => {
      if (!stream.complete) onBroken();
    });
  });
}

export async function readText(
  ctx: CheckContext,
  response: HttpResponse,
  limits: ReadLimits = {},
): Promise<string> {
  const parts: string[] = [];
  await consumeText(
    ctx,
    response,
    {
      onText(text) {
        if (text) parts.push(text);
        return false;
      },
      onEnd() {},
    },
    limits,
  );
  return parts.join('');
}
