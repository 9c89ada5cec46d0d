import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@mcpulse/config';
import { statusPages } from '@mcpulse/db';
import { startDnsServer, type TestDnsServer } from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiEnv } from '../src/config.js';
import { statusPageCacheOf } from '../src/domain/status-pages/public/status-page-cache-of.js';
import { loadEmbeddedEnv } from '../src/embedded/embedded-config.js';
import { REQUIRED_API_ENV } from './support/api-env.js';
import { insertMonitor } from './support/read-fixtures.js';
import { insertStatusPage } from './support/status-page-fixtures.js';
import { seedMonitorState } from './support/status-page-seed.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const DOMAIN = 'status.example.test';
/** Allowed hosts that pages of the owner API name and prove in the tests below. */
const OWNED = [
  'owned.example.test',
  'moved.example.test',
  'shared.example.test',
  'renewed.example.test',
  'lapsed.example.test',
];
const INDEX = '<!doctype html><title>mcpulse dashboard</title><div id="root"></div>';
let webRoot: string;
let t: TestApp;
let dns: TestDnsServer;
let owner: Caller;
let monitorId: string;

beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'mcpulse-web-'));
  await mkdir(path.join(webRoot, 'assets'));
  await writeFile(path.join(webRoot, 'index.html'), INDEX);
  await writeFile(path.join(webRoot, 'assets', 'index-a1b2c3.js'), 'console.log(1)');
  dns = await startDnsServer();
  t = await createTestApp({
    webRoot,
    publicUrl: 'https://mcpulse.example.test',
    allowedHosts: [
      { hostname: DOMAIN },
      { hostname: 'other.example.test' },
      { hostname: 'mcpulse.example.test' },
      ...OWNED.map((hostname) => ({ hostname })),
    ],
    dnsServers: [dns.address],
  });
  owner = await signUpUser(t.app);
  const db = t.database.handle.db;
  monitorId = await insertMonitor(db, owner.organizationId, { name: 'Docs server' });
  await seedMonitorState(db, monitorId, new Date());
  const groups = [{ name: 'Core', monitors: [{ monitorId }] }];
  await insertStatusPage(db, owner.organizationId, {
    slug: 'acme',
    title: 'Acme',
    customDomain: DOMAIN,
    customDomainVerifiedAt: new Date(),
    groups,
  });
  // Rows the owner API refuses; should one exist anyway, the service's own hosts stay the service's.
  await insertStatusPage(db, owner.organizationId, {
    slug: 'loop',
    title: 'Loop',
    customDomain: 'localhost',
    customDomainVerifiedAt: new Date(),
    groups,
  });
  await insertStatusPage(db, owner.organizationId, {
    slug: 'taken',
    title: 'Taken',
    customDomain: 'mcpulse.example.test',
    customDomainVerifiedAt: new Date(),
    groups,
  });
});
afterAll(async () => {
  await t?.close();
  await dns?.close();
  await rm(webRoot, { recursive: true, force: true });
});

