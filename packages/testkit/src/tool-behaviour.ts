import { echoResult, type FixtureTool, type FixtureToolResult, statusResult } from './fixture-server.js';

/** What a tool handler needs of either SDK's request context. */
export interface CallContext {
  progressToken: string | number | undefined;
  signal: AbortSignal;
  sendProgress(progress: number, total: number): Promise<void>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs a fixture tool's behaviour (see FixtureToolBehaviour) for either SDK. */
export async function runFixtureTool(
  tool: FixtureTool,
  args: Record<string, unknown>,
  call: CallContext,
): Promise<FixtureToolResult> {
  const behaviour = tool.behaviour;
  if (!behaviour) return tool.name === 'status' ? statusResult(args) : echoResult(args);
  if (behaviour.kind === 'result') return behaviour.result;
  if (behaviour.kind === 'hang') {
    // Held until the caller gives up; the timer is unref'd so a test process never waits on it.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10 * 60_000);
      timer.unref();
      call.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { content: [{ type: 'text', text: 'too late' }], isError: true };
  }
  let sent = 0;
  if (call.progressToken !== undefined) {
    for (let step = 1; step <= behaviour.steps; step++) {
      await call.sendProgress(step, behaviour.steps);
      sent++;
      await sleep(behaviour.intervalMs, call.signal);
    }
  }
  const [first, ...rest] = behaviour.result.content;
  const text = `${first?.text ?? ''} (progress sent: ${sent})`;
  return { ...behaviour.result, content: [{ type: 'text', text }, ...rest] };
}
