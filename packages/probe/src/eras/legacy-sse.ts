import { ProbeFailure } from '../probe-failure.js';
import type { CanaryCall } from '../probe-options.js';
import type { CheckContext } from '../wire/check-context.js';
import { type HttpResponse, sendHttp } from '../wire/http-client.js';
import {
  expectResult,
  isObject,
  isResponseMessage,
  type JsonObject,
  type JsonRpcNotification,
  type JsonRpcRequest,
} from '../wire/json-rpc.js';
import { consumeText } from '../wire/read-body.js';
import { failureForStatus, parseEventData, postHeaders, releaseBody } from '../wire/rpc-call.js';
import { SseParser } from '../wire/sse-parser.js';
import type { ClientInfo } from './client-info.js';
import type { EraProgress } from './era-outcome.js';
import { acceptInitializeResult, initializeParams } from './initialize-result.js';
import { asSessionError } from './session-error.js';
import { runCanary, toolCallParams } from './tool-call.js';
import { collectToolPages } from './tools-pages.js';

interface Waiter {
  resolve(message: unknown): void;
  reject(error: unknown): void;
}

/**
 * One HTTP+SSE session (the 2024-11-05 transport, over which a server may
 * negotiate any legacy version): the GET stream announces the endpoint to
 * POST to, and answers arrive back on the stream.
 */
class SseSession {
  private readonly waiters = new Map<number, Waiter>();
  /** Set once `initialize` negotiated it; later POSTs carry it, as the SDK's client does. */
  protocolVersion: string | undefined;
  private failure: unknown;
  private endpointWaiter: Waiter | undefined;
  endpoint: URL | undefined;

  constructor(
    private readonly ctx: CheckContext,
    private readonly stream: HttpResponse,
  ) {}

  start(): Promise<URL> {
    const parser = new SseParser();
    const endpoint = new Promise<URL>((resolve, reject) => {
      this.endpointWaiter = { resolve: (value) => resolve(value as URL), reject };
    });
    const maxEventBytes = this.ctx.limits.maxBodyBytes;
    consumeText(
      this.ctx,
      this.stream,
      {
        onText: (text) => {
          for (const event of parser.push(text)) {
            if (event.data.length > maxEventBytes) throw this.tooLarge(maxEventBytes);
            this.dispatch(event.event, event.data);
          }
          if (parser.pendingLength > maxEventBytes) throw this.tooLarge(maxEventBytes);
          return false;
        },
        onEnd: () => {
          throw new ProbeFailure(
            'invalid_response',
            this.ctx.phase,
            'SSE stream ended before the response arrived',
          );
        },
      },
      // The stream carries every answer of the session; each message is bounded above, the whole by the check.
      { maxBytes: this.ctx.limits.maxTotalBytes },
    ).then(
      () => this.fail(new ProbeFailure('invalid_response', this.ctx.phase, 'SSE stream closed early')),
      (error: unknown) => this.fail(error),
    );
    return endpoint;
  }

  private tooLarge(limit: number): ProbeFailure {
    return new ProbeFailure(
      'response_too_large',
      this.ctx.phase,
      `an SSE message exceeds the ${limit}-byte limit`,
    );
  }

  private dispatch(event: string, data: string): void {
    if (event === 'endpoint') {
      this.acceptEndpoint(data.trim());
      return;
    }
    if (event !== 'message' || data.trim() === '') return;
    let message: unknown;
    try {
      message = parseEventData(this.ctx, data);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!isResponseMessage(message)) return;
    const id = (message as { id?: unknown }).id;
    const waiter = typeof id === 'number' ? this.waiters.get(id) : undefined;
    if (!waiter) {
      this.fail(
        new ProbeFailure(
          'invalid_response',
          this.ctx.phase,
          `response id ${JSON.stringify(id)} matches no request`,
        ),
      );
      return;
    }
    this.waiters.delete(id as number);
    waiter.resolve(message);
  }

