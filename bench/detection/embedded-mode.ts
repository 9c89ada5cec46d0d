import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebhookReceiver } from '@mcpulse/testkit';
import { freePort } from '../scheduler/processes/free-port.js';
import { benchEnv } from '../scheduler/setup/bench-env.js';
import { type McpTarget, startMcpTarget } from './mcp-targets.js';
import { type OutageFigures, runOutages, waitUntilAllUp } from './run-outages.js';

const API_ROOT = fileURLToPath(new URL('../../apps/api/', import.meta.url));
const EXIT_WITH_PARENT = new URL('../scheduler/processes/exit-with-parent.ts', import.meta.url).href;

/** The embedded mode as `npm start` runs it, with every default: 60 s, one region, two confirmations. */
async function startEmbedded(adminToken: string) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mcpulse-detection-'));
  const port = await freePort();
  const log = await open(path.join(dataDir, 'embedded.log'), 'a');
  const child: ChildProcess = fork(path.join(API_ROOT, 'src/embedded.ts'), [], {
    cwd: API_ROOT,
    execArgv: ['--conditions=@mcpulse/source', '--import', 'tsx', '--import', EXIT_WITH_PARENT],
    env: {
      PATH: benchEnv.PATH,
      MCPULSE_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MCPULSE_ADMIN_TOKEN: adminToken,
    },
    stdio: ['ignore', log.fd, log.fd, 'ipc'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the embedded mode exited; see ${dataDir}/embedded.log`);
    const ready = await fetch(`${base}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the embedded mode did not get ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await log.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in person's calls: the session cookie and the CSRF header of every write. */
async function signIn(base: string, email: string) {
  const response = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'detection bench password' }),
  });
  if (response.status !== 201) throw new Error(`sign-up: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${base}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
}

export async function measureEmbedded(outages: number, receiver: WebhookReceiver): Promise<OutageFigures[]> {
  const adminToken = randomBytes(24).toString('hex');
  const embedded = await startEmbedded(adminToken);
  const targets: McpTarget[] = [];
  try {
    const email = `detection-${randomBytes(4).toString('hex')}@example.com`;
    const call = await signIn(embedded.base, email);
    // Enough monitors for every outage at once: the operator raises the plan, as for any customer.
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    const found = (await (
      await fetch(`${embedded.base}/api/v1/admin/organizations?email=${encodeURIComponent(email)}`, {
        headers: admin,
      })
    ).json()) as { data: Array<{ id: string }> };
    await fetch(`${embedded.base}/api/v1/admin/organizations/${found.data[0]!.id}/plan`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ plan: 'team' }),
    });
    const { secret } = await call<{ secret: string }>('POST', '/api/v1/webhooks', { url: receiver.url });
    receiver.secrets.push(secret);
    for (let index = 0; index < outages; index++) targets.push(await startMcpTarget());
    const monitors = await Promise.all(
      targets.map(async (target, index) => {
        const created = await call<{ monitor: { id: string; intervalSeconds: number; regions: string[] } }>(
          'POST',
          '/api/v1/monitors',
          { name: `target ${index}`, url: target.url },
        );
        return { monitor: created.monitor, target };
      }),
    );
    const statuses = async () => {
      const list = await call<{ monitors: Array<{ id: string; status: string }> }>('GET', '/api/v1/monitors');
      return new Map(list.monitors.map((monitor) => [monitor.id, monitor.status]));
    };
    await waitUntilAllUp(
      monitors.map((one) => one.monitor.id),
      statuses,
      120_000,
    );
    return await runOutages(monitors, receiver);
  } finally {
    await Promise.allSettled(targets.map((target) => target.close()));
    await embedded.stop();
  }
}
