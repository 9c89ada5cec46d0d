import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clientCredentialsAuth, runProbe, TokenCache } from '@mcpulse/probe';

/**
 * CPU per check of an OAuth-protected server with a cached token, against the same SDK server
 * without auth (bench/README.md, "npm run bench:auth"). Target: within 1.1×.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(args[index + 1]);
};
const checks = option('checks', 400);
const rounds = option('rounds', 6);

const child = fork(fileURLToPath(new URL('./servers.ts', import.meta.url)), [], {
  execArgv: ['--conditions=@mcpulse/source', '--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { protectedUrl, openUrl } = await new Promise<{ protectedUrl: string; openUrl: string }>((resolve) =>
  child.once('message', (message) => resolve(message as { protectedUrl: string; openUrl: string })),
);

const cache = new TokenCache();
const auth = clientCredentialsAuth(
  { clientId: 'bench', clientSecret: 'bench-secret-value', authMethod: 'client_secret_basic' },
  { cache, cacheKey: 'bench:v1' },
);

async function cpuPerCheck(url: string, withAuth: boolean): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < checks; i++) {
    const { result } = await runProbe({ url, allowPrivateAddresses: true, ...(withAuth ? { auth } : {}) });
    if (result.status === 'down') throw new Error(`check failed: ${JSON.stringify(result.error)}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / checks;
}

// Warm both paths (and get the token the cache then holds).
await cpuPerCheck(protectedUrl, true);
await cpuPerCheck(openUrl, false);
const ratios: number[] = [];
let authTotal = 0;
let openTotal = 0;
for (let round = 0; round < rounds; round++) {
  const withToken = await cpuPerCheck(protectedUrl, true);
  const without = await cpuPerCheck(openUrl, false);
  authTotal += withToken;
  openTotal += without;
  ratios.push(withToken / without);
}
const ratio = authTotal / openTotal;
console.log(`checks per round: ${checks}, rounds: ${rounds}`);
console.log(`CPU ms/check, cached token: ${(authTotal / rounds).toFixed(3)}`);
console.log(`CPU ms/check, no auth:      ${(openTotal / rounds).toFixed(3)}`);
console.log(
  `cached token ÷ no auth: ${ratio.toFixed(3)}× (per round ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}) — ${ratio <= 1.1 ? 'PASS' : 'FAIL'} (target ≤ 1.1×)`,
);
child.disconnect();
