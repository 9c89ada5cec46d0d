import type { FixtureOptions, FixtureServer } from './fixture-server.js';
import { startV2Handler } from './v2-handler-server.js';

/** v2 SDK serving both eras: modern per-request traffic and stateless 2025-era traffic. */
export function startV2DualEra(opts: FixtureOptions = {}): Promise<FixtureServer> {
  return startV2Handler(opts, 'stateless', 'fixture-v2-dual');
}
