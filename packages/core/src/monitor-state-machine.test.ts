import { describe, expect, it } from 'vitest';
import type {
  MachineEffect,
  MachineSettings,
  MonitorMachineState,
  MonitorStatus,
  ObservedResult,
} from './monitor-machine-types.js';
import { regionStateAfterFirstCheck } from './monitor-region-state.js';
import { applyResults, effectiveQuorum, initialMachineState } from './monitor-state-machine.js';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const slot = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
const minuteOf = (iso: string): number => (Date.parse(iso) - T0) / 60_000;

type Kind = ObservedResult['status'];

/** One probe result; failures carry a timeout unless told otherwise. */
function r(
  region: string,
  minute: number,
  status: Kind,
  extra: Partial<ObservedResult> = {},
): ObservedResult {
  const down = status === 'down';
  return {
    region,
    slot: slot(minute),
    checkedAt: new Date(T0 + minute * 60_000 + 1_500).toISOString(),
    status,
    errorCode: down ? 'timeout' : null,
    errorMessage: down ? `no answer from ${region}` : null,
    schemaHash: null,
    totalMs: status === 'degraded' ? 4_000 : down ? 10_000 : 200,
    ...extra,
  };
}

/** The results of every listed region for one slot. */
function each(minute: number, statuses: Record<string, Kind>): ObservedResult[] {
  return Object.entries(statuses).map(([region, status]) => r(region, minute, status));
}

function settings(overrides: Partial<MachineSettings> = {}): MachineSettings {
  return {
    regions: ['eu'],
    confirmations: 2,
    regionQuorum: null,
    paused: false,
    silentAfterMs: 3 * 60_000,
    watchedSince: slot(-1),
    recheckDelayMs: null,
    ...overrides,
  };
}

/** An effect in one line, so a table row can list what it expects at a glance. */
function summarize(effect: MachineEffect): string {
  if (effect.type === 'drift') return `drift@${minuteOf(effect.at)} ${effect.fromHash}→${effect.toHash}`;
  if (effect.type === 'recheck') return `recheck ${effect.region}@${minuteOf(effect.at)}`;
  if (effect.type === 'protocol')
    return `protocol@${minuteOf(effect.at)} ${effect.from.protocolVersion}→${effect.to.protocolVersion}`;
  if (effect.type === 'release')
    return `release@${minuteOf(effect.at)} ${effect.fromVersion}→${effect.toVersion}`;
  const parts = [
    `${effect.event}@${minuteOf(effect.at)}`,
    `${effect.from}→${effect.to}`,
    `[${effect.regions.join(',')}]`,
  ];
  if (effect.errorCode !== null) parts.push(effect.errorCode);
  if (effect.closeIncident) parts.push(`close:${effect.closeIncident.durationMs / 60_000}m`);
  // Incidents begin and end at checks (checkedAt, 1.5 s into their minute): shown as the check's minute.
  if (effect.openIncident)
    parts.push(`open:${effect.openIncident.kind}@${Math.floor(minuteOf(effect.openIncident.startedAt))}`);
  return parts.join(' ');
}

interface Step {
  /** Applied in one call, as one ingest batch. */
  apply: ObservedResult[];
  status: MonitorStatus;
  effects?: string[];
  schemaHash?: string | null;
}

interface Scenario {
  name: string;
  settings: MachineSettings;
  steps: Step[];
}

const single = settings();
const three = settings({ regions: ['eu', 'us', 'ap'] });
const threeUp: Step[] = [
  { apply: each(0, { eu: 'up', us: 'up', ap: 'up' }), status: 'pending' },
  { apply: each(1, { eu: 'up', us: 'up', ap: 'up' }), status: 'up' },
];
const hashed = (minute: number, hash: string, status: Kind = 'up'): ObservedResult[] => [
  r('eu', minute, status, { schemaHash: hash }),
];

