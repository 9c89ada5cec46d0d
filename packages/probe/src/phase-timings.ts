import type { ProbeTimings } from '@mcpulse/core';
import type { PhaseTimes } from './wire/phase-clock.js';

const PARTS = [
  ['dnsMs', 'dns'],
  ['connectMs', 'connect'],
  ['tlsMs', 'tls'],
  ['negotiationMs', 'negotiation'],
  ['handshakeMs', 'handshake'],
  ['toolsListMs', 'toolsList'],
  ['toolCallMs', 'toolCall'],
  ['otherMs', 'other'],
] as const;

/**
 * The timings of docs/probe.md, in milliseconds to the hundredth, rounded so
 * that the parts add up to the rounded total exactly (in hundredths): each
 * part is cut down, and the hundredths lost go to the parts that lost most.
 */
export function roundedTimings(times: PhaseTimes): ProbeTimings {
  const total = Math.round(times.total * 100);
  const present = PARTS.filter(([, part]) => times[part] !== null);
  const exact = present.map(([, part]) => (times[part] ?? 0) * 100);
  const cents = exact.map(Math.floor);
  const byLoss = exact.map((_, i) => i).sort((a, b) => exact[b]! - cents[b]! - (exact[a]! - cents[a]!));
  let left = total - cents.reduce((sum, part) => sum + part, 0);
  // `left` lies within [0, parts] when the parts add up to the total; floating point can push it one out.
  for (let i = 0; left > 0; i = (i + 1) % byLoss.length) {
    cents[byLoss[i]!]! += 1;
    left -= 1;
  }
  for (let i = byLoss.length - 1; left < 0; i = (i - 1 + byLoss.length) % byLoss.length) {
    if (cents[byLoss[i]!]! > 0) {
      cents[byLoss[i]!]! -= 1;
      left += 1;
    }
  }
  const timings: ProbeTimings = {
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    negotiationMs: null,
    handshakeMs: null,
    toolsListMs: null,
    toolCallMs: null,
    otherMs: 0,
    totalMs: total / 100,
  };
  present.forEach(([key], i) => {
    timings[key] = cents[i]! / 100;
  });
  return timings;
}
