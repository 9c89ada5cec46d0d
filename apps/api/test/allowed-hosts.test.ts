import { describe, expect, it } from 'vitest';
import { hostAllowed, LOOPBACK_HOSTS, listeningHost, parseHost } from '../src/plugins/allowed-hosts.js';

describe('parseHost', () => {
  it.each([
    ['localhost', { hostname: 'localhost' }],
    ['LocalHost:3000', { hostname: 'localhost', port: 3000 }],
    ['127.0.0.1:8080', { hostname: '127.0.0.1', port: 8080 }],
    ['[::1]', { hostname: '[::1]' }],
    ['[::1]:3000', { hostname: '[::1]', port: 3000 }],
    ['status.example.com', { hostname: 'status.example.com' }],
    ['mcpulse_api:3000', { hostname: 'mcpulse_api', port: 3000 }],
  ])('reads %s', (text, host) => {
    expect(parseHost(text)).toEqual(host);
  });

  it.each([
    '',
    'exa mple.com',
    'example.com:',
    'example.com:0',
    'example.com:65536',
    'example.com:80:80',
    '::1',
    '[::1',
    '[::1]x',
    '[not-ipv6]',
    'http://example.com',
    'example.com/path',
    'example..com',
    '*.example.com',
    'user@example.com',
  ])('refuses %j', (text) => {
    expect(parseHost(text)).toBeNull();
  });
});

describe('hostAllowed', () => {
  const allowed = [
    ...LOOPBACK_HOSTS,
    { hostname: 'status.example.com', port: 8443 },
    { hostname: 'a.example' },
  ];

  it.each([
    ['localhost:3000', 'http'],
    ['127.0.0.1', 'http'],
    ['[::1]:9999', 'http'],
    ['status.example.com:8443', 'https'],
    ['a.example:1234', 'http'],
    ['A.EXAMPLE', 'https'],
  ])('allows %s over %s', (host, protocol) => {
    expect(hostAllowed(host, protocol, allowed)).toBe(true);
  });

  it.each([
    ['evil.example:3000', 'http'],
    ['localhost.evil.example', 'http'],
    ['status.example.com', 'https'],
    ['status.example.com:443', 'https'],
    ['127.0.0.2', 'http'],
    ['', 'http'],
  ])('refuses %j over %s', (host, protocol) => {
    expect(hostAllowed(host, protocol, allowed)).toBe(false);
  });

  it('matches an allowed port against the scheme default when the Host names none', () => {
    const https = [{ hostname: 'secure.example', port: 443 }];
    expect(hostAllowed('secure.example', 'https', https)).toBe(true);
    expect(hostAllowed('secure.example', 'http', https)).toBe(false);
  });
});

describe('listeningHost', () => {
  it.each([
    ['0.0.0.0', []],
    ['::', []],
    ['192.168.1.5', [{ hostname: '192.168.1.5' }]],
    ['fe80::1', [{ hostname: '[fe80::1]' }]],
    ['my-laptop.local', [{ hostname: 'my-laptop.local' }]],
  ])('turns HOST=%s into %j', (address, hosts) => {
    expect(listeningHost(address)).toEqual(hosts);
  });
});