const scenarios: Scenario[] = [
  {
    name: 'single region, N=2: one failure is noise, two alert, two successes recover',
    settings: single,
    steps: [
      { apply: [r('eu', 0, 'up')], status: 'pending' },
      { apply: [r('eu', 1, 'up')], status: 'up' },
      { apply: [r('eu', 2, 'down')], status: 'up' },
      {
        apply: [r('eu', 3, 'down')],
        status: 'down',
        effects: ['monitor.down@3 up→down [eu] timeout open:down@2'],
      },
      { apply: [r('eu', 4, 'up')], status: 'down' },
      { apply: [r('eu', 5, 'up')], status: 'up', effects: ['monitor.up@5 down→up [eu] close:2m'] },
    ],
  },
  {
    name: 'single region, N=2: flapping up/down/up never alerts',
    settings: single,
    steps: [
      { apply: [r('eu', 0, 'up'), r('eu', 1, 'up')], status: 'up' },
      { apply: [r('eu', 2, 'down')], status: 'up' },
      { apply: [r('eu', 3, 'up')], status: 'up' },
      { apply: [r('eu', 4, 'down')], status: 'up' },
      { apply: [r('eu', 5, 'up')], status: 'up' },
      { apply: [r('eu', 6, 'down')], status: 'up' },
      { apply: [r('eu', 7, 'degraded')], status: 'up' },
      { apply: [r('eu', 8, 'down')], status: 'up' },
    ],
  },
  {
    name: 'three regions, quorum 2: one region down forever never alerts',
    settings: three,
    steps: [
      ...threeUp,
      ...[2, 3, 4, 5, 6].map((m) => ({
        apply: each(m, { eu: 'down', us: 'up', ap: 'up' }),
        status: 'up' as const,
      })),
    ],
  },
  {
    name: 'three regions, quorum 2: two regions down alert and both are listed; recovery needs a quorum',
    settings: three,
    steps: [
      ...threeUp,
      { apply: each(2, { eu: 'down', us: 'down', ap: 'down' }), status: 'up' },
      {
        apply: each(3, { eu: 'down', us: 'down', ap: 'down' }),
        status: 'down',
        // Slot ties apply in region-name order (ap, eu, us), so eu completes the quorum before us has two.
        effects: ['monitor.down@3 up→down [eu,ap] timeout open:down@2'],
      },
      { apply: each(4, { eu: 'up', us: 'down', ap: 'down' }), status: 'down' },
      { apply: each(5, { eu: 'up', us: 'up', ap: 'down' }), status: 'down' },
      // Neither down nor up has a quorum now, so the monitor keeps its status.
      { apply: each(6, { eu: 'up', us: 'down', ap: 'down' }), status: 'down' },
      { apply: each(7, { eu: 'up', us: 'up', ap: 'down' }), status: 'down' },
      {
        apply: each(8, { eu: 'up', us: 'up', ap: 'down' }),
        status: 'up',
        effects: ['monitor.up@8 down→up [eu,us] close:5m'],
      },
    ],
  },
  {
    name: 'three regions, regionQuorum 1: one region is enough either way',
    settings: settings({ regions: ['eu', 'us', 'ap'], regionQuorum: 1 }),
    steps: [
      ...threeUp,
      { apply: each(2, { eu: 'down', us: 'up', ap: 'up' }), status: 'up' },
      {
        apply: each(3, { eu: 'down', us: 'up', ap: 'up' }),
        status: 'down',
        effects: ['monitor.down@3 up→down [eu] timeout open:down@2'],
      },
      // Once no region confirms down, the regions that kept succeeding confirm up.
      {
        apply: each(4, { eu: 'up', us: 'up', ap: 'up' }),
        status: 'up',
        effects: ['monitor.up@4 down→up [us,ap] close:2m'],
      },
    ],
  },
  {
    name: 'N=1: every single result decides',
    settings: settings({ confirmations: 1 }),
    steps: [
      { apply: [r('eu', 0, 'up')], status: 'up' },
      {
        apply: [r('eu', 1, 'down')],
        status: 'down',
        effects: ['monitor.down@1 up→down [eu] timeout open:down@1'],
      },
      {
        apply: [r('eu', 2, 'degraded')],
        status: 'degraded',
        effects: ['monitor.degraded@2 down→degraded [eu] close:1m open:degraded@2'],
      },
      { apply: [r('eu', 3, 'up')], status: 'up', effects: ['monitor.up@3 degraded→up [eu] close:1m'] },
    ],
  },
  {
    name: 'degraded by latency and back',
    settings: single,
    steps: [
      { apply: [r('eu', 0, 'up'), r('eu', 1, 'up')], status: 'up' },
      { apply: [r('eu', 2, 'degraded')], status: 'up' },
      {
        apply: [r('eu', 3, 'degraded')],
        status: 'degraded',
        effects: ['monitor.degraded@3 up→degraded [eu] open:degraded@2'],
      },
      { apply: [r('eu', 4, 'degraded')], status: 'degraded' },
      // Back to up takes N fast results in a row, so a latency hovering at the threshold does not flap.
      { apply: [r('eu', 5, 'up')], status: 'degraded' },
      { apply: [r('eu', 6, 'up')], status: 'up', effects: ['monitor.up@6 degraded→up [eu] close:3m'] },
    ],
  },
  {
    name: 'down → degraded → up: two incidents, each with its own duration',
    settings: single,
    steps: [
      { apply: [r('eu', 0, 'up'), r('eu', 1, 'up')], status: 'up' },
      {
        apply: [r('eu', 2, 'down'), r('eu', 3, 'down')],
        status: 'down',
        effects: ['monitor.down@3 up→down [eu] timeout open:down@2'],
      },
      { apply: [r('eu', 4, 'degraded')], status: 'down' },
      {
        apply: [r('eu', 5, 'degraded')],
        status: 'degraded',
        effects: ['monitor.degraded@5 down→degraded [eu] close:2m open:degraded@4'],
      },
      { apply: [r('eu', 6, 'degraded'), r('eu', 7, 'degraded')], status: 'degraded' },
      { apply: [r('eu', 8, 'up')], status: 'degraded' },
      { apply: [r('eu', 9, 'up')], status: 'up', effects: ['monitor.up@9 degraded→up [eu] close:4m'] },
    ],
  },
  {
    name: 'a slow result in the middle of a recovery from down does not confirm up',
    settings: single,
    steps: [
      {
        apply: [r('eu', 0, 'down'), r('eu', 1, 'down')],
        status: 'down',
        effects: ['monitor.down@1 pending→down [eu] timeout open:down@0'],
      },
      { apply: [r('eu', 2, 'up')], status: 'down' },
      { apply: [r('eu', 3, 'degraded')], status: 'down' },
      { apply: [r('eu', 4, 'up')], status: 'down' },
      { apply: [r('eu', 5, 'up')], status: 'up', effects: ['monitor.up@5 down→up [eu] close:4m'] },
    ],
  },
  {
    name: 'degraded → down closes the degraded incident and opens a down one',
    settings: single,
    steps: [
      {
        apply: [r('eu', 0, 'degraded'), r('eu', 1, 'degraded')],
        status: 'degraded',
        effects: ['monitor.degraded@1 pending→degraded [eu] open:degraded@0'],
      },
      {
        apply: [r('eu', 2, 'down'), r('eu', 3, 'down')],
        status: 'down',
        effects: ['monitor.down@3 degraded→down [eu] timeout close:2m open:down@2'],
      },
    ],
  },
  {
    name: 'pending → down alerts: a new monitor that is down must not stay silent',
    settings: single,
    steps: [
      { apply: [r('eu', 0, 'down', { errorCode: 'dns_failure' })], status: 'pending' },
      {
        apply: [r('eu', 1, 'down', { errorCode: 'dns_failure' })],
        status: 'down',
        effects: ['monitor.down@1 pending→down [eu] dns_failure open:down@0'],
      },
    ],
  },
  {
    name: 'duplicate and out-of-order slots are ignored',
    settings: single,
    steps: [
      { apply: [r('eu', 1, 'up'), r('eu', 0, 'up')], status: 'up' },
      { apply: [r('eu', 3, 'down')], status: 'up' },
      { apply: [r('eu', 2, 'down')], status: 'up' },
      { apply: [r('eu', 3, 'down'), r('eu', 3, 'down')], status: 'up' },
      { apply: [r('eu', 1, 'down'), r('eu', 0, 'down')], status: 'up' },
      { apply: [r('eu', 5, 'down', { slot: 'not a time' }), r('eu', 9, 'down', { slot: '' })], status: 'up' },
      {
        apply: [r('eu', 4, 'down')],
        status: 'down',
        effects: ['monitor.down@4 up→down [eu] timeout open:down@3'],
      },
    ],
  },
  {
    name: 'results from a region the monitor does not probe are ignored',
    settings: single,
    steps: [
      { apply: each(0, { us: 'down', ap: 'down' }), status: 'pending' },
      { apply: each(1, { us: 'down', ap: 'down' }), status: 'pending' },
      { apply: each(2, { us: 'down', eu: 'up' }), status: 'pending' },
      { apply: each(3, { us: 'down', eu: 'up' }), status: 'up' },
    ],
  },
  {
    name: 'paused monitors produce nothing',
    settings: settings({ paused: true }),
    steps: [
      {
        apply: [r('eu', 0, 'down'), r('eu', 1, 'down'), r('eu', 2, 'down', { schemaHash: 'A' })],
        status: 'pending',
        schemaHash: null,
      },
      {
        apply: [r('eu', 3, 'up', { schemaHash: 'A' }), r('eu', 4, 'up')],
        status: 'pending',
        schemaHash: null,
      },
    ],
  },
  {
    name: 'drift: the first hash is adopted silently and a new one needs two sightings in a row',
    settings: single,
    steps: [
      { apply: hashed(0, 'A'), status: 'pending', schemaHash: 'A' },
      { apply: hashed(1, 'A'), status: 'up', schemaHash: 'A' },
      { apply: hashed(2, 'B'), status: 'up', schemaHash: 'A' },
      { apply: hashed(3, 'B', 'degraded'), status: 'up', schemaHash: 'B', effects: ['drift@3 A→B'] },
      { apply: hashed(4, 'B'), status: 'up', schemaHash: 'B' },
    ],
  },
  {
    name: 'drift: an interleaved old hash resets the candidate',
    settings: single,
    steps: [
      { apply: hashed(0, 'A'), status: 'pending', schemaHash: 'A' },
      { apply: hashed(1, 'B'), status: 'up', schemaHash: 'A' },
      { apply: hashed(2, 'A'), status: 'up', schemaHash: 'A' },
      { apply: hashed(3, 'B'), status: 'up', schemaHash: 'A' },
      { apply: hashed(4, 'C'), status: 'up', schemaHash: 'A' },
      { apply: hashed(5, 'C'), status: 'up', schemaHash: 'C', effects: ['drift@5 A→C'] },
    ],
  },
  {
    name: 'drift: down results in between neither confirm nor reset the candidate',
    settings: settings({ confirmations: 3 }),
    steps: [
      { apply: hashed(0, 'A'), status: 'pending', schemaHash: 'A' },
      { apply: hashed(1, 'B'), status: 'pending', schemaHash: 'A' },
      { apply: [r('eu', 2, 'down', { schemaHash: 'A' })], status: 'pending', schemaHash: 'A' },
      { apply: [r('eu', 3, 'up')], status: 'pending', schemaHash: 'A' },
      { apply: hashed(4, 'B'), status: 'pending', schemaHash: 'B', effects: ['drift@4 A→B'] },
    ],
  },
  {
    name: 'drift and a transition from the same result are both reported',
    settings: single,
    steps: [
      { apply: [...hashed(0, 'A'), ...hashed(1, 'A')], status: 'up', schemaHash: 'A' },
      { apply: hashed(2, 'B', 'degraded'), status: 'up', schemaHash: 'A' },
      {
        apply: hashed(3, 'B', 'degraded'),
        status: 'degraded',
        schemaHash: 'B',
        effects: ['monitor.degraded@3 up→degraded [eu] open:degraded@2', 'drift@3 A→B'],
      },
    ],
  },
];

