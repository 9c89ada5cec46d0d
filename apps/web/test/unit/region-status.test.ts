import { describe, expect, it } from 'vitest';
import { regionStatuses } from '../../src/lib/region-status.js';
import { result } from './support/stored-result.js';

const MONITOR = {
  regions: ['eu-west', 'us-east'],
  intervalSeconds: 60,
  createdAt: '2026-11-26T11:00:00Z',
  paused: false,
};
const at = (iso: string) => Date.parse(iso);
const summary = (statuses: ReturnType<typeof regionStatuses>) =>
  statuses.map((s) => ({
    region: s.region,
    latest: s.latest?.slot ?? null,
    skipped: s.skipped?.slot ?? null,
    silent: s.silent,
    silentSince: s.silentSince,
  }));

describe('the status of each region on the monitor page', () => {
  it('finds the newest check of each region, a skipped slot not being one', () => {
    const results = [
      result('us-east', '2026-11-26T12:02:00Z', 'up', 40),
      result('eu-west', '2026-11-26T12:01:00Z', 'down', 10_000),
      result('eu-west', '2026-11-26T12:02:00Z', 'skipped', 0),
      result('eu-west', '2026-11-26T12:00:00Z', 'up', 20),
    ];
    expect(summary(regionStatuses(MONITOR, results, at('2026-11-26T12:02:30Z')))).toEqual([
      {
        region: 'eu-west',
        latest: '2026-11-26T12:01:00Z',
        skipped: '2026-11-26T12:02:00Z',
        silent: false,
        silentSince: null,
      },
      { region: 'us-east', latest: '2026-11-26T12:02:00Z', skipped: null, silent: false, silentSince: null },
    ]);
  });

  it('calls a region silent after two intervals and a grace without a check, since its last one', () => {
    const results = [
      result('us-east', '2026-11-26T12:02:00Z', 'up', 40),
      result('eu-west', '2026-11-26T12:00:00Z', 'up', 20),
    ];
    // 2 × 60 s + 15 s after eu-west's last slot: still within the wait; one second more and it is silent.
    expect(regionStatuses(MONITOR, results, at('2026-11-26T12:02:15Z'))[0]?.silent).toBe(false);
    const later = regionStatuses(MONITOR, results, at('2026-11-26T12:02:16Z'));
    expect(summary(later)).toEqual([
      {
        region: 'eu-west',
        latest: '2026-11-26T12:00:00Z',
        skipped: null,
        silent: true,
        silentSince: '2026-11-26T12:00:00Z',
      },
      { region: 'us-east', latest: '2026-11-26T12:02:00Z', skipped: null, silent: false, silentSince: null },
    ]);
  });

  it('counts a region that never reported from the monitor’s creation, and a paused monitor as not silent', () => {
    const results = [result('us-east', '2026-11-26T12:02:00Z', 'up', 40)];
    expect(regionStatuses(MONITOR, results, at('2026-11-26T11:02:00Z'))[0]).toMatchObject({
      region: 'eu-west',
      silent: false,
    });
    expect(regionStatuses(MONITOR, results, at('2026-11-26T12:02:30Z'))[0]).toMatchObject({
      region: 'eu-west',
      latest: null,
      silent: true,
      silentSince: '2026-11-26T11:00:00Z',
    });
    expect(regionStatuses({ ...MONITOR, paused: true }, [], at('2026-11-26T13:00:00Z'))).toMatchObject([
      { silent: false },
      { silent: false },
    ]);
  });

  it('keeps a region silent while its worker only skips late checks', () => {
    const results = [
      result('eu-west', '2026-11-26T12:00:00Z', 'up', 20),
      result('eu-west', '2026-11-26T12:01:00Z', 'skipped', 0),
      result('eu-west', '2026-11-26T12:02:00Z', 'skipped', 0),
    ];
    expect(regionStatuses(MONITOR, results, at('2026-11-26T12:04:00Z'))[0]).toMatchObject({
      silent: true,
      silentSince: '2026-11-26T12:00:00Z',
      skipped: { slot: '2026-11-26T12:02:00Z', skipReason: expect.stringContaining('picked up') },
    });
    const onlySkips = results.slice(1);
    expect(regionStatuses(MONITOR, onlySkips, at('2026-11-26T12:04:00Z'))[0]).toMatchObject({
      latest: null,
      silent: true,
      silentSince: null,
    });
  });
});
