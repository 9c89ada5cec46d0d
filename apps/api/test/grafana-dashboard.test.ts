import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  checkMetrics,
  createProcessMetrics,
  deploymentQueueNames,
  ingestMetrics,
  poolMetrics,
  queueMetrics,
  regionMetrics,
  schedulerMetrics,
  webhookBacklogMetrics,
  webhookMetrics,
} from '@mcpulse/engine';
import { createMemoryBackend } from '@mcpulse/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMonitor } from './support/read-fixtures.js';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

const DASHBOARD = path.resolve(import.meta.dirname, '../../../infra/grafana/mcpulse.json');
/** Grafana's reference to the dashboard's datasource variable, which each import chooses. */
const CHOSEN_DATASOURCE = { type: 'prometheus', uid: '$' + '{datasource}' };

interface Target {
  refId: string;
  expr: string;
  datasource: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: Target[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; type: string; definition?: string }> };
}

/** The series names a text exposition declares: a histogram's family stands for its three series. */
function seriesNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name = '', type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

/** Every metric a process of any role, and an organisation's export, can serve. */
async function everyMetric(t: TestApp, key: string): Promise<Set<string>> {
  const metrics = createProcessMetrics('any');
  const queues = createMemoryBackend({ logger: t.options.logger || undefined });
  queueMetrics(metrics, queues, () => deploymentQueueNames(['eu-west']));
  poolMetrics(metrics, () => ({ total: 1, idle: 1, waiting: 0, max: 10 }));
  ingestMetrics(metrics);
  webhookMetrics(metrics);
  webhookBacklogMetrics(metrics, async () => ({ pending: 0, due: 0, oldestDueAt: null }));
  schedulerMetrics(metrics, () => ({ enqueued: 0, monitors: 0, leader: true }));
  checkMetrics(metrics).started('eu-west', 10);
  regionMetrics(metrics, async () => [{ region: 'eu-west', lastHeartbeatAt: new Date(), silent: false }]);
  const processText = await metrics.render();
  await queues.close();
  const exported = await t.app.inject({
    method: 'GET',
    url: '/api/v1/metrics',
    headers: { authorization: `Bearer ${key}` },
  });
  expect(exported.statusCode, exported.body).toBe(200);
  return new Set([...seriesNames(processText), ...seriesNames(exported.body)]);
}

let t: TestApp;
let key: string;
let dashboard: Dashboard;

beforeAll(async () => {
  t = await createTestApp();
  const owner = await signUpUser(t.app);
  await insertMonitor(t.database.handle.db, owner.organizationId);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: owner.headers,
    payload: { name: 'grafana', scope: 'read' },
  });
  key = created.json<{ secret: string }>().secret;
  dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as Dashboard;
});
afterAll(async () => t?.close());

describe('the Grafana dashboard (infra/grafana/mcpulse.json)', () => {
  it('is a dashboard whose panels all query the chosen Prometheus', () => {
    expect(dashboard.uid).toBe('mcpulse-overview');
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const queries = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(queries.length).toBeGreaterThan(10);
    for (const panel of queries) {
      expect(panel.datasource, panel.title).toEqual(CHOSEN_DATASOURCE);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource, panel.title).toEqual(panel.datasource);
        expect(target.expr.trim(), panel.title).not.toBe('');
      }
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
    }
    expect(dashboard.templating.list.map((variable) => variable.name)).toEqual(['datasource', 'monitor']);
  });

  it('shows both sets: the processes’ metrics and an organisation’s', () => {
    const titles = dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title);
    expect(titles.some((title) => title.startsWith('Operations'))).toBe(true);
    expect(titles.some((title) => title.startsWith('Monitors'))).toBe(true);
  });

  it('names only metrics that exist in every query and variable', async () => {
    const known = await everyMetric(t, key);
    const queries = [
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
      ...dashboard.templating.list.flatMap((variable) => (variable.definition ? [variable.definition] : [])),
    ];
    const named = new Set(
      queries.flatMap((query) => [...query.matchAll(/\bmcpulse_[a-zA-Z0-9_:]*/g)].map((m) => m[0])),
    );
    expect(named.size).toBeGreaterThan(20);
    const missing = [...named].filter((name) => !known.has(name));
    expect(missing).toEqual([]);
    // A query the check can read: no metric spelt outside the mcpulse_ names it knows.
    for (const query of queries) expect(query, query).toMatch(/mcpulse_/);
  });
});