describe('applyResults: scenarios', () => {
  it.each(scenarios)('$name', ({ settings: config, steps }) => {
    let state = initialMachineState(slot(-1));
    for (const [index, step] of steps.entries()) {
      const outcome = applyResults(state, step.apply, config);
      const label = `step ${index}`;
      expect(outcome.state.status, label).toBe(step.status);
      expect(outcome.effects.map(summarize), label).toEqual(step.effects ?? []);
      if (step.schemaHash !== undefined) expect(outcome.state.schemaHash, label).toBe(step.schemaHash);
      state = outcome.state;
    }
  });
});

describe('applyResults: effect details', () => {
  it('carries the confirming results, the trigger error and the incident it opens and later closes', () => {
    const config = settings({ regions: ['eu', 'us'], regionQuorum: 2 });
    const start = applyResults(
      initialMachineState(slot(-1)),
      [...each(0, { eu: 'up', us: 'up' }), ...each(1, { eu: 'up', us: 'up' })],
      config,
    ).state;
    const earlier = [r('eu', 2, 'down'), r('eu', 3, 'down'), r('us', 2, 'down')];
    const afterEarlier = applyResults(start, earlier, config);
    expect(afterEarlier.effects).toEqual([]);

    const trigger = r('us', 3, 'down', { errorCode: 'http_error', errorMessage: 'HTTP 502' });
    const down = applyResults(afterEarlier.state, [trigger], config);
    expect(down.effects).toEqual([
      {
        type: 'transition',
        from: 'up',
        to: 'down',
        at: slot(3),
        event: 'monitor.down',
        regions: ['eu', 'us'],
        errorCode: 'http_error',
        errorMessage: 'HTTP 502',
        // eu's result came in an earlier batch: only its stored summary is left.
        results: [
          {
            region: 'eu',
            slot: slot(3),
            checkedAt: slot(3),
            status: 'down',
            errorCode: 'timeout',
            errorMessage: null,
            schemaHash: null,
            totalMs: 10_000,
            summarized: true,
          },
          trigger,
        ],
        // Both regions had been failing since their checks of minute 2: that is when the outage began.
        openIncident: { kind: 'down', startedAt: r('us', 2, 'down').checkedAt },
        dedupeKey: `monitor.down:${slot(3)}`,
      },
    ]);
    expect(down.state.since).toBe(r('us', 2, 'down').checkedAt);
    expect(down.state.openIncident).toEqual({
      id: `monitor.down:${slot(3)}`,
      kind: 'down',
      startedAt: r('us', 2, 'down').checkedAt,
    });

    const stored = { ...down.state, openIncident: { ...down.state.openIncident!, id: 'incident-row-id' } };
    const up = applyResults(
      stored,
      [...each(4, { eu: 'up', us: 'up' }), ...each(5, { eu: 'up', us: 'up' })],
      config,
    );
    expect(up.effects).toMatchObject([
      {
        event: 'monitor.up',
        regions: ['eu', 'us'],
        errorCode: null,
        errorMessage: null,
        results: [r('eu', 5, 'up'), r('us', 5, 'up')],
        // The first good checks of the recovery, at minute 4, end it.
        closeIncident: { id: 'incident-row-id', endedAt: r('eu', 4, 'up').checkedAt, durationMs: 120_000 },
        dedupeKey: `monitor.up:${slot(5)}`,
      },
    ]);
    expect(up.effects[0]).not.toHaveProperty('openIncident');
    expect(up.state.openIncident).toBeNull();
  });

  it('counts consecutive results per region and drops the state of regions no longer probed', () => {
    const before = applyResults(
      initialMachineState(slot(-1)),
      [r('eu', 0, 'up'), r('eu', 1, 'degraded'), r('us', 0, 'down')],
      settings({ regions: ['eu', 'us'] }),
    ).state;
    expect(before.regions).toEqual({
      eu: {
        region: 'eu',
        consecutiveFailures: 0,
        consecutiveSuccesses: 2,
        consecutiveSlow: 1,
        lastSlot: slot(1),
        lastStatus: 'degraded',
        lastErrorCode: null,
        lastTotalMs: 4_000,
        // The slow run began with the degraded result; the fast one before it is over.
        runStartedAt: r('eu', 1, 'degraded').checkedAt,
      },
      us: {
        region: 'us',
        consecutiveFailures: 1,
        consecutiveSuccesses: 0,
        consecutiveSlow: 0,
        lastSlot: slot(0),
        lastStatus: 'down',
        lastErrorCode: 'timeout',
        lastTotalMs: 10_000,
        runStartedAt: r('us', 0, 'down').checkedAt,
      },
    });
    const after = applyResults(before, [r('eu', 2, 'down')], settings({ regions: ['eu'] })).state;
    expect(Object.keys(after.regions)).toEqual(['eu']);
    expect(after.regions.eu).toMatchObject({
      consecutiveFailures: 1,
      consecutiveSuccesses: 0,
      consecutiveSlow: 0,
    });
  });

  it('leaves a paused monitor exactly as it was', () => {
    const state = initialMachineState(slot(0));
    const outcome = applyResults(state, [r('eu', 1, 'down'), r('eu', 2, 'down')], settings({ paused: true }));
    expect(outcome.state).toBe(state);
    expect(outcome.effects).toEqual([]);
  });
});

