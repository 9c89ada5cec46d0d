import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMPOSE_FILE, type ComposeService, readCompose, service } from './support/compose.js';
import { parseDuration } from './support/durations.js';
import {
  CLOSE_GRACE_MS,
  drainMs,
  healthPort,
  type ProcessRole,
  processRole,
} from './support/process-contract.js';
import { REPO_ROOT, repoFileExists } from './support/repo.js';
import { execForm, list, record, text } from './support/shape.js';

const { root, services } = readCompose();

/** Services running the mcpulse image, with the process each one starts. */
const appServices: Array<{ service: ComposeService; role: ProcessRole }> = services
  .filter((candidate) => candidate.raw.build !== undefined)
  .map((candidate) => {
    if (!candidate.command) throw new Error(`services.${candidate.name}: needs an explicit command`);
    return { service: candidate, role: processRole(candidate.command) };
  });

const probeWorkers = appServices.flatMap(({ service, role }) =>
  role.role === 'probe' ? [{ service, region: role.region }] : [],
);

function healthcheckTest(candidate: ComposeService): string[] | undefined {
  const healthcheck = candidate.raw.healthcheck;
  if (healthcheck === undefined) return undefined;
  const fields = record(healthcheck, `services.${candidate.name}.healthcheck`);
  if (fields.disable === true) return undefined;
  return execForm(fields.test, `services.${candidate.name}.healthcheck.test`);
}

