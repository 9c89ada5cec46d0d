import { repoPath } from './repo.js';
import { execForm, list, optional, record, text } from './shape.js';
import { readYamlDocument } from './yaml-files.js';

export interface ComposeService {
  name: string;
  raw: Record<string, unknown>;
  image: string | undefined;
  command: string[] | undefined;
  entrypoint: string[] | undefined;
  environment: Record<string, string>;
}

export const COMPOSE_FILE = repoPath('docker-compose.yml');

export function readCompose(file: string = COMPOSE_FILE) {
  const root = record(readYamlDocument(file), 'docker-compose.yml');
  const services = record(root.services, 'services');
  return {
    root,
    services: Object.entries(services).map(([name, value]) => composeService(name, value)),
  };
}

function composeService(name: string, value: unknown): ComposeService {
  const where = `services.${name}`;
  const raw = record(value, where);
  return {
    name,
    raw,
    image: optional(raw.image, text, `${where}.image`),
    command: optional(raw.command, execForm, `${where}.command`),
    entrypoint: optional(raw.entrypoint, execForm, `${where}.entrypoint`),
    environment: environmentOf(raw.environment, `${where}.environment`),
  };
}

/** Compose accepts a mapping or a list of KEY=value; both come back as a mapping. */
function environmentOf(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(
      list(value, where).map((item, index) => {
        const entry = text(item, `${where}[${index}]`);
        const equals = entry.indexOf('=');
        return equals === -1 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(record(value, where)).map(([key, item]) => [key, String(item ?? '')]),
  );
}

export function service(services: readonly ComposeService[], name: string): ComposeService {
  const found = services.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}
