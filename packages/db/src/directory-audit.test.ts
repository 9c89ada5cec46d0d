import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { asc } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './database.js';
import { upkeepAuditDays, writeAuditDay } from './directory-audit-days.js';
import { listAuditEndpoints, readAuditDays } from './reads/directory-audit.js';
import type { NewResult } from './results/result-row.js';
import {
  directoryAuditDays,
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  monitorRegionState,
  monitors,
  probeResults,
} from './schema/index.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from './test-support/database-kinds.js';
import { resultRow } from './test-support/result-rows.js';

const DAY = '2027-03-10';
const at = (time: string) => new Date(`${DAY}T${time}Z`);

async function directoryMonitor(db: Db, url: string): Promise<string> {
  const [row] = await db
    .insert(monitors)
    .values({ organizationId: DIRECTORY_ORGANIZATION_ID, name: url, url, regions: ['eu-west', 'us-east'] })
    .returning({ id: monitors.id });
  return row!.id;
}

async function endpoint(
  db: Db,
  url: string,
  values: { monitorId?: string | null; skipReason?: 'retired' | 'blocked_address' | null } = {},
): Promise<string> {
  const monitorId = values.monitorId === undefined ? await directoryMonitor(db, url) : values.monitorId;
  await db.insert(directoryEndpoints).values({
    url,
    host: new URL(url).host,
    transport: 'streamable-http',
    monitorId,
    skipReason: values.skipReason ?? null,
  });
  return monitorId ?? '';
}

/** Stores a check and makes it its region's last slot, as ingest does. */
async function check(
  db: Db,
  monitorId: string,
  region: string,
  slot: Date,
  status: 'up' | 'degraded' | 'down',
  extra: Partial<NewResult> = {},
): Promise<void> {
  await db.insert(probeResults).values(resultRow(monitorId, region, slot, status, 40, extra));
  await db
    .insert(monitorRegionState)
    .values({ monitorId, region, lastSlot: slot, lastStatus: status })
    .onConflictDoUpdate({
      target: [monitorRegionState.monitorId, monitorRegionState.region],
      set: { lastSlot: slot, lastStatus: status },
    });
}

const dead = (errorCode: string, httpStatus: number | null = 200) => ({
  errorCode,
  errorMessage: 'hostile',
  httpStatus,
  httpAlive: true,
});

