import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execFormArgs, parseInstructions, parseStages, type Stage } from './support/dockerfile.js';
import { processRole } from './support/process-contract.js';
import { repoPath } from './support/repo.js';

const source = readFileSync(repoPath('infra', 'Dockerfile'), 'utf8');
const stages = parseStages(source);
const runtime = stages.at(-1);

function instructions(stage: Stage | undefined, keyword: string) {
  return (stage?.instructions ?? []).filter((instruction) => instruction.keyword === keyword);
}

function lastArgs(stage: Stage | undefined, keyword: string): string | undefined {
  return instructions(stage, keyword).at(-1)?.args;
}

describe('infra/Dockerfile', () => {
  it('builds in stages on node:20-bookworm-slim and copies only from stages defined before', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.base).toBe('node:20-bookworm-slim');
    const seen = new Set<string>();
    for (const stage of stages) {
      for (const copy of instructions(stage, 'COPY')) {
        const from = /--from=(\S+)/.exec(copy.args)?.[1];
        if (from) expect(seen, `line ${copy.line}: COPY --from=${from}`).toContain(from);
      }
      if (stage.name) seen.add(stage.name);
    }
  });

  it('installs from the lockfile, builds with turbo, and installs production dependencies apart', () => {
    const runs = stages.flatMap((stage) => instructions(stage, 'RUN').map((run) => run.args));
    expect(runs.some((run) => /\bnpm ci\b/.test(run) && !run.includes('--omit=dev'))).toBe(true);
    expect(runs.some((run) => /turbo run build/.test(run))).toBe(true);
    expect(runs.some((run) => /\bnpm ci\b.*--omit=dev|npm prune --omit=dev/.test(run))).toBe(true);
  });

  it('downloads nothing outside npm: no curl|sh, no wget|sh, no ADD <url>', () => {
    for (const instruction of parseInstructions(source)) {
      expect(instruction.args, `line ${instruction.line}`).not.toMatch(
        /\b(curl|wget)\b[^|]*\|\s*(ba|z)?sh\b/,
      );
      if (instruction.keyword === 'ADD') expect(instruction.args).not.toMatch(/https?:\/\//);
    }
  });

  it('runs as a non-root user in production mode', () => {
    const user = lastArgs(runtime, 'USER')?.split(':')[0];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(instructions(runtime, 'ENV').map((env) => env.args)).toContain('NODE_ENV=production');
  });

  it('starts the API in exec form, exposes 3000, stops on SIGTERM and health-checks with node', () => {
    const cmd = execFormArgs(lastArgs(runtime, 'CMD') ?? '');
    expect(cmd).toEqual(['node', 'apps/api/dist/server.js']);
    expect(processRole(cmd ?? []).role).toBe('api');
    const entrypoint = lastArgs(runtime, 'ENTRYPOINT');
    if (entrypoint !== undefined) expect(execFormArgs(entrypoint)).toBeDefined();
    expect(lastArgs(runtime, 'EXPOSE')?.split(/\s+/)).toContain('3000');
    expect(lastArgs(runtime, 'STOPSIGNAL')).toBe('SIGTERM');
    const healthcheck = lastArgs(runtime, 'HEALTHCHECK') ?? '';
    const check = execFormArgs(healthcheck.slice(healthcheck.indexOf('CMD ') + 'CMD '.length));
    expect(check).toEqual(['node', 'infra/healthcheck.mjs', 'http://127.0.0.1:3000/healthz']);
  });

  it('ships the migrations, the health-check script and every workspace build output', () => {
    const copies = instructions(runtime, 'COPY').map((copy) => copy.args);
    expect(copies).toContain('migrations ./migrations');
    expect(copies).toContain('infra/healthcheck.mjs ./infra/healthcheck.mjs');
    expect(copies.some((copy) => copy.startsWith('--from=prod-deps'))).toBe(true);
    expect(copies.some((copy) => copy.startsWith('--from=build'))).toBe(true);
  });

  it('keeps dependencies, build output and git out of the build context', () => {
    const ignored = readFileSync(repoPath('infra', 'Dockerfile.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', '**/dist', '.env']));
  });
});
