import { describe, expect, it } from 'vitest';
import type {
  MachineEffect,
  MachineSettings,
  MonitorMachineState,
  ObservedResult,
} from './monitor-machine-types.js';
import { applyResults, initialMachineState } from './monitor-state-machine.js';
import type { ProtocolIdentity } from './protocol-identity.js';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const slot = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
const minuteOf = (iso: string): number => (Date.parse(iso) - T0) / 60_000;

const LEGACY: ProtocolIdentity = {
  era: 'legacy',
  protocolVersion: '2025-11-25',
  transport: 'streamable-http',
};
const MODERN: ProtocolIdentity = {
  era: 'modern',
  protocolVersion: '2026-07-28',
  transport: 'streamable-http',
};
const SSE: ProtocolIdentity = { era: 'legacy', protocolVersion: '2025-11-25', transport: 'sse' };

interface Seen {
  protocol?: ProtocolIdentity | null;
  version?: string | null;
  hash?: string | null;
  status?: ObservedResult['status'];
}

/** One result of `region` at `minute`: by default up, legacy, 1.0.0, hash A. */
function r(region: string, minute: number, seen: Seen = {}): ObservedResult {
  const status = seen.status ?? 'up';
  return {
    region,
    slot: slot(minute),
    checkedAt: slot(minute),
    status,
    errorCode: status === 'down' ? 'timeout' : null,
    errorMessage: null,
    schemaHash: seen.hash === undefined ? (status === 'down' ? null : 'A') : seen.hash,
    totalMs: 100,
    protocol: seen.protocol === undefined ? LEGACY : seen.protocol,
    server: { name: 'docs', version: seen.version === undefined ? '1.0.0' : seen.version },
  };
}

function settings(regions: string[]): MachineSettings {
  return {
    regions,
    confirmations: 2,
    regionQuorum: null,
    paused: false,
    silentAfterMs: 10 * 60_000,
    watchedSince: slot(-1),
    recheckDelayMs: null,
  };
}

/** A server change in one line; transitions are left out, they are the state machine's other tests. */
function summarize(effect: MachineEffect): string | null {
  const at = (iso: string) => minuteOf(iso);
  switch (effect.type) {
    case 'protocol':
      return `protocol@${at(effect.at)} ${effect.from.protocolVersion}/${effect.from.transport}→${effect.to.protocolVersion}/${effect.to.transport} [${effect.changed}] since ${at(effect.firstSeenAt)}`;
    case 'release':
      return `release@${at(effect.at)} ${effect.fromVersion}→${effect.toVersion} (${effect.serverName}) since ${at(effect.firstSeenAt)}`;
    case 'drift':
      return `drift@${at(effect.at)} ${effect.fromHash}→${effect.toHash}${
        effect.protocolChange
          ? ` across ${effect.protocolChange.from.protocolVersion}→${effect.protocolChange.to.protocolVersion}`
          : ''
      }`;
    default:
      return null;
  }
}

/** Applies each batch in turn and lists the server changes each one produced. */
function run(
  regions: string[],
  batches: ObservedResult[][],
): { effects: string[][]; state: MonitorMachineState } {
  let state = initialMachineState(slot(-1));
  const effects: string[][] = [];
  for (const batch of batches) {
    const outcome = applyResults(state, batch, settings(regions));
    effects.push(outcome.effects.map(summarize).filter((line): line is string => line !== null));
    state = outcome.state;
  }
  return { effects, state };
}

describe('protocol changes', () => {
  it('adopts the first protocol silently and confirms a new one seen twice in a row', () => {
    const { effects, state } = run(
      ['eu'],
      [
        [r('eu', 0)],
        [r('eu', 1, { protocol: MODERN, hash: 'A' })],
        [r('eu', 2, { protocol: MODERN, hash: 'A' })],
      ],
    );
    expect(effects).toEqual([
      [],
      [],
      ['protocol@2 2025-11-25/streamable-http→2026-07-28/streamable-http [era,protocolVersion] since 1'],
    ]);
    expect(state.protocol).toEqual({ confirmed: MODERN, candidate: null, seen: 0, candidateSince: null });
  });

  it('reports a fall-back to HTTP+SSE as a change of transport only', () => {
    const { effects } = run(
      ['eu'],
      [[r('eu', 0), r('eu', 1, { protocol: SSE }), r('eu', 2, { protocol: SSE })]],
    );
    expect(effects).toEqual([['protocol@2 2025-11-25/streamable-http→2025-11-25/sse [transport] since 1']]);
  });

  it('never confirms what one odd region alone sees while another reports between its results', () => {
    const batches = [0, 1, 2, 3, 4, 5].map((minute) => [
      r('eu', minute),
      r('us', minute + 0.5, { protocol: SSE, version: '0.9.0' }),
    ]);
    const { effects, state } = run(['eu', 'us'], batches);
    expect(effects.flat()).toEqual([]);
    expect(state.protocol.confirmed).toEqual(LEGACY);
    expect(state.release.confirmed).toBe('1.0.0');
  });

  it('counts a result whose handshake completed even when it failed later, and skips one without a handshake', () => {
    const { effects } = run(
      ['eu'],
      [
        [r('eu', 0)],
        [r('eu', 1, { protocol: MODERN, status: 'down' })],
        // Nothing answered: no protocol, so the streak neither breaks nor grows.
        [r('eu', 2, { protocol: null, version: null, status: 'down' })],
        [r('eu', 3, { protocol: MODERN })],
      ],
    );
    expect(effects[3]).toEqual([
      'protocol@3 2025-11-25/streamable-http→2026-07-28/streamable-http [era,protocolVersion] since 1',
    ]);
  });

  it('resets the streak when the confirmed protocol comes back in between', () => {
    const { effects } = run(
      ['eu'],
      [[r('eu', 0), r('eu', 1, { protocol: MODERN }), r('eu', 2), r('eu', 3, { protocol: MODERN })]],
    );
    expect(effects).toEqual([[]]);
  });
});

