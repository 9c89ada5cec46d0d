import type { FixtureOptions, FixtureServer } from './fixture-server.js';
import { startV2Handler } from './v2-handler-server.js';

/** v2 SDK, modern (2026-07-28) only: 2025-era requests are refused with `-32022`. */
export function startV2ModernOnly(opts: FixtureOptions = {}): Promise<FixtureServer> {
  return startV2Handler(opts, 'reject', 'fixture-v2-modern');
}
