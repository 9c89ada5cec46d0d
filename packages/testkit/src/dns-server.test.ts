import { Resolver } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from './dns-server.js';

let dns: TestDnsServer;
let resolver: Resolver;

beforeAll(async () => {
  dns = await startDnsServer({ '_challenge.status.example.test': ['token=abc', 'other'] });
  resolver = new Resolver({ timeout: 1_000, tries: 1 });
  resolver.setServers([dns.address]);
});
afterAll(() => dns?.close());

describe('the test DNS server', () => {
  it("answers TXT records from its map, through Node's own resolver", async () => {
    expect(await resolver.resolveTxt('_challenge.status.example.test')).toEqual([['token=abc'], ['other']]);
    // Names are matched without regard to case.
    expect(await resolver.resolveTxt('_Challenge.Status.Example.test')).toHaveLength(2);
  });

  it('splits a string longer than 255 bytes into pieces, as DNS must', async () => {
    dns.txt.set('long.example.test', ['x'.repeat(300)]);
    const [record] = await resolver.resolveTxt('long.example.test');
    expect(record?.map((piece) => piece.length)).toEqual([255, 45]);
  });

  it('answers NXDOMAIN for an unknown name, no data for another type, SERVFAIL when told', async () => {
    await expect(resolver.resolveTxt('nope.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolve4('_challenge.status.example.test')).rejects.toMatchObject({
      code: 'ENODATA',
    });
    dns.failing.add('broken.example.test');
    dns.txt.set('broken.example.test', ['x']);
    await expect(resolver.resolveTxt('broken.example.test')).rejects.toMatchObject({ code: 'ESERVFAIL' });
    expect(dns.queries).toContain('nope.example.test');
  });
});