describe('release markers', () => {
  it('adopts the first version silently and marks a new one where it was first seen', () => {
    const { effects } = run(
      ['eu', 'us'],
      [[r('eu', 0), r('us', 0.5), r('eu', 1, { version: '1.4.2' }), r('us', 1.5, { version: '1.4.2' })]],
    );
    expect(effects).toEqual([['release@1.5 1.0.0→1.4.2 (docs) since 1']]);
  });

  it('takes a blank or missing version as no release, not as a change', () => {
    const { effects, state } = run(
      ['eu'],
      [
        [
          r('eu', 0),
          r('eu', 1, { version: '' }),
          r('eu', 2, { version: null }),
          r('eu', 3, { version: '   ' }),
        ],
      ],
    );
    expect(effects).toEqual([[]]);
    expect(state.release.confirmed).toBe('1.0.0');
  });

  it('marks a rollback as a release too', () => {
    const { effects } = run(
      ['eu'],
      [
        [r('eu', 0), r('eu', 1, { version: '2.0.0' }), r('eu', 2, { version: '2.0.0' })],
        [r('eu', 3), r('eu', 4)],
      ],
    );
    expect(effects).toEqual([
      ['release@2 1.0.0→2.0.0 (docs) since 1'],
      ['release@4 2.0.0→1.0.0 (docs) since 3'],
    ]);
  });
});

describe('a drift across a protocol change', () => {
  it('is marked when the server moves to another era and its tools hash differently there', () => {
    const upgraded = { protocol: MODERN, version: '2.0.0', hash: 'B' };
    const { effects, state } = run(
      ['eu'],
      [
        [r('eu', 0), r('eu', 1)],
        [r('eu', 2, upgraded), r('eu', 3, upgraded)],
      ],
    );
    expect(effects[1]).toEqual([
      'protocol@3 2025-11-25/streamable-http→2026-07-28/streamable-http [era,protocolVersion] since 2',
      'release@3 1.0.0→2.0.0 (docs) since 2',
      'drift@3 A→B across 2025-11-25→2026-07-28',
    ]);
    expect(state.schemaProtocol).toEqual(MODERN);
  });

  it('is marked when the tools settle a check after the protocol did', () => {
    const { effects } = run(
      ['eu'],
      [
        [r('eu', 0)],
        [r('eu', 1, { protocol: MODERN, hash: 'B' }), r('eu', 2, { protocol: MODERN, hash: 'C' })],
        [r('eu', 3, { protocol: MODERN, hash: 'C' })],
      ],
    );
    expect(effects.flat()).toEqual([
      'protocol@2 2025-11-25/streamable-http→2026-07-28/streamable-http [era,protocolVersion] since 1',
      'drift@3 A→C across 2025-11-25→2026-07-28',
    ]);
  });

  it('is not marked when the protocol stayed, nor for a later drift in the new era', () => {
    const modern = (minute: number, hash: string) => r('eu', minute, { protocol: MODERN, hash });
    const { effects } = run(
      ['eu'],
      [
        [r('eu', 0), r('eu', 1, { hash: 'B' }), r('eu', 2, { hash: 'B' })],
        [modern(3, 'C'), modern(4, 'C')],
        [modern(5, 'D'), modern(6, 'D')],
      ],
    );
    expect(effects).toEqual([
      ['drift@2 A→B'],
      [
        'protocol@4 2025-11-25/streamable-http→2026-07-28/streamable-http [era,protocolVersion] since 3',
        'drift@4 B→C across 2025-11-25→2026-07-28',
      ],
      ['drift@6 C→D'],
    ]);
  });

  it('is not marked for an odd region whose protocol was never confirmed', () => {
    const { effects } = run(
      ['eu', 'us'],
      [
        [r('eu', 0), r('us', 0.5, { protocol: SSE })],
        [r('eu', 1, { hash: 'B' }), r('us', 1.5, { protocol: SSE, hash: 'B' })],
      ],
    );
    expect(effects.flat()).toEqual(['drift@1.5 A→B']);
  });

  it('gives the same effects and keys whatever the batching', () => {
    const results = [
      r('eu', 0),
      r('eu', 1, { protocol: MODERN, version: '2', hash: 'B' }),
      r('eu', 2, { protocol: MODERN, version: '2', hash: 'B' }),
    ];
    const keys = (batches: ObservedResult[][]) => {
      let state = initialMachineState(slot(-1));
      return batches.flatMap((batch) => {
        const outcome = applyResults(state, batch, settings(['eu']));
        state = outcome.state;
        return outcome.effects
          .filter((effect) => effect.type !== 'transition')
          .map((effect) => effect.dedupeKey);
      });
    };
    expect(keys([results])).toEqual(keys(results.map((result) => [result])));
    expect(keys([results])).toEqual([
      `protocol.changed:modern/streamable-http/2026-07-28:${slot(2)}`,
      `release:${slot(2)}`,
      `schema.drift:B:${slot(2)}`,
    ]);
  });
});