describe('docker-compose.yml', () => {
  it('runs postgres, redis, api, scheduler, ingest, webhooks, nginx and a probe worker in at least two regions', () => {
    const names = services.map((candidate) => candidate.name);
    expect(names).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'api', 'scheduler', 'ingest', 'webhooks', 'nginx']),
    );
    const roles = appServices.map(({ role }) => role.role);
    expect(roles).toEqual(expect.arrayContaining(['api', 'scheduler', 'ingest', 'webhooks', 'probe']));
    expect(new Set(probeWorkers.map(({ region }) => region)).size).toBeGreaterThanOrEqual(2);
  });

  it('starts every process in exec form (no shell between Docker and the process, so SIGTERM arrives)', () => {
    for (const candidate of services) {
      for (const key of ['command', 'entrypoint'] as const) {
        if (candidate.raw[key] !== undefined) {
          expect(Array.isArray(candidate.raw[key]), `services.${candidate.name}.${key}`).toBe(true);
        }
      }
      const test = healthcheckTest(candidate);
      if (test) expect(test[0], `services.${candidate.name}.healthcheck.test`).toBe('CMD');
    }
  });

  it('gives each probe worker its own, distinct region, named in the service name', () => {
    const regions = probeWorkers.map(({ region }) => region);
    expect(new Set(regions).size).toBe(regions.length);
    for (const { service: worker, region } of probeWorkers) expect(worker.name).toBe(`worker-${region}`);
  });

  it('tells the API exactly the regions that have a worker', () => {
    const regions = (service(services, 'api').environment.MCPULSE_REGIONS ?? '')
      .split(',')
      .map((r) => r.trim());
    expect(regions.sort()).toEqual(probeWorkers.map(({ region }) => region).sort());
  });

  it('lets the operator name the hosts the API answers to (it refuses any other Host)', () => {
    // localhost, as in http://localhost:8080, is always allowed; a domain is added by the operator.
    expect(service(services, 'api').environment.MCPULSE_ALLOWED_HOSTS).toMatch(
      /^\$\{MCPULSE_ALLOWED_HOSTS:-[^}]*\}$/,
    );
  });

  it('keeps the database away from probe workers and the secret key away from the scheduler', () => {
    for (const { service: worker } of probeWorkers) {
      expect(worker.environment, worker.name).not.toHaveProperty('DATABASE_URL');
      expect(worker.environment.REDIS_URL, worker.name).toBeTruthy();
      expect(worker.environment.UV_THREADPOOL_SIZE, worker.name).toBe('64');
    }
    expect(service(services, 'scheduler').environment).not.toHaveProperty('MCPULSE_SECRET_KEY');
  });

  it('requires the secrets to be set instead of defaulting them', () => {
    expect(root['x-common-env']).toBeDefined();
    expect(service(services, 'api').environment.MCPULSE_SECRET_KEY).toMatch(/^\$\{MCPULSE_SECRET_KEY:\?/);
    for (const { service: app } of appServices) {
      for (const [key, value] of Object.entries(app.environment)) {
        if (key === 'MCPULSE_SECRET_KEY') expect(value).toMatch(/^\$\{MCPULSE_SECRET_KEY:\?.+\}$/);
        if (key === 'DATABASE_URL') expect(value).toMatch(/\$\{POSTGRES_PASSWORD:\?[^}]+\}/);
      }
    }
    expect(service(services, 'postgres').environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('health-checks postgres with pg_isready, redis with a ping, the API on /readyz and every worker', () => {
    expect(healthcheckTest(service(services, 'postgres'))?.slice(1, 2)).toEqual(['pg_isready']);
    expect(healthcheckTest(service(services, 'redis'))?.slice(1)).toEqual(['redis-cli', 'ping']);
    for (const { service: app, role } of appServices) {
      const port = healthPort(role, app.environment);
      if (port === undefined) continue;
      const test = healthcheckTest(app);
      expect(test, `services.${app.name}.healthcheck`).toBeDefined();
      expect(test?.slice(1, 3)).toEqual(['node', 'infra/healthcheck.mjs']);
      expect(test?.[3]).toBe(`http://127.0.0.1:${port}/readyz`);
    }
    expect(repoFileExists('infra/healthcheck.mjs')).toBe(true);
  });

  it('lets every process drain before Docker kills it (stop_grace_period > drain + close grace)', () => {
    for (const { service: app, role } of appServices) {
      if (role.role === 'migrate') continue;
      const grace = parseDuration(text(app.raw.stop_grace_period ?? '10s', `services.${app.name}`));
      expect(grace, `services.${app.name}.stop_grace_period`).toBeGreaterThan(
        drainMs(role, app.environment) + CLOSE_GRACE_MS,
      );
    }
  });

  it('waits on health (or completion, for one-shots) of dependencies that exist', () => {
    const byName = new Map(services.map((candidate) => [candidate.name, candidate]));
    for (const candidate of services) {
      const dependsOn = candidate.raw.depends_on;
      if (dependsOn === undefined) continue;
      for (const [name, value] of Object.entries(
        record(dependsOn, `services.${candidate.name}.depends_on`),
      )) {
        const dependency = byName.get(name);
        expect(dependency, `services.${candidate.name} depends on unknown ${name}`).toBeDefined();
        const condition = record(value, `services.${candidate.name}.depends_on.${name}`).condition;
        if (dependency?.raw.restart === 'no') {
          expect(condition, `${candidate.name} -> ${name}`).toBe('service_completed_successfully');
        } else {
          expect(condition, `${candidate.name} -> ${name}`).toBe('service_healthy');
          if (dependency) expect(healthcheckTest(dependency), `${name} needs a healthcheck`).toBeDefined();
        }
      }
    }
    for (const name of ['api', 'scheduler', 'ingest', 'webhooks']) {
      expect(Object.keys(record(service(services, name).raw.depends_on, name))).toEqual(
        expect.arrayContaining(['postgres', 'redis']),
      );
    }
  });

  it('runs two schedulers, one leading and one standing by', () => {
    const scheduler = appServices.filter(({ role }) => role.role === 'scheduler');
    const replicas = scheduler.reduce((total, { service: app }) => {
      const deploy = app.raw.deploy as { replicas?: unknown } | undefined;
      return total + (typeof deploy?.replicas === 'number' ? deploy.replicas : 1);
    }, 0);
    expect(replicas).toBeGreaterThanOrEqual(2);
  });

  it('keeps Redis durable and never evicting (BullMQ loses jobs otherwise)', () => {
    const command = service(services, 'redis').command ?? [];
    expect(command.join(' ')).toContain('--appendonly yes');
    expect(command.join(' ')).toContain('--maxmemory-policy noeviction');
  });

  it('builds every app service from infra/Dockerfile and fronts the API with infra/nginx.conf on 8080', () => {
    for (const { service: app } of appServices) {
      const build = record(app.raw.build, `services.${app.name}.build`);
      expect(repoFileExists(text(build.dockerfile, `services.${app.name}.build.dockerfile`))).toBe(true);
    }
    const nginx = service(services, 'nginx');
    const volumes = list(nginx.raw.volumes, 'services.nginx.volumes').map((v) => text(v, 'nginx volume'));
    expect(volumes).toContain('./infra/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(list(nginx.raw.ports, 'services.nginx.ports')).toContain('8080:8080');
  });

  const composeCli = dockerComposeAvailable();
  it.skipIf(!composeCli)('passes `docker compose config` (the CLI validates without an engine)', () => {
    execFileSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '-q'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      timeout: 30_000,
      env: {
        ...process.env,
        MCPULSE_SECRET_KEY: '0'.repeat(64),
        POSTGRES_PASSWORD: 'compose-config-check',
      },
    });
  });
});

/** The docker CLI alone is not enough: `compose` is a plugin that may be missing. */
function dockerComposeAvailable(): boolean {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
