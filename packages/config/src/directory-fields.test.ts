import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { directoryFields, hostList, intBetween, registryUrls } from './directory-fields.js';
import { loadEnv } from './env.js';

const hosted = z.object(directoryFields({ registries: ['https://registry.modelcontextprotocol.io'] }));
const embedded = z.object(directoryFields({ registries: [] }));

describe('directory fields', () => {
  it('default to the official registry where hosted and to none on a machine of ones own', () => {
    expect(loadEnv(hosted, {})).toEqual({
      MCPULSE_REGISTRY_URLS: ['https://registry.modelcontextprotocol.io'],
      MCPULSE_DIRECTORY_SYNC_INTERVAL_SECONDS: 21_600,
      MCPULSE_DIRECTORY_INTERVAL_SECONDS: 300,
      MCPULSE_DIRECTORY_OPT_OUT_HOSTS: [],
    });
    expect(loadEnv(embedded, {}).MCPULSE_REGISTRY_URLS).toEqual([]);
    expect(loadEnv(hosted, { MCPULSE_REGISTRY_URLS: 'none' }).MCPULSE_REGISTRY_URLS).toEqual([]);
  });

  it('reads registry URLs without their trailing slash, once each, and refuses anything else', () => {
    expect(registryUrls().parse('https://a.example/ , http://127.0.0.1:8080/reg/,https://a.example')).toEqual(
      ['https://a.example', 'http://127.0.0.1:8080/reg'],
    );
    for (const bad of ['ftp://a.example', 'https://u:p@a.example', 'https://a.example/?x=1', 'nope']) {
      expect(registryUrls().safeParse(bad).success, bad).toBe(false);
    }
  });

  it('names the variable of a bad value', () => {
    expect(() => loadEnv(hosted, { MCPULSE_DIRECTORY_INTERVAL_SECONDS: '10' })).toThrow(
      /MCPULSE_DIRECTORY_INTERVAL_SECONDS.*from 30 to 3600/,
    );
    expect(() => loadEnv(hosted, { MCPULSE_DIRECTORY_REGIONS: 'EU West' })).toThrow(
      /MCPULSE_DIRECTORY_REGIONS/,
    );
    expect(() => loadEnv(hosted, { MCPULSE_DIRECTORY_OPT_OUT_HOSTS: 'a b' })).toThrow(
      /MCPULSE_DIRECTORY_OPT_OUT_HOSTS/,
    );
  });

  it('reads hosts in lower case with an optional port, and bounded integers', () => {
    expect(hostList().parse('Example.COM, mcp.example.net:8443,,trailing.example.')).toEqual([
      'example.com',
      'mcp.example.net:8443',
      'trailing.example',
    ]);
    expect(intBetween(30, 3600).parse('30')).toBe(30);
    expect(intBetween(30, 3600).safeParse('3601').success).toBe(false);
    expect(intBetween(30, 3600).safeParse('1e3').success).toBe(false);
    expect(
      loadEnv(hosted, { MCPULSE_DIRECTORY_REGIONS: 'eu-west, us-east' }).MCPULSE_DIRECTORY_REGIONS,
    ).toEqual(['eu-west', 'us-east']);
  });
});
