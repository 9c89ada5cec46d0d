import type { ProbeStatus } from '@mcpulse/core/domain';
import { type Db, monitors, type NewResult } from '@mcpulse/db';

/** A monitor inserted straight into the database, as the reads need nothing else of it. */
export async function insertMonitor(
  db: Db,
  organizationId: string,
  values: { name?: string; isPublic?: boolean; paused?: boolean } = {},
): Promise<string> {
  const [monitor] = await db
    .insert(monitors)
    .values({
      organizationId,
      name: values.name ?? 'Docs server',
      url: 'https://docs.example.com/mcp',
      regions: ['eu-west', 'us-east'],
      isPublic: values.isPublic ?? false,
      paused: values.paused ?? false,
    })
    .returning({ id: monitors.id });
  return monitor!.id;
}

/** A stored result with only what a test cares about set. */
export function storedResult(
  monitorId: string,
  region: string,
  slot: Date,
  status: ProbeStatus,
  totalMs: number,
): NewResult {
  const down = status === 'down';
  return {
    monitorId,
    region,
    slot,
    checkedAt: new Date(slot.getTime() + 2_000),
    status,
    errorCode: down ? 'timeout' : null,
    errorMessage: down ? 'no answer within 10000 ms' : null,
    errorPhase: down ? 'handshake' : null,
    httpStatus: null,
    rpcCode: null,
    httpAlive: !down,
    transport: 'streamable-http',
    era: down ? null : 'modern',
    protocolVersion: down ? null : '2026-07-28',
    serverInfo: down ? null : { name: 'docs', version: '2.0.0' },
    capabilities: down ? null : { tools: {} },
    toolCount: down ? null : 3,
    schemaHash: null,
    dnsMs: 0.5,
    connectMs: 1,
    tlsMs: null,
    negotiationMs: null,
    auth: null,
    handshakeMs: down ? null : totalMs / 2,
    toolsListMs: down ? null : totalMs / 4,
    toolCallMs: null,
    otherMs: down ? totalMs - 1.5 : totalMs / 4 - 1.5,
    totalMs,
  };
}

/** Every minute in [from, to). */
export function everyMinute(from: string, to: string): Date[] {
  const slots: Date[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) slots.push(new Date(t));
  return slots;
}
