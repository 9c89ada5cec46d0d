import type { CanaryCall } from '../probe-options.js';
import type { CheckContext } from '../wire/check-context.js';
import { sendHttp } from '../wire/http-client.js';
import { isObject, type JsonObject } from '../wire/json-rpc.js';
import { callRpc, sendNotification } from '../wire/rpc-call.js';
import type { ClientInfo } from './client-info.js';
import type { EraProgress } from './era-outcome.js';
import { acceptInitializeResult, initializeParams } from './initialize-result.js';
import { asSessionError } from './session-error.js';
import { runCanary, toolCallParams } from './tool-call.js';
import { collectToolPages } from './tools-pages.js';

const SESSION_CLEANUP_MS = 2_000;

/**
 * The 2025-era Streamable HTTP sequence: `initialize`, `notifications/initialized`,
 * every page of `tools/list` (echoing the session and version), the canary's
 * `tools/call` in the same session, then `DELETE`.
 */
export async function runLegacyHttp(
  ctx: CheckContext,
  url: URL,
  clientInfo: ClientInfo,
  progress: EraProgress,
  canary: CanaryCall | null = null,
): Promise<void> {
  ctx.enterPhase('handshake');
  let id = 0;
  const init = await callRpc(
    ctx,
    url,
    { jsonrpc: '2.0', id: ++id, method: 'initialize', params: initializeParams(clientInfo) },
    {},
  );
  acceptInitializeResult(ctx, init.result, progress);
  const endpoint = init.url;
  const sessionHeader = init.headers['mcp-session-id'];
  const sessionId = typeof sessionHeader === 'string' && sessionHeader !== '' ? sessionHeader : undefined;
  const headers: Record<string, string> = { 'mcp-protocol-version': progress.protocolVersion ?? '' };
  if (sessionId !== undefined) headers['mcp-session-id'] = sessionId;

  // Every request after initialize goes in the session, to the endpoint that answered it.
  const request = async (method: string, params: JsonObject) =>
    (await callRpc(ctx, endpoint, { jsonrpc: '2.0', id: ++id, method, params }, headers)).result;
  try {
    await sendNotification(ctx, endpoint, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
    if (isObject(progress.capabilities?.tools)) {
      ctx.enterPhase('tools_list');
      progress.tools = await collectToolPages(ctx, (cursor) =>
        request('tools/list', cursor === undefined ? {} : { cursor }),
      );
    }
    await runCanary(ctx, canary, progress.tools, (_tool, call) =>
      request('tools/call', toolCallParams(call)),
    );
  } catch (error) {
    throw sessionId !== undefined ? asSessionError(error) : error;
  } finally {
    // Ending the session is a courtesy: its time is no part of the check's.
    if (sessionId !== undefined) await ctx.clock.untimed(() => endSession(ctx, endpoint, headers));
  }
}

/** Courtesy cleanup of the server's session: bounded, and never the check's verdict. */
async function endSession(ctx: CheckContext, url: URL, headers: Record<string, string>): Promise<void> {
  if (ctx.timedOut || ctx.remainingMs() <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.min(SESSION_CLEANUP_MS, ctx.remainingMs()));
  });
  const request = sendHttp(ctx, {
    url,
    method: 'DELETE',
    headers,
  }).then(
    (response) => {
      response.stream.resume();
    },
    () => {},
  );
  await Promise.race([request, cap]);
  clearTimeout(timer);
}
