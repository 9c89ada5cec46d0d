import { type Db, readAuditDays } from '@mcpulse/db';
import { type AuditDay, type AuditReport, auditDays, auditNow, seriesStart } from './audit-report.js';
import type { AuditSource } from './audit-source.js';

/** The daily series over the last `days` UTC days, oldest first. */
export async function readAuditSeries(db: Db, asOf: Date, days: number): Promise<AuditDay[]> {
  return auditDays(await readAuditDays(db, seriesStart(asOf, days)));
}

/** The audit now and its daily series over the last `days` UTC days (docs/directory.md, "Audit"). */
export async function readAudit(db: Db, source: AuditSource, asOf: Date, days: number): Promise<AuditReport> {
  const [endpoints, series] = await Promise.all([source.endpoints(), readAuditSeries(db, asOf, days)]);
  return { now: auditNow(endpoints), days: series };
}
