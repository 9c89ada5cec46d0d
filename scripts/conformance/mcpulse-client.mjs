#!/usr/bin/env node
// The client command the conformance suite runs for each client scenario:
// `mcpulse-client.mjs <server url>`, with the scenario's name in
// MCP_CONFORMANCE_SCENARIO and its context (credentials, keys) in
// MCP_CONFORMANCE_CONTEXT. It turns them into the `mcpulse probe` flags a
// person would type and runs the real CLI, whose exit status is the client's.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const mcpulse = path.join(root, 'packages', 'probe', 'bin', 'mcpulse.js');

const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
const url = process.argv.at(-1);
if (!scenario || !url || process.argv.length !== 3) {
  console.error('usage: MCP_CONFORMANCE_SCENARIO=<name> mcpulse-client.mjs <server url>');
  process.exit(2);
}

/** The flags of each scenario; a scenario not listed here is probed with none. */
const FLAGS = {};

const child = spawn(process.execPath, [mcpulse, 'probe', url, ...(FLAGS[scenario] ?? [])], {
  stdio: 'inherit',
});
child.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
