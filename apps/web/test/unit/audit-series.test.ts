import type { DirectoryAuditDay } from '@mcpulse/contract';
import { AUDIT_BUCKETS } from '@mcpulse/core/domain';
import { describe, expect, it } from 'vitest';
import { auditShareColumns, auditWindow, daySeconds } from '../../src/lib/audit-series.js';

function day(
  name: string,
  shares: Partial<Record<(typeof AUDIT_BUCKETS)[number], number>>,
): DirectoryAuditDay {
  return {
    day: name,
    checked: 100,
    buckets: AUDIT_BUCKETS.map((bucket) => ({
      bucket,
      endpoints: Math.round((shares[bucket] ?? 0) * 100),
      share: shares[bucket] ?? 0,
      errorCodes: [],
    })),
  };
}

describe('auditShareColumns', () => {
  it('gives one column per bucket in report order, shares in percent, and a gap for a day without checks', () => {
    const columns = auditShareColumns([
      day('2026-11-01', { mcp_up: 0.7312, http_alive_mcp_dead: 0.2688 }),
      day('2026-11-03', { mcp_up: 0.5, timeout: 0.5 }),
    ]);
    expect(columns).toHaveLength(1 + AUDIT_BUCKETS.length);
    expect(columns[0]).toEqual([
      daySeconds('2026-11-01'),
      daySeconds('2026-11-02'),
      daySeconds('2026-11-03'),
    ]);
    expect(columns[1 + AUDIT_BUCKETS.indexOf('mcp_up')]).toEqual([73.12, null, 50]);
    expect(columns[1 + AUDIT_BUCKETS.indexOf('http_alive_mcp_dead')]).toEqual([26.88, null, 0]);
    expect(columns[1 + AUDIT_BUCKETS.indexOf('timeout')]).toEqual([0, null, 50]);
  });

  it('draws nothing for no days, and a window at least one day wide', () => {
    expect(auditShareColumns([])).toEqual([[], ...AUDIT_BUCKETS.map(() => [])]);
    const one = [day('2026-11-05', { mcp_up: 1 })];
    expect(auditWindow(one)).toEqual([daySeconds('2026-11-05'), daySeconds('2026-11-06')]);
    expect(daySeconds('1970-01-02')).toBe(86_400);
  });
});
