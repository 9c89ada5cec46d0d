import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * Fastify's request lines at debug instead of info, for the embedded mode: on
 * a person's own machine every dashboard poll would otherwise scroll the
 * start-up banner (the URL, the demo login) out of the terminal. Failed
 * requests are still logged at error.
 */
class DebugRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) super.requestCompleted(error, request, reply);
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url }, 'route not found');
  }
}

export type RequestLogLevel = 'info' | 'debug';

/** Fastify's own log controller for `info`, the quieter one for `debug`. */
export function requestLogController(level: RequestLogLevel): LogController {
  return level === 'debug' ? new DebugRequestLog() : new LogController();
}
