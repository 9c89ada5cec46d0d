import { describe, expect, it } from 'vitest';
import { execFormArgs, parseStages } from './support/dockerfile.js';
import { parseDuration, parseSize } from './support/durations.js';
import { parseNginx } from './support/nginx.js';
import { drainMs, ProcessContractError, processRole } from './support/process-contract.js';
import { execForm, ShapeError } from './support/shape.js';

// The deployment checks are only as good as these readers: each must reject what it should.
describe('test readers', () => {
  it('parses compose and nginx durations, and rejects anything else', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('75')).toBe(75_000);
    for (const bad of ['', '30 seconds', '1x', 's30']) expect(() => parseDuration(bad)).toThrow(/duration/);
    expect(parseSize('2m')).toBe(2_097_152);
    expect(parseSize('512k')).toBe(524_288);
    expect(() => parseSize('2 MB')).toThrow(/size/);
  });

  it('accepts only the processes the image provides', () => {
    expect(processRole(['node', 'apps/api/dist/server.js'])).toEqual({ role: 'api' });
    expect(processRole(['node', 'packages/db/dist/migrate-cli.js'])).toEqual({ role: 'migrate' });
    expect(processRole(['node', 'apps/worker/dist/main.js', 'webhooks'])).toEqual({ role: 'webhooks' });
    expect(processRole(['node', 'apps/worker/dist/main.js', 'probe', '--region', 'eu-west'])).toEqual({
      role: 'probe',
      region: 'eu-west',
    });
    expect(processRole(['node', 'apps/worker/dist/main.js', 'probe', '--region=us-east'])).toEqual({
      role: 'probe',
      region: 'us-east',
    });
    for (const bad of [
      ['sh', '-c', 'node apps/api/dist/server.js'],
      ['node', 'apps/api/src/server.ts'],
      ['node', 'apps/worker/dist/main.js', 'probe'],
      ['node', 'apps/worker/dist/main.js', 'probe', '--region', 'EU West'],
      ['node', 'apps/worker/dist/main.js', 'probe', '--region', 'eu-west', '--extra'],
      ['node', 'apps/worker/dist/main.js', 'webhooks', '--region', 'eu-west'],
      ['node', 'apps/worker/dist/main.js', 'mailer'],
    ]) {
      expect(() => processRole(bad), bad.join(' ')).toThrow(ProcessContractError);
    }
  });

  it('reads drain timeouts from the environment, falling back to each role’s default', () => {
    expect(drainMs({ role: 'api' }, {})).toBe(10_000);
    expect(drainMs({ role: 'probe', region: 'eu-west' }, {})).toBe(15_000);
    expect(drainMs({ role: 'api' }, { MCPULSE_DRAIN_TIMEOUT_MS: '20000' })).toBe(20_000);
    expect(() => drainMs({ role: 'api' }, { MCPULSE_DRAIN_TIMEOUT_MS: '10s' })).toThrow(ProcessContractError);
  });

  it('tells exec form from shell form', () => {
    expect(execForm(['node', 'x.js'], 'command')).toEqual(['node', 'x.js']);
    expect(() => execForm('node x.js', 'command')).toThrow(ShapeError);
    expect(() => execForm([], 'command')).toThrow(ShapeError);
    expect(execFormArgs('["node", "x.js"]')).toEqual(['node', 'x.js']);
    expect(execFormArgs('node x.js')).toBeUndefined();
  });

  it('reads Dockerfile stages with global ARGs and continuation lines', () => {
    const stages = parseStages(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax, not a JS placeholder
      'ARG BASE=node:20-slim\nFROM ${BASE} AS build\nRUN a \\\n  && b\n# note\nFROM $BASE\nUSER 1000\n',
    );
    expect(stages.map((stage) => [stage.name, stage.base])).toEqual([
      ['build', 'node:20-slim'],
      [undefined, 'node:20-slim'],
    ]);
    expect(stages[0]?.instructions[0]?.args).toBe('a && b');
  });

  it('reads nginx directives with their blocks, quotes and comments', () => {
    const directives = parseNginx("http { # a { comment\n  location / { proxy_set_header Connection ''; } }");
    expect(directives).toEqual([
      { name: 'proxy_set_header', args: ['Connection', ''], blocks: ['http', 'location /'] },
    ]);
    expect(() => parseNginx('http { listen 80;')).toThrow(/unterminated/);
  });
});