describe('applyResults: determinism', () => {
  const config = settings({ regions: ['eu', 'us', 'ap'] });
  const start = applyResults(
    initialMachineState(slot(-1)),
    [
      ...each(0, { eu: 'up', us: 'up', ap: 'up', extra: 'down' }),
      ...['eu', 'us', 'ap'].map((region) => r(region, 1, 'up', { schemaHash: 'A' })),
    ],
    config,
  ).state;
  const batch = [
    ...each(2, { eu: 'down', us: 'down', ap: 'up' }),
    ...each(3, { eu: 'down', us: 'down', ap: 'up' }),
    r('eu', 4, 'up', { schemaHash: 'B' }),
    r('us', 4, 'up', { schemaHash: 'B' }),
    r('ap', 4, 'up', { schemaHash: 'A' }),
    ...each(5, { eu: 'up', us: 'up', ap: 'up' }),
  ];

  it('gives the same state, effects and dedupeKeys when the same results are applied again', () => {
    const snapshot = structuredClone(start);
    const first = applyResults(start, batch, config);
    const second = applyResults(start, batch, config);
    expect(start).toEqual(snapshot);
    expect(second).toEqual(first);
    expect(first.effects.map((effect) => effect.dedupeKey)).toEqual([
      `monitor.down:${slot(3)}`,
      `schema.drift:B:${slot(4)}`,
      `monitor.up:${slot(5)}`,
    ]);
  });

  it('does not depend on delivery order or on how results are split into batches', () => {
    const whole = applyResults(start, batch, config);
    const reversed = applyResults(start, [...batch].reverse(), config);
    expect(reversed).toEqual(whole);

    let state: MonitorMachineState = start;
    const effects: MachineEffect[] = [];
    for (const result of batch) {
      const outcome = applyResults(state, [result], config);
      state = outcome.state;
      effects.push(...outcome.effects);
    }
    expect(effects.map((effect) => effect.dedupeKey)).toEqual(
      whole.effects.map((effect) => effect.dedupeKey),
    );
    expect(state.status).toBe(whole.state.status);
    expect(state.schemaHash).toBe('B');
  });
});

