import type { ProbeResult } from '@mcpulse/core';
import type { ResultJob } from '../job-catalog.js';

/**
 * The result to store in place of one the database refused: the same check
 * (slot, time, timings) as a failure, without anything the server sent, so
 * the monitor's owner sees why the check counts as down.
 */
export function unstorableResult(job: ResultJob & { result: ProbeResult }, reason: string): ResultJob {
  return {
    ...job,
    result: {
      ...job.result,
      status: 'down',
      error: {
        code: 'invalid_response',
        phase: job.result.error?.phase ?? 'handshake',
        message: `result could not be stored: ${reason}`,
      },
      protocolVersion: null,
      serverInfo: null,
      capabilities: null,
      toolCount: null,
      schemaHash: null,
    },
    tools: null,
  };
}
