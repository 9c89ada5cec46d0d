import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  type Container,
  type Deployment,
  deployments,
  httpProbe,
  K8S_DIR,
  preStopSleepSeconds,
  readManifests,
  resolvePort,
  selects,
  stringMap,
  yamlFiles,
} from './support/k8s.js';
import {
  CLOSE_GRACE_MS,
  drainMs,
  healthPort,
  type ProcessRole,
  processRole,
} from './support/process-contract.js';
import { list, record, text } from './support/shape.js';
import { readYamlDocument } from './support/yaml-files.js';

const SECRET_TEMPLATE = 'secret.template.yaml';
const NAMESPACE = 'mcpulse';

const manifests = readManifests();
const all = deployments(manifests);

/** The process each Deployment's main container starts, and its container. */
function mainProcess(deployment: Deployment): { container: Container; role: ProcessRole } {
  const [container, ...sidecars] = deployment.containers;
  if (!container || sidecars.length > 0)
    throw new Error(`${deployment.manifest.name}: expected one container`);
  return { container, role: processRole(container.command) };
}

function byRole(role: ProcessRole['role']): Deployment[] {
  return all.filter((deployment) => mainProcess(deployment).role.role === role);
}

function only<T>(items: readonly T[], what: string): T {
  const [first, ...rest] = items;
  if (first === undefined || rest.length > 0)
    throw new Error(`expected exactly one ${what}, got ${items.length}`);
  return first;
}

const configMap = only(
  manifests.filter((manifest) => manifest.kind === 'ConfigMap'),
  'ConfigMap',
);
const configData = stringMap(configMap.raw.data, 'ConfigMap data');
const secretTemplate = only(
  manifests.filter((manifest) => manifest.kind === 'Secret'),
  'Secret',
);

