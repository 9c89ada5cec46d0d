import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import {
  catalogItems,
  type FixtureServer,
  OPTED_OUT_HOST,
  type RegistryFixture,
  registryCatalog,
  startRegistryFixture,
  startV1Stateless,
} from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API_ROOT = path.resolve(import.meta.dirname, '..');
const TOKEN = randomBytes(32).toString('hex');

interface RegistriesAnswer {
  data: Array<{ lastSyncFinishedAt: string | null }>;
}
interface OrganizationAnswer {
  usage: { monitors: number };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

describe('the embedded mode with a registry', () => {
  let server: FixtureServer;
  let registry: RegistryFixture;
  let dataDir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    server = await startV1Stateless();
    registry = await startRegistryFixture({
      items: catalogItems(registryCatalog([{ kind: 'local', type: 'streamable-http', url: server.url }])),
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'mcpulse-embedded-directory-'));
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await registry?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('syncs at start-up and probes a loopback endpoint only through MCPULSE_ALLOWED_TARGET_CIDRS', async () => {
    const port = await freePort();
    const spawned = spawn(
      process.execPath,
      ['--conditions=@mcpulse/source', '--import', 'tsx', 'src/embedded.ts'],
      {
        cwd: API_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          MCPULSE_DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
          MCPULSE_ADMIN_TOKEN: TOKEN,
          MCPULSE_ALLOW_PRIVATE_TARGETS: 'false',
          MCPULSE_ALLOWED_TARGET_CIDRS: '127.0.0.1/32',
          MCPULSE_REGISTRY_URLS: registry.url,
          MCPULSE_DIRECTORY_INTERVAL_SECONDS: '30',
          MCPULSE_DIRECTORY_OPT_OUT_HOSTS: OPTED_OUT_HOST,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = spawned;
    let output = '';
    spawned.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    spawned.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => spawned.once('exit', (code) => resolve(code)));
    const api = <T>(url: string): Promise<T | null> =>
      fetch(`http://127.0.0.1:${port}${url}`, { headers: { authorization: `Bearer ${TOKEN}` } })
        .then((response) => (response.ok ? (response.json() as Promise<T>) : null))
        .catch(() => null);

    await expect
      .poll(
        async () =>
          (await api<RegistriesAnswer>('/api/v1/admin/directory/registries'))?.data[0]?.lastSyncFinishedAt ??
          null,
        {
          timeout: 120_000,
          interval: 500,
        },
      )
      .not.toBeNull();
    const organization = await api<OrganizationAnswer>(
      `/api/v1/admin/organizations/${DIRECTORY_ORGANIZATION_ID}`,
    );
    // The server's URL and two variants with a query (fixed headers, secret header): the private
    // literals, the opted-out host, the deprecated entry and the older version get no monitor.
    expect(organization?.usage.monitors, output).toBe(3);
    await expect
      .poll(() => server.requests.filter((request) => request.method === 'POST').length, {
        timeout: 90_000,
        interval: 500,
      })
      .toBeGreaterThan(0);

    spawned.kill('SIGTERM');
    expect(await exited, output).toBe(0);
  }, 300_000);
});