  private acceptEndpoint(data: string): void {
    if (this.endpoint || !this.endpointWaiter) return;
    let url: URL;
    try {
      url = new URL(data, this.stream.url);
    } catch {
      this.fail(new ProbeFailure('protocol_violation', this.ctx.phase, 'endpoint event does not hold a URL'));
      return;
    }
    if (url.origin !== this.stream.url.origin) {
      this.fail(
        new ProbeFailure('protocol_violation', this.ctx.phase, 'endpoint event points to another origin'),
      );
      return;
    }
    this.endpoint = url;
    this.endpointWaiter.resolve(url);
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.endpointWaiter?.reject(error);
    for (const waiter of this.waiters.values()) waiter.reject(error);
    this.waiters.clear();
    this.stream.stream.destroy();
  }

  async request(message: JsonRpcRequest): Promise<JsonObject> {
    if (this.failure !== undefined) throw this.failure;
    const answer = new Promise<unknown>((resolve, reject) =>
      this.waiters.set(message.id, { resolve, reject }),
    );
    answer.catch(() => {});
    await this.post(message);
    return expectResult(this.ctx, await answer, message.id, message.method);
  }

  async notify(message: JsonRpcNotification): Promise<void> {
    await this.post(message);
  }

  private async post(message: JsonRpcRequest | JsonRpcNotification): Promise<void> {
    const response = await sendHttp(this.ctx, {
      url: this.endpoint as URL,
      method: 'POST',
      headers: postHeaders(
        this.protocolVersion === undefined ? {} : { 'mcp-protocol-version': this.protocolVersion },
      ),
      body: JSON.stringify(message),
    });
    if (response.status < 200 || response.status > 299) {
      const failure = await failureForStatus(this.ctx, response, message.method);
      // The endpoint event issued the session; a 400/404 on it now means the server dropped it.
      throw failure.httpStatus === 400 || failure.httpStatus === 404 ? asSessionError(failure) : failure;
    }
    releaseBody(response);
  }
}

/** Thrown when the URL does not serve an SSE stream at all: the HTTP+SSE transport does not apply. */
export class NotSseEndpoint extends Error {
  constructor(readonly failure: ProbeFailure) {
    super(failure.message);
  }
}

export async function runLegacySse(
  ctx: CheckContext,
  url: URL,
  clientInfo: ClientInfo,
  progress: EraProgress,
  canary: CanaryCall | null = null,
): Promise<void> {
  ctx.enterPhase('handshake');
  const response = await sendHttp(ctx, {
    url,
    method: 'GET',
    headers: { accept: 'text/event-stream' },
  });
  if (response.status < 200 || response.status > 299) {
    throw new NotSseEndpoint(await failureForStatus(ctx, response, 'GET (SSE stream)'));
  }
  const contentType = (response.headers['content-type'] ?? '').toLowerCase();
  if (!contentType.startsWith('text/event-stream')) {
    response.stream.destroy();
    throw new NotSseEndpoint(
      new ProbeFailure(
        'not_mcp',
        ctx.phase,
        `GET answered ${contentType || 'no content type'}, not an SSE stream`,
      ),
    );
  }
  const session = new SseSession(ctx, response);
  await session.start();
  let id = 0;
  const init = await session.request({
    jsonrpc: '2.0',
    id: ++id,
    method: 'initialize',
    params: initializeParams(clientInfo),
  });
  acceptInitializeResult(ctx, init, progress);
  session.protocolVersion = progress.protocolVersion ?? undefined;
  await session.notify({ jsonrpc: '2.0', method: 'notifications/initialized' });
  if (isObject(progress.capabilities?.tools)) {
    ctx.enterPhase('tools_list');
    progress.tools = await collectToolPages(ctx, (cursor) =>
      session.request({
        jsonrpc: '2.0',
        id: ++id,
        method: 'tools/list',
        params: cursor === undefined ? {} : { cursor },
      }),
    );
  }
  // Progress notifications of the call arrive on the stream too, and are read past until its answer.
  await runCanary(ctx, canary, progress.tools, (_tool, call) =>
    session.request({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: toolCallParams(call) }),
  );
  response.stream.destroy();
}