describe('infra/k8s manifests', () => {
  it('parse, and place every namespaced resource in the mcpulse namespace', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      expect(manifest.raw.apiVersion, manifest.file).toEqual(expect.any(String));
      expect(manifest.name, `${manifest.file} metadata.name`).not.toBe('');
      if (manifest.kind === 'Namespace') expect(manifest.name).toBe(NAMESPACE);
      else expect(manifest.namespace, `${manifest.file} ${manifest.kind}`).toBe(NAMESPACE);
    }
  });

  it('deploy the api (2+ replicas), a scheduler pair, ingest, webhooks and one probe worker per region', () => {
    expect(only(byRole('api'), 'api Deployment').replicas).toBeGreaterThanOrEqual(2);
    expect(only(byRole('scheduler'), 'scheduler Deployment').replicas).toBeGreaterThanOrEqual(2);
    only(byRole('ingest'), 'ingest Deployment');
    only(byRole('webhooks'), 'webhooks Deployment');
    const regions = byRole('probe').map((deployment) => {
      const { role } = mainProcess(deployment);
      return role.role === 'probe' ? role.region : '';
    });
    expect(regions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(regions).size).toBe(regions.length);
    expect(regions.sort()).toEqual((configData.MCPULSE_REGIONS ?? '').split(',').sort());
  });

  it('give each Deployment a selector matching its own pods and no other Deployment’s', () => {
    for (const deployment of all) {
      expect(selects(deployment.selector, deployment.podLabels), deployment.manifest.name).toBe(true);
      for (const other of all) {
        if (other === deployment) continue;
        expect(
          selects(deployment.selector, other.podLabels),
          `${deployment.manifest.name} selects ${other.manifest.name}`,
        ).toBe(false);
      }
    }
  });

  it('give every pod the grace to finish: preStop + drain + close grace < terminationGracePeriodSeconds', () => {
    for (const deployment of all) {
      const { container, role } = mainProcess(deployment);
      const neededMs = preStopSleepSeconds(container) * 1_000 + drainMs(role, container.env) + CLOSE_GRACE_MS;
      expect(deployment.terminationGracePeriodSeconds, deployment.manifest.name).toBeDefined();
      expect(
        (deployment.terminationGracePeriodSeconds ?? 0) * 1_000,
        deployment.manifest.name,
      ).toBeGreaterThan(neededMs);
      expect(preStopSleepSeconds(container), `${deployment.manifest.name} preStop`).toBeGreaterThan(0);
    }
  });

  it('pause the api in preStop long enough for endpoint removal to propagate', () => {
    const { container } = mainProcess(only(byRole('api'), 'api Deployment'));
    expect(preStopSleepSeconds(container)).toBeGreaterThanOrEqual(5);
  });

  it('probe readiness on /readyz and liveness on /healthz, on the port the process serves', () => {
    for (const deployment of all) {
      const { container, role } = mainProcess(deployment);
      const readiness = httpProbe(container, 'readinessProbe');
      const liveness = httpProbe(container, 'livenessProbe');
      expect(readiness?.path, `${deployment.manifest.name} readiness`).toBe('/readyz');
      expect(liveness?.path, `${deployment.manifest.name} liveness`).toBe('/healthz');
      const port = healthPort(role, { ...configData, ...container.env });
      for (const probe of [readiness, liveness]) {
        expect(probe && resolvePort(container, probe.port), deployment.manifest.name).toBe(port);
      }
    }
  });

  it('run one image, in exec form, with resource requests and a memory limit on every container', () => {
    const images = new Set<string>();
    for (const deployment of all) {
      for (const container of [...deployment.initContainers, ...deployment.containers]) {
        const where = `${deployment.manifest.name}/${container.name}`;
        processRole(container.command);
        images.add(container.image);
        const resources = record(container.raw.resources, `${where}.resources`);
        const requests = record(resources.requests, `${where}.resources.requests`);
        expect(requests.cpu, where).toBeDefined();
        expect(requests.memory, where).toBeDefined();
        expect(record(resources.limits, `${where}.resources.limits`).memory, where).toBeDefined();
        const security = record(container.raw.securityContext, `${where}.securityContext`);
        expect(security.allowPrivilegeEscalation, where).toBe(false);
        expect(security.readOnlyRootFilesystem, where).toBe(true);
      }
      expect(record(deployment.pod.securityContext, 'pod securityContext').runAsNonRoot).toBe(true);
    }
    expect([...images]).toEqual(['mcpulse']);
  });

  it('keep probe workers off the database and give them a large DNS thread pool', () => {
    for (const deployment of byRole('probe')) {
      const { container } = mainProcess(deployment);
      expect(container.secretKeys, deployment.manifest.name).not.toContain('DATABASE_URL');
      expect(container.secretKeys).toContain('REDIS_URL');
      const envFrom = list(container.raw.envFrom ?? [], 'envFrom').map((item) => record(item, 'envFrom'));
      expect(
        envFrom.some((source) => source.secretRef !== undefined),
        'whole-Secret envFrom',
      ).toBe(false);
      expect(container.env.UV_THREADPOOL_SIZE).toBe('64');
    }
  });

  it('read only Secret keys and ConfigMaps that exist', () => {
    const secretKeys = Object.keys(record(secretTemplate.raw.stringData, 'Secret stringData'));
    for (const deployment of all) {
      for (const container of [...deployment.initContainers, ...deployment.containers]) {
        for (const key of container.secretKeys)
          expect(secretKeys, `${container.name} reads ${key}`).toContain(key);
        for (const source of list(container.raw.envFrom ?? [], 'envFrom')) {
          const ref = record(source, 'envFrom').configMapRef as { name?: unknown } | undefined;
          if (ref) expect(ref.name).toBe(configMap.name);
        }
      }
    }
  });

  it('route the api Service and the PodDisruptionBudget to the api pods’ named port', () => {
    const api = only(byRole('api'), 'api Deployment');
    const { container } = mainProcess(api);
    const serviceManifest = only(
      manifests.filter((manifest) => manifest.kind === 'Service'),
      'Service',
    );
    const spec = record(serviceManifest.raw.spec, 'Service spec');
    expect(selects(stringMap(spec.selector, 'Service selector'), api.podLabels)).toBe(true);
    for (const port of list(spec.ports, 'Service ports')) {
      const targetPort = record(port, 'Service port').targetPort;
      expect(
        resolvePort(container, typeof targetPort === 'number' ? targetPort : text(targetPort, 'port')),
      ).toBe(3000);
    }
    for (const pdb of manifests.filter((manifest) => manifest.kind === 'PodDisruptionBudget')) {
      const selector = record(record(pdb.raw.spec, 'PDB spec').selector, 'PDB selector');
      expect(selects(stringMap(selector.matchLabels, 'PDB matchLabels'), api.podLabels)).toBe(true);
    }
  });

  it('let the api answer every host the Ingress routes to it (it refuses any other Host)', () => {
    const allowed = (configData.MCPULSE_ALLOWED_HOSTS ?? '').split(',').map((host) => host.trim());
    const ingresses = manifests.filter((manifest) => manifest.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    for (const ingress of ingresses) {
      for (const rule of list(record(ingress.raw.spec, 'Ingress spec').rules, 'Ingress rules')) {
        const host = text(record(rule, 'Ingress rule').host, `${ingress.file} rule host`);
        expect(allowed, `${ingress.file} host ${host}`).toContain(host);
      }
    }
    const { container } = mainProcess(only(byRole('api'), 'api Deployment'));
    const fromConfigMap = list(container.raw.envFrom ?? [], 'envFrom').some(
      (source) => record(source, 'envFrom').configMapRef !== undefined,
    );
    expect(fromConfigMap || container.env.MCPULSE_ALLOWED_HOSTS !== undefined).toBe(true);
  });

  it('ship the Secret as a template with placeholders only, outside kustomization.yaml', () => {
    expect(secretTemplate.file).toBe(SECRET_TEMPLATE);
    for (const [key, value] of Object.entries(
      stringMap(secretTemplate.raw.stringData, 'Secret stringData'),
    )) {
      expect(value, key).toContain('REPLACE_ME');
    }
  });

  it('list every other manifest in kustomization.yaml, and nothing missing', () => {
    const kustomization = record(readYamlDocument(`${K8S_DIR}/kustomization.yaml`), 'kustomization.yaml');
    const resources = list(kustomization.resources, 'resources').map((item) => text(item, 'resource'));
    const expected = yamlFiles().filter((file) => file !== 'kustomization.yaml' && file !== SECRET_TEMPLATE);
    expect([...resources].sort()).toEqual(expected);
  });

  const kubectl = commandWorks('kubectl', ['version', '--client']);
  it.skipIf(!kubectl)('build with `kubectl kustomize` (offline)', () => {
    const output = execFileSync('kubectl', ['kustomize', K8S_DIR], { encoding: 'utf8', timeout: 30_000 });
    expect(output).toContain('kind: Deployment');
  });
});

function commandWorks(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
