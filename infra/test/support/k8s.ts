import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoPath } from './repo.js';
import { execForm, integer, list, optional, record, text } from './shape.js';
import { readYamlDocuments } from './yaml-files.js';

export const K8S_DIR = repoPath('infra', 'k8s');

export interface Manifest {
  file: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  raw: Record<string, unknown>;
}

/** Every Kubernetes object in the folder; kustomization.yaml configures kustomize and is not one. */
export function readManifests(dir: string = K8S_DIR): Manifest[] {
  const files = yamlFiles(dir).filter((file) => file !== 'kustomization.yaml');
  return files.flatMap((file) =>
    readYamlDocuments(path.join(dir, file)).map((document, index) => {
      const where = `${file}#${index}`;
      const raw = record(document, where);
      const metadata = record(raw.metadata ?? {}, `${where}.metadata`);
      return {
        file,
        kind: text(raw.kind, `${where}.kind`),
        name: text(metadata.name ?? '', `${where}.metadata.name`),
        namespace: optional(metadata.namespace, text, `${where}.metadata.namespace`),
        raw,
      };
    }),
  );
}

export function yamlFiles(dir: string = K8S_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
}

export interface Container {
  name: string;
  raw: Record<string, unknown>;
  command: string[];
  image: string;
  /** Literal `env` values only; values from Secrets and ConfigMaps are references. */
  env: Record<string, string>;
  secretKeys: string[];
  ports: Array<{ name: string | undefined; containerPort: number }>;
}

export interface Deployment {
  manifest: Manifest;
  replicas: number;
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  pod: Record<string, unknown>;
  terminationGracePeriodSeconds: number | undefined;
  containers: Container[];
  initContainers: Container[];
}

export function deployments(manifests: readonly Manifest[]): Deployment[] {
  return manifests.filter((manifest) => manifest.kind === 'Deployment').map(toDeployment);
}

function toDeployment(manifest: Manifest): Deployment {
  const where = `${manifest.file} Deployment ${manifest.name}`;
  const spec = record(manifest.raw.spec, `${where}.spec`);
  const template = record(spec.template, `${where}.spec.template`);
  const pod = record(template.spec, `${where}.spec.template.spec`);
  return {
    manifest,
    replicas: spec.replicas === undefined ? 1 : integer(spec.replicas, `${where}.spec.replicas`),
    selector: stringMap(record(spec.selector, `${where}.spec.selector`).matchLabels, `${where} selector`),
    podLabels: stringMap(
      record(template.metadata, `${where} template.metadata`).labels,
      `${where} pod labels`,
    ),
    pod,
    terminationGracePeriodSeconds: optional(
      pod.terminationGracePeriodSeconds,
      integer,
      `${where}.terminationGracePeriodSeconds`,
    ),
    containers: list(pod.containers, `${where}.containers`).map((item, index) =>
      toContainer(item, `${where}.containers[${index}]`),
    ),
    initContainers: list(pod.initContainers ?? [], `${where}.initContainers`).map((item, index) =>
      toContainer(item, `${where}.initContainers[${index}]`),
    ),
  };
}

function toContainer(value: unknown, where: string): Container {
  const raw = record(value, where);
  const env: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [index, item] of list(raw.env ?? [], `${where}.env`).entries()) {
    const entry = record(item, `${where}.env[${index}]`);
    const name = text(entry.name, `${where}.env[${index}].name`);
    if (entry.value !== undefined) env[name] = text(entry.value, `${where}.env.${name}`);
    const secretRef = (entry.valueFrom as { secretKeyRef?: { key?: unknown } } | undefined)?.secretKeyRef;
    if (secretRef) secretKeys.push(text(secretRef.key, `${where}.env.${name}.secretKeyRef.key`));
  }
  return {
    name: text(raw.name, `${where}.name`),
    raw,
    command: execForm(raw.command, `${where}.command`),
    image: text(raw.image, `${where}.image`),
    env,
    secretKeys,
    ports: list(raw.ports ?? [], `${where}.ports`).map((item, index) => {
      const port = record(item, `${where}.ports[${index}]`);
      return {
        name: optional(port.name, text, `${where}.ports[${index}].name`),
        containerPort: integer(port.containerPort, `${where}.ports[${index}].containerPort`),
      };
    }),
  };
}

export function stringMap(value: unknown, where: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record(value, where)).map(([key, item]) => [key, text(item, `${where}.${key}`)]),
  );
}

/** Whether a matchLabels selector selects a pod with these labels. */
export function selects(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
) {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** The seconds a preStop `sleep N` exec hook waits (0 without one). */
export function preStopSleepSeconds(container: Container): number {
  const lifecycle = container.raw.lifecycle as { preStop?: { exec?: { command?: unknown } } } | undefined;
  const command = lifecycle?.preStop?.exec?.command;
  if (command === undefined) return 0;
  const [program, seconds, ...rest] = execForm(command, `${container.name}.lifecycle.preStop.exec.command`);
  if (program !== 'sleep' || rest.length > 0 || !/^\d+$/.test(seconds ?? '')) {
    throw new Error(`${container.name}: preStop is expected to be ["sleep", "<seconds>"]`);
  }
  return Number(seconds);
}

export interface HttpProbe {
  path: string;
  port: string | number;
}

export function httpProbe(container: Container, key: 'readinessProbe' | 'livenessProbe' | 'startupProbe') {
  const probe = container.raw[key];
  if (probe === undefined) return undefined;
  const httpGet = record(
    record(probe, `${container.name}.${key}`).httpGet,
    `${container.name}.${key}.httpGet`,
  );
  const port = httpGet.port;
  return {
    path: text(httpGet.path, `${container.name}.${key}.httpGet.path`),
    port: typeof port === 'number' ? port : text(port, `${container.name}.${key}.httpGet.port`),
  } satisfies HttpProbe;
}

/** The container port a probe or Service targets, by number or by name. */
export function resolvePort(container: Container, port: string | number): number | undefined {
  if (typeof port === 'number')
    return container.ports.some((item) => item.containerPort === port) ? port : undefined;
  return container.ports.find((item) => item.name === port)?.containerPort;
}
