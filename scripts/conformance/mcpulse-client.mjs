// The client command the conformance suite runs for each client scenario:
// `mcpulse-client.mjs <server url>`, with the scenario's name in
// MCP_CONFORMANCE_SCENARIO and its context (credentials, keys) in
// MCP_CONFORMANCE_CONTEXT. It turns them into the `mcpulse probe` flags a
// person would type, runs the real CLI, and plays the person's browser for
// `--oauth`: it opens the authorization URL mcpulse prints and follows the
// authorization server's redirect to mcpulse's loopback callback.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const mcpulse = path.join(root, 'packages', 'probe', 'bin', 'mcpulse.js');

const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
const url = process.argv[2];
if (!scenario || !url || process.argv.length !== 3) {
  console.error('usage: MCP_CONFORMANCE_SCENARIO=<name> mcpulse-client.mjs <server url>');
  process.exit(2);
}
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}');

/** The client metadata document URL the suite's authorization servers expect (auth/basic-cimd). */
const CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json';
const scratch = mkdtempSync(path.join(tmpdir(), 'mcpulse-conformance-client-'));

/** The flags of each scenario, as a person holding the scenario's credentials would pass them. */
function flags() {
  // The scenario's server lists `add_numbers` and checks that the client called it with numbers.
  if (scenario === 'tools_call')
    return ['--call-tool', 'add_numbers', '--args', '{"a":2,"b":3}', '--expect-text', 'is 5'];
  if (!scenario.startsWith('auth/')) return [];
  // Its server asks for more scope on `tools/call` than on the listing: the canary's call steps up.
  if (scenario === 'auth/scope-step-up')
    return ['--oauth', '--client-metadata-url', CLIENT_METADATA_URL, '--call-tool', 'test-tool'];
  if (scenario === 'auth/client-credentials-basic')
    return ['--client-id', context.client_id, '--client-secret', context.client_secret];
  if (scenario === 'auth/client-credentials-jwt') {
    const keyFile = path.join(scratch, 'client-key.pem');
    writeFileSync(keyFile, context.private_key_pem, { mode: 0o600 });
    return ['--client-id', context.client_id, '--private-key-file', keyFile];
  }
  if (scenario === 'auth/pre-registration')
    return ['--oauth', '--client-id', context.client_id, '--client-secret', context.client_secret];
  return ['--oauth', '--client-metadata-url', CLIENT_METADATA_URL];
}

/** The person's browser: GET the authorization URL, follow its redirects to mcpulse's callback. */
async function browse(start) {
  let target = start;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(target, { redirect: 'manual' });
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || !location) return;
    target = new URL(location, target).href;
  }
}

const child = spawn(process.execPath, [mcpulse, 'probe', url, ...flags()], {
  stdio: ['ignore', 'inherit', 'pipe'],
});
let pending = '';
child.stderr.on('data', (chunk) => {
  process.stderr.write(chunk);
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  // mcpulse prints the URL to open on a line of its own, indented by two spaces.
  for (const line of lines) {
    const found = /^ {2}(https?:\/\/\S+)$/.exec(line);
    if (found) browse(found[1]).catch((error) => console.error(`conformance browser: ${error.message}`));
  }
});
child.on('close', (code, signal) => {
  rmSync(scratch, { recursive: true, force: true });
  process.exit(signal ? 1 : (code ?? 1));
});
