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

/**
 * Query parameters whose values are credentials: the authorization code and state of an OAuth
 * redirect (`/api/v1/oauth/callback`), and tokens a client might put in a URL.
 */
const SECRET_QUERY_PARAMETERS = [
  'code',
  'state',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
];

/** A request's URL as logged: the values of credential query parameters replaced. */
export function loggedUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  let hidden = false;
  for (const name of SECRET_QUERY_PARAMETERS) {
    if (!params.has(name)) continue;
    params.set(name, '[redacted]');
    hidden = true;
  }
  return hidden ? `${url.slice(0, query)}?${params.toString()}` : url;
}

/** Fastify's request serializer, with credentials kept out of the URL it logs. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: loggedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Fastify's own log controller for `info`, the quieter one for `debug`. */
export function requestLogController(level: RequestLogLevel): LogController {
  return level === 'debug' ? new DebugRequestLog() : new LogController();
}