const on = (host: string, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
  t.app.inject({ method, url, headers: { host }, ...(payload ? { payload } : {}) });

describe('a page on its custom domain', () => {
  it('serves the page at the root, its feeds and its stylesheet, linking them at the domain', async () => {
    const page = await on(DOMAIN, '/');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<bdi>Acme</bdi>');
    expect(page.body).toContain('href="/feed.atom"');
    expect(page.body).toContain('href="/feed.json"');
    expect(page.body).toContain(
      'POST https://mcpulse.example.test/api/v1/public/status-pages/acme/subscribers',
    );
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(page.body)![1]!;
    expect((await on(DOMAIN, stylesheet)).statusCode).toBe(200);
    // The domain's own https address, whatever port or scheme the request reached the service by.
    const atom = await on(`${DOMAIN}:8443`, '/feed.atom');
    expect(atom.statusCode).toBe(200);
    expect(atom.body).toContain(
      '<link rel="self" type="application/atom+xml" href="https://status.example.test/feed.atom"/>',
    );
    const json = await on(DOMAIN, '/feed.json?utm=x');
    expect(json.json()).toMatchObject({ home_page_url: 'https://status.example.test/' });
    const again = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { host: DOMAIN, 'if-none-match': page.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('links the feeds at MCPULSE_PUBLIC_URL on the service’s own hosts, one drawing whatever port a Host names', async () => {
    const cache = statusPageCacheOf(t.options, () => new Date());
    await on('localhost:1', '/status/acme/feed.atom');
    await on(`${DOMAIN}:1`, '/feed.atom');
    const before = cache.stats().drawings;
    for (let port = 2; port <= 12; port += 1) {
      const atom = await on(`localhost:${port}`, '/status/acme/feed.atom');
      expect(atom.body).toContain(
        '<link rel="self" type="application/atom+xml" href="https://mcpulse.example.test/status/acme/feed.atom"/>',
      );
      const onDomain = await on(`${DOMAIN}:${port}`, '/feed.atom');
      expect(onDomain.body).toContain('href="https://status.example.test/feed.atom"/>');
    }
    expect(cache.stats().drawings).toBe(before);
  });

  it('answers 404 to everything else there: the dashboard, the API, the docs, sign-in, other pages', async () => {
    for (const url of [
      '/login',
      '/index.html',
      '/assets/index-a1b2c3.js',
      '/api/v1/auth/me',
      '/api/v1/monitors',
      '/api/v1/public/status-pages/acme',
      '/docs',
      '/docs/json',
      '/status/acme',
      '/status/loop',
      '/feed.xml',
    ]) {
      const response = await on(DOMAIN, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('mcpulse dashboard');
      expect(response.headers['set-cookie'], url).toBeUndefined();
    }
    const signUp = await on(DOMAIN, '/api/v1/auth/signup', 'POST', {
      email: 'visitor@example.com',
      password: 'correct horse battery',
    });
    expect(signUp.statusCode).toBe(404);
    expect(signUp.headers['set-cookie']).toBeUndefined();
    expect((await on(DOMAIN, '/', 'POST', {})).statusCode).toBe(404);
    // Health checks answer on any host, as the host guard lets them: an orchestrator's, not a visitor's.
    expect((await on(DOMAIN, '/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('leaves every other host as it was: the dashboard, the API, and refusal of hosts not allowed', async () => {
    expect((await on('other.example.test', '/')).body).toBe(INDEX);
    expect((await on('localhost', '/')).body).toBe(INDEX);
    expect((await on('mcpulse.example.test', '/')).body).toBe(INDEX);
    expect((await on('localhost', '/status/acme')).statusCode).toBe(200);
    expect((await on('unknown.example.test', '/')).statusCode).toBe(421);
  });

  it('never lets the dashboard answer under /status/', async () => {
    for (const url of ['/status/nope', '/status/acme/deeper/path', '/status/']) {
      const response = await on('localhost', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('mcpulse dashboard');
    }
  });
});

interface PageAnswer {
  id: string;
  customDomain: string | null;
  domainAllowed: boolean;
  domainVerification: { record: string; value: string; verifiedAt: string | null } | null;
}

const api = (caller: Caller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: caller.headers, ...(payload ? { payload } : {}) });

let pages = 0;
/** A page of `caller` through the owner API, on `domain`. */
async function pageOn(caller: Caller, domain: string | null, title = 'Owned'): Promise<PageAnswer> {
  const groups = caller === owner ? [{ name: 'Core', monitors: [{ monitorId }] }] : [];
  const response = await api(caller, 'POST', '/api/v1/status-pages', {
    slug: `owned-${++pages}`,
    title,
    customDomain: domain,
    groups,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PageAnswer>();
}

const verify = (caller: Caller, pageId: string) =>
  api(caller, 'POST', `/api/v1/status-pages/${pageId}/domain-verification`);

/** What the domain's root answers: the page (its title), or the app every other host gets. */
async function rootOf(domain: string): Promise<'page' | 'dashboard' | number> {
  const response = await on(domain, '/');
  if (response.body === INDEX) return 'dashboard';
  if (response.statusCode === 200 && response.body.includes('<bdi>Owned</bdi>')) return 'page';
  return response.statusCode;
}

describe('proving a custom domain by DNS', () => {
  it('serves an allowed domain only once its record is found: none, then a wrong value, then the right one', async () => {
    const domain = 'owned.example.test';
    const page = await pageOn(owner, domain);
    expect(page.domainAllowed).toBe(true);
    expect(page.domainVerification).toMatchObject({
      record: `_mcpulse-challenge.${domain}`,
      value: expect.stringMatching(/^mcpulse-verification=[\w-]{43}$/),
      verifiedAt: null,
    });
    // On the allow-list but unproved: the host is like any other of the service's, never the page.
    expect(await rootOf(domain)).toBe('dashboard');
    expect((await on(domain, '/feed.atom')).body).not.toContain('<feed');

    const missing = await verify(owner, page.id);
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.code).toBe('dns_record_missing');
    expect(missing.json().error.message).toContain(`_mcpulse-challenge.${domain}`);

    dns.txt.set(`_mcpulse-challenge.${domain}`, ['mcpulse-verification=guessed', 'v=spf1 -all']);
    const wrong = await verify(owner, page.id);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('dns_record_mismatch');
    expect(await rootOf(domain)).toBe('dashboard');

    dns.txt.set(`_mcpulse-challenge.${domain}`, ['v=spf1 -all', page.domainVerification!.value]);
    const proved = await verify(owner, page.id);
    expect(proved.statusCode, proved.body).toBe(200);
    const verifiedAt = proved.json<PageAnswer>().domainVerification?.verifiedAt;
    expect(Date.parse(verifiedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await rootOf(domain)).toBe('page');
    expect(dns.queries).toContain(`_mcpulse-challenge.${domain}`);

    // DNS that cannot say leaves the proof as it was.
    dns.failing.add(`_mcpulse-challenge.${domain}`);
    const failed = await verify(owner, page.id);
    expect(failed.statusCode).toBe(409);
    expect(failed.json().error.code).toBe('dns_lookup_failed');
    dns.failing.clear();
    const read = (await api(owner, 'GET', `/api/v1/status-pages/${page.id}`)).json<PageAnswer>();
    expect(read.domainVerification?.verifiedAt).toBe(verifiedAt);
    expect(await rootOf(domain)).toBe('page');

    // The record removed: the next verification clears the proof, and the page leaves the domain.
    dns.txt.delete(`_mcpulse-challenge.${domain}`);
    expect((await verify(owner, page.id)).json().error.code).toBe('dns_record_missing');
    expect(await rootOf(domain)).toBe('dashboard');
  });

  it('clears the proof when the domain changes, and keeps it across other edits', async () => {
    const domain = 'moved.example.test';
    const page = await pageOn(owner, domain);
    dns.txt.set(`_mcpulse-challenge.${domain}`, [page.domainVerification!.value]);
    expect((await verify(owner, page.id)).statusCode).toBe(200);
    const body = {
      slug: `owned-${pages}`,
      title: 'Owned',
      groups: [{ name: 'Core', monitors: [{ monitorId }] }],
    };
    const renamed = await api(owner, 'PUT', `/api/v1/status-pages/${page.id}`, {
      ...body,
      customDomain: domain,
    });
    expect(renamed.json<PageAnswer>().domainVerification?.verifiedAt).not.toBeNull();
    expect(await rootOf(domain)).toBe('page');

    const elsewhere = await api(owner, 'PUT', `/api/v1/status-pages/${page.id}`, {
      ...body,
      customDomain: 'elsewhere.example.test',
    });
    const moved = elsewhere.json<PageAnswer>().domainVerification;
    expect(moved).toMatchObject({ record: '_mcpulse-challenge.elsewhere.example.test', verifiedAt: null });
    // A new domain, a new token.
    expect(moved?.value).not.toBe(page.domainVerification?.value);
    expect(await rootOf(domain)).toBe('dashboard');
    // Back on the old domain, the proof has to be made again (its record still stands, so it can).
    const back = await api(owner, 'PUT', `/api/v1/status-pages/${page.id}`, {
      ...body,
      customDomain: domain,
    });
    expect(back.json<PageAnswer>().domainVerification).toMatchObject({
      value: page.domainVerification?.value,
      verifiedAt: null,
    });
    expect(await rootOf(domain)).toBe('dashboard');
    const dropped = await api(owner, 'PUT', `/api/v1/status-pages/${page.id}`, {
      ...body,
      customDomain: null,
    });
    expect(dropped.json<PageAnswer>().domainVerification).toBeNull();
  });

  it("never proves a domain for another organisation's page with the record made for this one", async () => {
    const domain = 'shared.example.test';
    const mine = await pageOn(owner, domain);
    dns.txt.set(`_mcpulse-challenge.${domain}`, [mine.domainVerification!.value]);
    expect((await verify(owner, mine.id)).statusCode).toBe(200);
    // The domain is unique across the service: another organisation cannot even name it now.
    const squatter = await signUpUser(t.app);
    const taken = await api(squatter, 'POST', '/api/v1/status-pages', {
      slug: 'squat',
      title: 'Squat',
      customDomain: domain,
    });
    expect(taken.json().error.field).toBe('customDomain');
    // Once the owner lets it go, the other may name it, but the record there proves nothing for it.
    const freed = await api(owner, 'PUT', `/api/v1/status-pages/${mine.id}`, {
      slug: `owned-${pages}`,
      title: 'Owned',
    });
    expect(freed.statusCode).toBe(200);
    const theirs = await pageOn(squatter, domain, 'Squat');
    expect(theirs.domainVerification?.value).not.toBe(mine.domainVerification?.value);
    const refused = await verify(squatter, theirs.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('dns_record_mismatch');
    expect(await rootOf(domain)).toBe('dashboard');
    // Nor can it verify the owner's page: another organisation's page is not found.
    expect((await verify(squatter, mine.id)).statusCode).toBe(404);
    dns.txt.delete(`_mcpulse-challenge.${domain}`);
  });

  it("refuses the service's own host, loopback names and pages without a domain", async () => {
    for (const customDomain of ['mcpulse.example.test', 'status.localhost', '127.0.0.1']) {
      const response = await api(owner, 'POST', '/api/v1/status-pages', {
        slug: `own-${customDomain.replaceAll('.', '-')}`,
        title: 'Own',
        customDomain,
      });
      expect(response.statusCode, customDomain).toBe(400);
      expect(response.json().error.field).toBe('customDomain');
    }
    const bare = await pageOn(owner, null);
    expect(bare.domainVerification).toBeNull();
    const response = await verify(owner, bare.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('conflict');
  });
});

describe('checking a served domain again', () => {
  const dayAndMore = () => new Date(Date.now() - 25 * 3_600_000);
  const storedProof = async (pageId: string) =>
    (
      await t.database.handle.db
        .select({ at: statusPages.customDomainVerifiedAt })
        .from(statusPages)
        .where(eq(statusPages.id, pageId))
    )[0]?.at ?? null;
  async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let tries = 0; tries < 100; tries++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${what} did not happen`);
  }

  it('renews a proof older than a day when its domain is visited and the record still stands', async () => {
    const domain = 'renewed.example.test';
    const page = await pageOn(owner, domain);
    dns.txt.set(`_mcpulse-challenge.${domain}`, [page.domainVerification!.value]);
    const old = dayAndMore();
    await t.database.handle.db
      .update(statusPages)
      .set({ customDomainVerifiedAt: old })
      .where(eq(statusPages.id, page.id));
    expect(await rootOf(domain)).toBe('page');
    const renewed = await until(
      'the renewal',
      () => storedProof(page.id),
      (at) => at !== null && at > old,
    );
    expect(renewed!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await rootOf(domain)).toBe('page');
  });

  it('clears a proof older than a day once its record is gone, and the domain stops serving the page', async () => {
    const domain = 'lapsed.example.test';
    const page = await pageOn(owner, domain);
    await t.database.handle.db
      .update(statusPages)
      .set({ customDomainVerifiedAt: dayAndMore() })
      .where(eq(statusPages.id, page.id));
    // The visit that finds the proof due is still answered; the check runs behind it.
    expect(await rootOf(domain)).toBe('page');
    await until(
      'the proof to be cleared',
      () => storedProof(page.id),
      (at) => at === null,
    );
    expect(
      await until(
        'the page to leave the domain',
        () => rootOf(domain),
        (root) => root === 'dashboard',
      ),
    ).toBe('dashboard');
  });
});

describe('MCPULSE_DNS_SERVERS', () => {
  const required = REQUIRED_API_ENV;

  it("reads addresses with or without a port in both modes; none means the system's", () => {
    const value = '10.0.0.53, 127.0.0.1:5353,[fd00::53]:53,fd00::54';
    const expected = ['10.0.0.53', '127.0.0.1:5353', '[fd00::53]:53', 'fd00::54'];
    expect(loadApiEnv({ ...required, MCPULSE_DNS_SERVERS: value }).MCPULSE_DNS_SERVERS).toEqual(expected);
    expect(loadEmbeddedEnv({ MCPULSE_DNS_SERVERS: value }).MCPULSE_DNS_SERVERS).toEqual(expected);
    expect(loadApiEnv(required).MCPULSE_DNS_SERVERS).toEqual([]);
  });

  it.each(['dns.example.com', '10.0.0.53:0', '10.0.0.53:dns', 'fd00::53:53:x'])(
    'stops start-up naming the variable for %j',
    (value) => {
      for (const load of [
        () => loadApiEnv({ ...required, MCPULSE_DNS_SERVERS: value }),
        () => loadEmbeddedEnv({ MCPULSE_DNS_SERVERS: value }),
      ]) {
        expect(load).toThrow(ConfigError);
        expect(load).toThrow(/MCPULSE_DNS_SERVERS: expected comma-separated IP addresses/);
      }
    },
  );
});