describe('effectiveQuorum', () => {
  it.each([
    { regions: 1, regionQuorum: null, quorum: 1 },
    { regions: 2, regionQuorum: null, quorum: 1 },
    { regions: 3, regionQuorum: null, quorum: 2 },
    { regions: 4, regionQuorum: null, quorum: 2 },
    { regions: 5, regionQuorum: null, quorum: 3 },
    { regions: 3, regionQuorum: 1, quorum: 1 },
    { regions: 3, regionQuorum: 5, quorum: 3 },
    { regions: 3, regionQuorum: 0, quorum: 1 },
  ])('$regions regions, quorum setting $regionQuorum → $quorum', ({ regions, regionQuorum, quorum }) => {
    const names = ['eu', 'us', 'ap', 'sa', 'af'].slice(0, regions);
    expect(effectiveQuorum({ regions: names, regionQuorum })).toBe(quorum);
  });
});

describe('applyResults: silent regions', () => {
  // eu, us and ap with a quorum of 2; ap's worker dies after minute 1.
  const config = settings({ regions: ['eu', 'us', 'ap'], silentAfterMs: 3 * 60_000 });
  const before = applyResults(
    initialMachineState(slot(-1)),
    [...each(0, { eu: 'up', us: 'up', ap: 'down' }), ...each(1, { eu: 'up', us: 'up', ap: 'down' })],
    config,
  ).state;

  it('does not let the stale failures of a silent region raise an alert', () => {
    // At minute 10, ap last reported 9 minutes ago: eu's failures are no quorum with ap's old ones.
    const outcome = applyResults(
      before,
      [...each(10, { eu: 'down', us: 'up' }), ...each(10.2, { eu: 'down', us: 'up' })],
      config,
    );
    expect(outcome.state.status).toBe('up');
    expect(outcome.effects).toEqual([]);
  });

  it('does not let a silent region block an outage the reporting regions confirm', () => {
    const strict = { ...config, regionQuorum: 3 };
    const outcome = applyResults(
      before,
      [...each(10, { eu: 'down', us: 'down' }), ...each(10.2, { eu: 'down', us: 'down' })],
      strict,
    );
    expect(outcome.effects.map(summarize)).toEqual([
      'monitor.down@10.2 up→down [eu,us] timeout open:down@10',
    ]);
  });

  it('counts a region again as soon as it reports, from a fresh run', () => {
    const back = applyResults(before, each(10, { eu: 'down', us: 'up', ap: 'down' }), config);
    // ap was failing when it fell silent: back, its run starts again, so one failure confirms nothing.
    expect(back.state.status).toBe('up');
    expect(back.state.regions.ap?.consecutiveFailures).toBe(1);
    const next = applyResults(back.state, each(10.2, { eu: 'down', us: 'up', ap: 'down' }), config);
    expect(next.effects.map(summarize)).toEqual(['monitor.down@10.2 up→down [eu,ap] timeout open:down@10']);
  });

  it('treats a region that never reported as silent once the monitor has been watched long enough', () => {
    const young = settings({ regions: ['eu', 'us'], regionQuorum: 2, watchedSince: slot(0) });
    const early = applyResults(initialMachineState(slot(0)), [r('eu', 1, 'up'), r('eu', 2, 'up')], young);
    expect(early.state.status).toBe('pending');
    const later = applyResults(early.state, [r('eu', 4, 'up')], young);
    expect(later.state.status).toBe('up');
  });
});