for (const kind of DATABASE_KINDS) {
  describe(`the directory audit on ${kind}`, () => {
    const db = useDatabase(kind);
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const d = db();
      ids.up = await endpoint(d, 'https://up.example.com/mcp');
      ids.dead = await endpoint(d, 'https://dead.example.com/mcp');
      ids.auth = await endpoint(d, 'https://auth.example.com/mcp');
      ids.dns = await endpoint(d, 'https://dns.example.com/mcp');
      ids.fresh = await endpoint(d, 'https://fresh.example.com/mcp');
      ids.retired = await endpoint(d, 'https://retired.example.com/mcp', { skipReason: 'retired' });
      await endpoint(d, 'http://10.0.0.1/mcp', { monitorId: null, skipReason: 'blocked_address' });

      // Up in eu-west, then down in us-east later: the latest check, across regions, counts.
      await check(d, ids.up, 'eu-west', at('10:00:00'), 'up');
      await check(d, ids.up, 'us-east', at('10:02:30'), 'up');
      await check(d, ids.dead, 'eu-west', at('10:00:00'), 'up');
      await check(d, ids.dead, 'us-east', at('10:03:00'), 'down', dead('invalid_response'));
      await check(d, ids.auth, 'eu-west', at('10:01:00'), 'up', {
        auth: {
          required: true,
          mode: 'discovery',
          resourceMetadataUrl: null,
          resource: null,
          authorizationServers: [],
          issuer: null,
          tokenEndpoint: null,
          scopesSupported: [],
          failedStep: null,
          reason: null,
        },
      });
      await check(d, ids.dns, 'eu-west', at('10:01:00'), 'down', {
        errorCode: 'dns_failure',
        httpAlive: false,
      });
      // A retired endpoint keeps its history, and is out of the current figures.
      await check(d, ids.retired, 'eu-west', at('10:01:00'), 'down', dead('http_error', 404));
      // A monitor of someone else's organisation never reaches the audit.
      const other = await createMonitor(d, await createOrganization(d));
      await check(d, other, 'eu-west', at('10:01:00'), 'down', dead('http_error', 404));

      const [registry] = await d
        .insert(directoryRegistries)
        .values({ url: 'https://registry.example.com' })
        .returning({ id: directoryRegistries.id });
      const entries = await d
        .insert(directoryEntries)
        .values(
          ['io.example/zeta', 'io.example/alpha'].map((name) => ({
            registryId: registry!.id,
            name,
            version: '1.0.0',
            status: 'active' as const,
          })),
        )
        .returning({ id: directoryEntries.id });
      const [upEndpoint] = await d.select().from(directoryEndpoints).orderBy(asc(directoryEndpoints.url));
      await d
        .insert(directoryEntryEndpoints)
        .values(entries.map((entry) => ({ entryId: entry.id, endpointId: upEndpoint!.id })));
    });

    it('lists every endpoint with the bucket of its latest check, probed ones only', async () => {
      const rows = await listAuditEndpoints(db());
      const byUrl = new Map(rows.map((row) => [row.url, row]));
      expect(rows.map((row) => row.url)).toEqual([...rows.map((row) => row.url)].sort());
      expect(rows).toHaveLength(7);
      expect(byUrl.get('https://up.example.com/mcp')?.check).toMatchObject({
        bucket: 'mcp_up',
        checkedAt: at('10:02:31.500'),
      });
      expect(byUrl.get('https://dead.example.com/mcp')?.check).toMatchObject({
        bucket: 'http_alive_mcp_dead',
        errorCode: 'invalid_response',
        httpStatus: 200,
        status: 'down',
      });
      expect(byUrl.get('https://auth.example.com/mcp')?.check?.bucket).toBe('auth_required');
      expect(byUrl.get('https://dns.example.com/mcp')?.check?.bucket).toBe('dns');
      expect(byUrl.get('https://fresh.example.com/mcp')).toMatchObject({ skipReason: null, check: null });
      expect(byUrl.get('https://retired.example.com/mcp')).toMatchObject({
        skipReason: 'retired',
        check: null,
      });
      expect(byUrl.get('http://10.0.0.1/mcp')).toMatchObject({ skipReason: 'blocked_address', check: null });
    });

    it('names the entries listing an endpoint, in name order', async () => {
      const rows = await listAuditEndpoints(db());
      const listed = rows.find((row) => row.servers.length > 0);
      expect(listed?.servers).toEqual(['io.example/alpha', 'io.example/zeta']);
    });

    it('writes a day from each directory monitor’s last check of that day, and rewrites it idempotently', async () => {
      const dayStart = new Date(`${DAY}T00:00:00Z`);
      expect(await writeAuditDay(db(), dayStart)).toBe(5);
      expect(await writeAuditDay(db(), dayStart)).toBe(5);
      const rows = await readAuditDays(db(), DAY);
      expect(rows).toEqual([
        { day: DAY, bucket: 'auth_required', errorCode: '', endpoints: 1 },
        { day: DAY, bucket: 'dns', errorCode: 'dns_failure', endpoints: 1 },
        // The retired endpoint was still checked that day: the day counts it.
        { day: DAY, bucket: 'http_alive_mcp_dead', errorCode: 'http_error', endpoints: 1 },
        { day: DAY, bucket: 'http_alive_mcp_dead', errorCode: 'invalid_response', endpoints: 1 },
        { day: DAY, bucket: 'mcp_up', errorCode: '', endpoints: 1 },
      ]);
    });

    it('leaves a day without checks as it stands, and reads the series from a day on', async () => {
      await db()
        .insert(directoryAuditDays)
        .values({ day: '2027-03-01', bucket: 'refused', errorCode: 'connection_refused', endpoints: 7 });
      expect(await writeAuditDay(db(), new Date('2027-03-01T00:00:00Z'))).toBe(0);
      expect(await readAuditDays(db(), '2027-03-01')).toContainEqual({
        day: '2027-03-01',
        bucket: 'refused',
        errorCode: 'connection_refused',
        endpoints: 7,
      });
      expect((await readAuditDays(db(), '2027-03-02')).map((row) => row.day)).not.toContain('2027-03-01');
    });

    it('the upkeep writes yesterday again and today so far', async () => {
      const next = new Date('2027-03-11T00:05:00Z');
      await check(db(), ids.fresh as string, 'eu-west', next, 'down', {
        errorCode: 'connect_timeout',
        httpAlive: false,
      });
      const written = await upkeepAuditDays(db(), new Date('2027-03-11T08:00:00Z'));
      expect(written).toEqual([
        { day: DAY, endpoints: 5 },
        { day: '2027-03-11', endpoints: 1 },
      ]);
      expect(await readAuditDays(db(), '2027-03-11')).toEqual([
        { day: '2027-03-11', bucket: 'timeout', errorCode: 'connect_timeout', endpoints: 1 },
      ]);
    });
  });
}
