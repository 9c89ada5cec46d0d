import { floorClient } from './clients/floor-client.js';
import { mcpulseClient } from './clients/mcpulse-client.js';
import { sdkClient } from './clients/sdk-client.js';
import { startChild } from './fixture/start-child.js';
import { runChecks } from './throughput/run-checks.js';

/**
 * One client alone against the Part A fixture, for a CPU profile:
 *   cd bench && node --cpu-prof --cpu-prof-dir=/tmp/prof \
 *     --conditions=@mcpulse/source --import tsx probe/profile.ts mcpulse 3000
 */
const clients = { mcpulse: mcpulseClient, floor: floorClient, sdk: sdkClient };
const id = process.argv[2] ?? 'mcpulse';
const checks = Number(process.argv[3] ?? 3000);
if (!(id in clients) || !Number.isInteger(checks) || checks <= 0) {
  console.error('usage: profile.ts mcpulse|floor|sdk [checks]');
  process.exit(2);
}
const client = clients[id as keyof typeof clients];
const fixture = await startChild('./mcp-fixture-server.ts');
try {
  const url = `http://127.0.0.1:${fixture.ports[0]}/mcp`;
  await runChecks(client, url, 200, 8);
  const cost = await runChecks(client, url, checks, 8);
  console.log(
    `${client.label}: ${checks} checks, ${(cost.cpuMs / checks).toFixed(3)} CPU ms/probe, ${cost.failures} failures`,
  );
} finally {
  await fixture.stop();
}