describe('applyResults: re-checks', () => {
  const fast = (overrides: Partial<MachineSettings> = {}) =>
    settings({ recheckDelayMs: 10_000, ...overrides });
  const at = (minute: number, seconds: number) =>
    minuteOf(new Date(T0 + minute * 60_000 + seconds * 1000).toISOString());

  it('re-checks a region shortly after a result that would change the status, until it is confirmed', () => {
    const up = applyResults(
      initialMachineState(slot(-1)),
      [r('eu', 0, 'up'), r('eu', 1, 'up')],
      fast(),
    ).state;
    const failed = applyResults(up, [r('eu', 2, 'down')], fast());
    expect(failed.effects.map(summarize)).toEqual([`recheck eu@${at(2, 11.5)}`]);
    const recheck = failed.effects[0]!;
    const confirmed = applyResults(
      failed.state,
      [r('eu', 2, 'down', { slot: recheck.at, checkedAt: recheck.at })],
      fast(),
    );
    expect(confirmed.state.status).toBe('down');
    expect(confirmed.effects.map(summarize)).toEqual([
      `monitor.down@${at(2, 11.5)} up→down [eu] timeout open:down@2`,
    ]);
  });

  it('asks for nothing while results agree with the status', () => {
    const up = applyResults(initialMachineState(slot(-1)), [r('eu', 0, 'up'), r('eu', 1, 'up')], fast());
    expect(up.effects.map(summarize)).toEqual([`recheck eu@${at(0, 11.5)}`]);
    expect(applyResults(up.state, [r('eu', 2, 'up')], fast()).effects).toEqual([]);
  });

  it('confirms a new monitor within a re-check instead of a second interval', () => {
    const first = applyResults(initialMachineState(slot(-1)), [r('eu', 0, 'up')], fast());
    expect(first.state.status).toBe('pending');
    expect(first.effects.map(summarize)).toEqual([`recheck eu@${at(0, 11.5)}`]);
  });

  it('has every other reporting region check at once when the first region sees a change', () => {
    const config = fast({ regions: ['eu', 'us', 'ap'] });
    const up = applyResults(
      initialMachineState(slot(-1)),
      [...each(0, { eu: 'up', us: 'up', ap: 'up' }), ...each(1, { eu: 'up', us: 'up', ap: 'up' })],
      config,
    ).state;
    const first = applyResults(up, [r('us', 2, 'down')], config);
    expect(first.effects.map(summarize)).toEqual([
      `recheck us@${at(2, 11.5)}`,
      `recheck eu@${at(2, 1.5)}`,
      `recheck ap@${at(2, 1.5)}`,
    ]);
    // The second region to fail only re-checks itself: the others were already asked.
    const second = applyResults(first.state, [r('eu', 2.05, 'down')], config);
    expect(second.effects.map(summarize)).toEqual([`recheck eu@${at(2.05, 11.5)}`]);
  });

  it('re-checks nothing once the region has confirmed and waits for the quorum', () => {
    const config = fast({ regions: ['eu', 'us'], regionQuorum: 2 });
    const up = applyResults(
      initialMachineState(slot(-1)),
      [...each(0, { eu: 'up', us: 'up' }), ...each(1, { eu: 'up', us: 'up' })],
      config,
    ).state;
    const outcome = applyResults(up, [r('eu', 2, 'down'), r('eu', 2.2, 'down')], config);
    expect(outcome.effects.map(summarize)).toEqual([`recheck eu@${at(2, 11.5)}`, `recheck us@${at(2, 1.5)}`]);
  });
});

