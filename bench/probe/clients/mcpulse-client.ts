import { runProbe } from '@mcpulse/probe';
import type { CheckClient } from './check-client.js';

export const mcpulseClient: CheckClient = {
  id: 'mcpulse',
  label: 'mcpulse runProbe',
  async check(url) {
    const { result } = await runProbe({ url, allowPrivateAddresses: true, timeoutMs: 10_000 });
    if (result.status !== 'up') {
      throw new Error(`mcpulse: status ${result.status} (${result.error?.code ?? 'no error'})`);
    }
  },
};
