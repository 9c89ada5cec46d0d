import {
  type Db,
  incidents,
  incidentUpdates,
  insertResults,
  maintenanceOccurrences,
  maintenanceWindows,
  monitorState,
  monitors,
  type NewResult,
  organizations,
  schemaSnapshots,
  statusPageGroups,
  statusPageMonitors,
  statusPages,
} from '@mcpulse/db';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A stored check with what the page's figures read of it. */
function result(monitorId: string, slot: Date, totalMs: number): NewResult {
  return {
    monitorId,
    region: 'eu-west',
    slot,
    checkedAt: new Date(slot.getTime() + 1000),
    status: 'up',
    errorCode: null,
    errorMessage: null,
    errorPhase: null,
    httpStatus: 200,
    rpcCode: null,
    httpAlive: true,
    transport: 'streamable-http',
    era: 'modern',
    protocolVersion: '2025-11-25',
    serverInfo: { name: 'bench', version: '1.0.0' },
    capabilities: { tools: {} },
    toolCount: 12,
    schemaHash: null,
    dnsMs: 0.5,
    connectMs: 1,
    tlsMs: null,
    negotiationMs: null,
    auth: null,
    handshakeMs: totalMs / 2,
    toolsListMs: totalMs / 4,
    toolCallMs: null,
    otherMs: totalMs / 4 - 1.5,
    totalMs,
  };
}

/**
 * One page of `monitorCount` monitors in three groups, each with 90 days of history: incidents
 * (one still open), posted updates, weekly organisation-wide maintenance and one ahead, and two
 * hours of checks for the 24-hour p95. Returns the page's slug.
 */
export async function seedStatusPage(db: Db, monitorCount: number, now: number): Promise<string> {
  const [organization] = await db
    .insert(organizations)
    .values({ name: 'bench status page' })
    .returning({ id: organizations.id });
  const organizationId = organization!.id;
  const rows = await db
    .insert(monitors)
    .values(
      Array.from({ length: monitorCount }, (_, index) => ({
        organizationId,
        name: `MCP server ${index}`,
        url: `https://server-${index}.example.com/mcp`,
        regions: ['eu-west'],
      })),
    )
    .returning({ id: monitors.id });
  const ids = rows.map((row) => row.id);
  await db
    .insert(schemaSnapshots)
    .values(ids.map((monitorId) => ({ monitorId, hash: 'bench', tools: [], toolCount: 12, sizeBytes: 2 })));
  await db.insert(monitorState).values(
    ids.map((monitorId, index) => ({
      monitorId,
      status: index === 0 ? ('down' as const) : ('up' as const),
      firstCheckedAt: new Date(now - 100 * DAY),
      lastCheckedAt: new Date(now - 30_000),
      schemaHash: 'bench',
      protocolTracking: {
        confirmed: {
          era: 'modern' as const,
          protocolVersion: '2025-11-25',
          transport: 'streamable-http' as const,
        },
        candidate: null,
        seen: 0,
        candidateSince: null,
      },
    })),
  );
  const history = ids.flatMap((monitorId, index) =>
    Array.from({ length: 6 }, (_, k) => {
      const startedAt = new Date(now - (3 + ((index * 7 + k * 13) % 87)) * DAY - k * HOUR);
      return {
        organizationId,
        monitorId,
        kind: k % 3 === 0 ? ('degraded' as const) : ('down' as const),
        startedAt,
        endedAt: new Date(startedAt.getTime() + (5 + k * 7) * MINUTE),
        errorCode: 'timeout',
        regions: ['eu-west'],
      };
    }),
  );
  const recent = ids.slice(0, 4).map((monitorId, index) => ({
    organizationId,
    monitorId,
    kind: 'down' as const,
    startedAt: new Date(now - (index + 1) * DAY),
    endedAt: index === 0 ? null : new Date(now - (index + 1) * DAY + 20 * MINUTE),
    errorCode: 'timeout',
    regions: ['eu-west'],
  }));
  const incidentRows = await db
    .insert(incidents)
    .values([...history, ...recent])
    .returning({ id: incidents.id, startedAt: incidents.startedAt });
  const statuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
  await db.insert(incidentUpdates).values(
    incidentRows.slice(-4).flatMap((incident) =>
      statuses.map((status, k) => ({
        incidentId: incident.id,
        organizationId,
        status,
        message: `Update ${k + 1}: ${status}. The upstream provider is looking into it.`,
        createdAt: new Date(incident.startedAt.getTime() + (k + 1) * 4 * MINUTE),
      })),
    ),
  );
  const [window] = await db
    .insert(maintenanceWindows)
    .values({
      organizationId,
      title: 'Weekly upgrade',
      localStart: new Date(now - 91 * DAY).toISOString().slice(0, 16),
      timeZone: 'UTC',
      durationMs: HOUR,
      rrule: 'FREQ=WEEKLY',
      expandedUntil: new Date(now + 14 * DAY),
    })
    .returning({ id: maintenanceWindows.id });
  await db.insert(maintenanceOccurrences).values(
    Array.from({ length: 15 }, (_, week) => {
      const startsAt = new Date(now - 91 * DAY + week * 7 * DAY);
      return {
        windowId: window!.id,
        organizationId,
        monitorId: null,
        scheduledAt: startsAt,
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
      };
    }),
  );
  const slots = Array.from(
    { length: 120 },
    (_, minute) => new Date(Math.floor(now / MINUTE) * MINUTE - minute * MINUTE),
  );
  await insertResults(
    db,
    ids.flatMap((monitorId) => slots.map((slot, k) => result(monitorId, slot, 40 + (k % 12) * 15))),
  );
  const [page] = await db
    .insert(statusPages)
    .values({
      organizationId,
      slug: 'bench',
      title: 'Bench status',
      description: 'Every MCP server of the bench organisation.',
      figures: ['history', 'uptime', 'latency', 'mcp', 'incidents'],
    })
    .returning({ id: statusPages.id });
  const groupNames = ['Public APIs', 'Internal tools', 'Partners'];
  const groups = await db
    .insert(statusPageGroups)
    .values(groupNames.map((name, position) => ({ pageId: page!.id, name, position })))
    .returning({ id: statusPageGroups.id });
  await db.insert(statusPageMonitors).values(
    ids.map((monitorId, index) => ({
      pageId: page!.id,
      groupId: groups[index % groups.length]!.id,
      monitorId,
      position: index,
    })),
  );
  return 'bench';
}