describe('the incident timeline', () => {
  it('runs from the first failed check to the first good check: a 90 s outage seen by checks 10 s apart', () => {
    const config = settings({ recheckDelayMs: 10_000 });
    const check = (seconds: number, status: Kind) =>
      r('eu', 0, status, {
        slot: new Date(T0 + seconds * 1000).toISOString(),
        checkedAt: new Date(T0 + seconds * 1000).toISOString(),
      });
    let state = applyResults(
      initialMachineState(slot(-1)),
      [check(-60, 'up'), check(-50, 'up')],
      config,
    ).state;
    // The server dies at 0 s and is back at 90 s; checks at 5, 15 (re-check), 65 and 95, 105 (re-check).
    const effects: MachineEffect[] = [];
    for (const [seconds, status] of [
      [5, 'down'],
      [15, 'down'],
      [65, 'down'],
      [95, 'up'],
      [105, 'up'],
    ] as const) {
      const outcome = applyResults(state, [check(seconds, status)], config);
      state = outcome.state;
      effects.push(...outcome.effects.filter((effect) => effect.type === 'transition'));
    }
    const [down, up] = effects as Array<Extract<MachineEffect, { type: 'transition' }>>;
    expect(down?.openIncident?.startedAt).toBe(new Date(T0 + 5_000).toISOString());
    expect(up?.closeIncident?.endedAt).toBe(new Date(T0 + 95_000).toISOString());
    expect(up?.closeIncident?.durationMs).toBe(90_000);
  });
});

describe('a first check before saving', () => {
  it('counts as the first confirmation in every region', () => {
    const check = { status: 'up' as const, checkedAt: slot(0), errorCode: null, totalMs: 120 };
    const config = settings({ regions: ['eu', 'us'] });
    const state: MonitorMachineState = {
      ...initialMachineState(slot(0)),
      regions: {
        eu: regionStateAfterFirstCheck('eu', check),
        us: regionStateAfterFirstCheck('us', check),
      },
    };
    const outcome = applyResults(state, [r('eu', 0.1, 'up')], config);
    expect(outcome.state.status).toBe('up');
    expect(outcome.state.since).toBe(slot(0));
  });
});
