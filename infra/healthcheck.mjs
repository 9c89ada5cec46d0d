#!/usr/bin/env node
// Container health check for Docker and compose: the slim runtime image has no
// curl or wget, and node is already there. Exit codes follow Docker's contract:
// 0 healthy, 1 unhealthy (2 is reserved by Docker, so usage errors use 1 too).
const TIMEOUT_MS = 3_000;

const url = process.argv[2];
if (url === undefined) {
  process.stderr.write('usage: node infra/healthcheck.mjs <url>\n');
  process.exit(1);
}

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) process.stderr.write(`${url} answered ${response.status}\n`);
  // exit() rather than returning: a keep-alive socket would hold the check open.
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`${url} unreachable: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
