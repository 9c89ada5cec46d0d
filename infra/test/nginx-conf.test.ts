import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCompose, service } from './support/compose.js';
import { parseDuration, parseSize } from './support/durations.js';
import { type Directive, directivesNamed, parseNginx } from './support/nginx.js';
import { repoPath } from './support/repo.js';

/** The API's default MCPULSE_BODY_LIMIT_BYTES: the proxy must not refuse what the API accepts. */
const API_BODY_LIMIT_BYTES = 1_048_576;
/** Shortest read timeout that still carries a quiet event stream (nginx's default 60 s does not). */
const MIN_SSE_READ_TIMEOUT_MS = 10 * 60_000;

const directives = parseNginx(readFileSync(repoPath('infra', 'nginx.conf'), 'utf8'));
const { services } = readCompose();

const proxyLocation = (() => {
  const [proxyPass, ...others] = directivesNamed(directives, 'proxy_pass');
  if (!proxyPass || others.length > 0) throw new Error('nginx.conf: expected one proxy_pass');
  return proxyPass.blocks.join(' > ');
})();

/** A directive as it applies inside the proxied location (the innermost definition wins). */
function effective(name: string): Directive | undefined {
  return directivesNamed(directives, name)
    .filter((directive) => proxyLocation.startsWith(directive.blocks.join(' > ')))
    .sort((a, b) => b.blocks.length - a.blocks.length)[0];
}

function headers(): Map<string, string> {
  return new Map(
    directivesNamed(directives, 'proxy_set_header')
      .filter((directive) => proxyLocation.startsWith(directive.blocks.join(' > ')))
      .map((directive) => [directive.args[0]?.toLowerCase() ?? '', directive.args[1] ?? '']),
  );
}

describe('infra/nginx.conf', () => {
  it('never buffers or caches the proxied response, so Server-Sent Events flow as they are written', () => {
    expect(effective('proxy_buffering')?.args).toEqual(['off']);
    expect(effective('proxy_cache')?.args).toEqual(['off']);
    expect(effective('gzip')?.args ?? ['off']).toEqual(['off']);
    expect(directivesNamed(directives, 'proxy_pass_header').map((d) => d.args[0])).toContain(
      'X-Accel-Buffering',
    );
  });

  it('speaks HTTP/1.1 upstream with an empty Connection header', () => {
    expect(effective('proxy_http_version')?.args).toEqual(['1.1']);
    expect(headers().get('connection')).toBe('');
  });

  it('keeps a quiet stream open for a long time', () => {
    const timeout = effective('proxy_read_timeout')?.args[0];
    expect(timeout).toBeDefined();
    expect(parseDuration(timeout ?? '60')).toBeGreaterThanOrEqual(MIN_SSE_READ_TIMEOUT_MS);
  });

  it('forwards the client address and scheme', () => {
    expect(headers().get('x-forwarded-for')).toMatch(/^\$(remote_addr|proxy_add_x_forwarded_for)$/);
    expect(headers().get('x-forwarded-proto')).toBe('$scheme');
  });

  it('forwards the Host the browser sent, port included, which the API checks and compares Origin with', () => {
    // $host drops the port: a write from http://localhost:8080 would not match its own Origin.
    expect(headers().get('host')).toBe('$http_host');
    expect(headers().get('x-forwarded-host')).toBe('$http_host');
  });

  it('accepts bodies at least as large as the API does', () => {
    const size = effective('client_max_body_size')?.args[0];
    expect(parseSize(size ?? '1m')).toBeGreaterThan(API_BODY_LIMIT_BYTES);
  });

  it('listens where compose publishes it and proxies to the compose api service and port', () => {
    expect(effective('listen')?.args[0]).toBe('8080');
    const api = service(services, 'api');
    const upstreamServers = directivesNamed(directives, 'server').filter((d) =>
      d.blocks.at(-1)?.startsWith('upstream'),
    );
    expect(upstreamServers.map((d) => d.args[0])).toEqual([`api:${api.environment.PORT ?? '3000'}`]);
    const upstreamName = upstreamServers[0]?.blocks.at(-1)?.split(/\s+/)[1];
    expect(effective('proxy_pass')?.args).toEqual([`http://${upstreamName}`]);
  });
});
