import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMonitor } from './support/read-fixtures.js';
import { insertStatusPage } from './support/status-page-fixtures.js';
import { seedMonitorState } from './support/status-page-seed.js';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const DOMAIN = 'status.example.test';
const INDEX = '<!doctype html><title>mcpulse dashboard</title><div id="root"></div>';
let webRoot: string;
let t: TestApp;

beforeAll(async () => {
  webRoot = await mkdtemp(path.join(tmpdir(), 'mcpulse-web-'));
  await mkdir(path.join(webRoot, 'assets'));
  await writeFile(path.join(webRoot, 'index.html'), INDEX);
  await writeFile(path.join(webRoot, 'assets', 'index-a1b2c3.js'), 'console.log(1)');
  t = await createTestApp({
    webRoot,
    publicUrl: 'https://mcpulse.example.test',
    allowedHosts: [
      { hostname: DOMAIN },
      { hostname: 'other.example.test' },
      { hostname: 'mcpulse.example.test' },
    ],
  });
  const owner = await signUpUser(t.app);
  const db = t.database.handle.db;
  const monitorId = await insertMonitor(db, owner.organizationId, { name: 'Docs server' });
  await seedMonitorState(db, monitorId, new Date());
  const groups = [{ name: 'Core', monitors: [{ monitorId }] }];
  await insertStatusPage(db, owner.organizationId, {
    slug: 'acme',
    title: 'Acme',
    customDomain: DOMAIN,
    groups,
  });
  // Rows the owner API refuses; should one exist anyway, the service's own hosts stay the service's.
  await insertStatusPage(db, owner.organizationId, {
    slug: 'loop',
    title: 'Loop',
    customDomain: 'localhost',
    groups,
  });
  await insertStatusPage(db, owner.organizationId, {
    slug: 'taken',
    title: 'Taken',
    customDomain: 'mcpulse.example.test',
    groups,
  });
});
afterAll(async () => {
  await t?.close();
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
    const atom = await on(`${DOMAIN}:8443`, '/feed.atom');
    expect(atom.statusCode).toBe(200);
    expect(atom.body).toContain(
      '<link rel="self" type="application/atom+xml" href="http://status.example.test:8443/feed.atom"/>',
    );
    const json = await on(DOMAIN, '/feed.json?utm=x');
    expect(json.json()).toMatchObject({ home_page_url: 'http://status.example.test/' });
    const again = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { host: DOMAIN, 'if-none-match': page.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
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
