import { describe, expect, it } from 'vitest';
import type {
  MachineEffect,
  MachineSettings,
  MonitorMachineState,
  MonitorStatus,
  ObservedResult,
} from './monitor-machine-types.js';
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
  return { regions: ['eu'], confirmations: 2, regionQuorum: null, paused: false, ...overrides };
}

/** An effect in one line, so a table row can list what it expects at a glance. */
function summarize(effect: MachineEffect): string {
  if (effect.type === 'drift') return `drift@${minuteOf(effect.at)} ${effect.fromHash}→${effect.toHash}`;
  const parts = [
    `${effect.event}@${minuteOf(effect.at)}`,
    `${effect.from}→${effect.to}`,
    `[${effect.regions.join(',')}]`,
  ];
  if (effect.errorCode !== null) parts.push(effect.errorCode);
  if (effect.closeIncident) parts.push(`close:${effect.closeIncident.durationMs / 60_000}m`);
  if (effect.openIncident) parts.push(`open:${effect.openIncident.kind}`);
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
        effects: ['monitor.down@3 up→down [eu] timeout open:down'],
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
        effects: ['monitor.down@3 up→down [eu,ap] timeout open:down'],
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
        effects: ['monitor.down@3 up→down [eu] timeout open:down'],
      },
      // Once no region confirms down, the regions that kept succeeding confirm up.
      {
        apply: each(4, { eu: 'up', us: 'up', ap: 'up' }),
        status: 'up',
        effects: ['monitor.up@4 down→up [us,ap] close:1m'],
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
        effects: ['monitor.down@1 up→down [eu] timeout open:down'],
      },
      {
        apply: [r('eu', 2, 'degraded')],
        status: 'degraded',
        effects: ['monitor.degraded@2 down→degraded [eu] close:1m open:degraded'],
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
        effects: ['monitor.degraded@3 up→degraded [eu] open:degraded'],
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
        effects: ['monitor.down@3 up→down [eu] timeout open:down'],
      },
      { apply: [r('eu', 4, 'degraded')], status: 'down' },
      {
        apply: [r('eu', 5, 'degraded')],
        status: 'degraded',
        effects: ['monitor.degraded@5 down→degraded [eu] close:2m open:degraded'],
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
        effects: ['monitor.down@1 pending→down [eu] timeout open:down'],
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
        effects: ['monitor.degraded@1 pending→degraded [eu] open:degraded'],
      },
      {
        apply: [r('eu', 2, 'down'), r('eu', 3, 'down')],
        status: 'down',
        effects: ['monitor.down@3 degraded→down [eu] timeout close:2m open:down'],
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
        effects: ['monitor.down@1 pending→down [eu] dns_failure open:down'],
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
        effects: ['monitor.down@4 up→down [eu] timeout open:down'],
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
        effects: ['monitor.degraded@3 up→degraded [eu] open:degraded', 'drift@3 A→B'],
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
          },
          trigger,
        ],
        openIncident: { kind: 'down', startedAt: slot(3) },
        dedupeKey: `monitor.down:${slot(3)}`,
      },
    ]);
    expect(down.state.since).toBe(slot(3));
    expect(down.state.openIncident).toEqual({
      id: `monitor.down:${slot(3)}`,
      kind: 'down',
      startedAt: slot(3),
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
        closeIncident: { id: 'incident-row-id', endedAt: slot(5), durationMs: 120_000 },
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
