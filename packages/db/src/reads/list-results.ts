import type { ProbeAuthReport } from '@mcpulse/core';
import type { ResultStatus } from '@mcpulse/core/domain';
import { and, asc, desc, eq, getTableColumns, gt, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../database.js';
import { probeResults } from '../schema/index.js';
import { decodeCursor, exactTime, exactTimeSchema, type Page, pageOf } from './page-cursor.js';

export interface ResultFilters {
  region?: string;
  status?: ResultStatus;
  errorCode?: string;
  /** Slots at or after this time. */
  from?: Date;
  /** Slots before this time. */
  to?: Date;
}

/** A stored result in the shape of the PROBE.md result, with where and when it was scheduled. */
export interface ResultView {
  region: string;
  slot: Date;
  /** When the check ran; for a skipped slot, when its worker decided not to run it. */
  checkedAt: Date;
  status: ResultStatus;
  /** Why the slot was not probed; null unless `status` is `skipped`. */
  skipReason: string | null;
  error: {
    code: string;
    message: string;
    phase: string | null;
    httpStatus: number | null;
    rpcCode: number | null;
  } | null;
  httpAlive: boolean;
  transport: string | null;
  era: string | null;
  protocolVersion: string | null;
  serverInfo: Record<string, unknown> | null;
  capabilities: Record<string, unknown> | null;
  toolCount: number | null;
  schemaHash: string | null;
  timings: {
    dnsMs: number | null;
    connectMs: number | null;
    tlsMs: number | null;
    negotiationMs: number | null;
    handshakeMs: number | null;
    toolsListMs: number | null;
    otherMs: number | null;
    totalMs: number;
  };
  /** What the check learnt of the server's OAuth authorization; null when nothing, or stored before 0010. */
  auth: ProbeAuthReport | null;
}

/**
 * A stored time back to the hundredth the probe rounded it to: `real` keeps
 * about 7 digits, so 20.1 reads back as 20.100000381, and the parts would no
 * longer add up to the total to the hundredth.
 */
function storedMs<T extends number | null>(value: T): T {
  return (value === null ? null : Math.round(value * 100) / 100) as T;
}

const cursorSchema = z.tuple([
  exactTimeSchema,
  z
    .string()
    .max(200)
    .refine((region) => !region.includes('\u0000')),
]);

type Row = typeof probeResults.$inferSelect & { slotKey: string };

function viewOf(row: Row): ResultView {
  return {
    region: row.region,
    slot: row.slot,
    checkedAt: row.checkedAt,
    status: row.status,
    skipReason: row.status === 'skipped' ? (row.errorMessage ?? '') : null,
    error: row.errorCode
      ? {
          code: row.errorCode,
          message: row.errorMessage ?? '',
          phase: row.errorPhase,
          httpStatus: row.httpStatus,
          rpcCode: row.rpcCode,
        }
      : null,
    httpAlive: row.httpAlive,
    transport: row.transport,
    era: row.era,
    protocolVersion: row.protocolVersion,
    serverInfo: row.serverInfo as Record<string, unknown> | null,
    capabilities: row.capabilities as Record<string, unknown> | null,
    toolCount: row.toolCount,
    schemaHash: row.schemaHash,
    timings: {
      dnsMs: storedMs(row.dnsMs),
      connectMs: storedMs(row.connectMs),
      tlsMs: storedMs(row.tlsMs),
      negotiationMs: storedMs(row.negotiationMs),
      handshakeMs: storedMs(row.handshakeMs),
      toolsListMs: storedMs(row.toolsListMs),
      otherMs: storedMs(row.otherMs),
      totalMs: storedMs(row.totalMs),
    },
    auth: row.auth ?? null,
  };
}

/** A monitor's results, newest slot first (regions in name order within a slot), one page at a time. */
export async function listResults(
  db: Executor,
  monitorId: string,
  filters: ResultFilters,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ResultView>> {
  const conditions: Array<SQL | undefined> = [
    eq(probeResults.monitorId, monitorId),
    filters.region === undefined ? undefined : eq(probeResults.region, filters.region),
    filters.status === undefined ? undefined : eq(probeResults.status, filters.status),
    filters.errorCode === undefined ? undefined : eq(probeResults.errorCode, filters.errorCode),
    filters.from === undefined ? undefined : gte(probeResults.slot, filters.from),
    filters.to === undefined ? undefined : lt(probeResults.slot, filters.to),
  ];
  if (cursor !== undefined) {
    const [slot, region] = decodeCursor(cursor, cursorSchema);
    const after = sql`${slot}::timestamptz`;
    conditions.push(
      or(
        sql`${probeResults.slot} < ${after}`,
        and(sql`${probeResults.slot} = ${after}`, gt(probeResults.region, region)),
      ),
    );
  }
  const rows = await db
    .select({ ...getTableColumns(probeResults), slotKey: exactTime(probeResults.slot) })
    .from(probeResults)
    .where(and(...conditions))
    .orderBy(desc(probeResults.slot), asc(probeResults.region))
    .limit(limit + 1);
  return pageOf(rows, limit, viewOf, (row) => [row.slotKey, row.region]);
}
