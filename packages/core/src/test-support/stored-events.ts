import type { StoredWebhookEvent } from '../webhook-payload.js';

export const MONITOR = {
  id: '6f1c1c52-5d4c-4b53-9d1e-0d7f4f7a8b10',
  name: 'Docs MCP',
  url: 'https://mcp.example.com/mcp',
};
export const OCCURRED_AT = new Date('2026-11-26T10:01:30.000Z');
export const RESULT = {
  region: 'eu-west',
  slot: '2026-11-26T10:01:30.000Z',
  checkedAt: '2026-11-26T10:01:30.120Z',
  status: 'down',
  errorCode: 'timeout',
  errorMessage: 'no answer',
  totalMs: 10_000,
  timings: {
    dnsMs: 1.2,
    connectMs: 0.8,
    tlsMs: null,
    negotiationMs: null,
    handshakeMs: 9997.5,
    toolsListMs: null,
    toolCallMs: null,
    otherMs: 0.5,
    totalMs: 10_000,
  },
};

export const LEGACY_HTTP = { era: 'legacy', protocolVersion: '2025-11-25', transport: 'streamable-http' };
export const MODERN_HTTP = { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' };

/** Events exactly as ingest stores them (packages/engine/src/ingest/effects-store.ts). */
export const STORED: Record<string, StoredWebhookEvent> = {
  down: {
    id: '0b6f2d2e-1f38-4d38-9f0c-6cf0b8d1c001',
    type: 'monitor.down',
    occurredAt: OCCURRED_AT,
    payload: {
      monitor: MONITOR,
      from: 'up',
      to: 'down',
      regions: ['eu-west'],
      error: { code: 'timeout', message: 'no answer' },
      results: [RESULT],
    },
  },
  up: {
    id: '0b6f2d2e-1f38-4d38-9f0c-6cf0b8d1c002',
    type: 'monitor.up',
    occurredAt: OCCURRED_AT,
    payload: {
      monitor: MONITOR,
      from: 'down',
      to: 'up',
      regions: ['eu-west', 'us-east'],
      error: null,
      results: [{ ...RESULT, status: 'up', errorCode: null, errorMessage: null, totalMs: 40 }],
      downtimeMs: 754_000,
    },
  },
  drift: {
    id: '0b6f2d2e-1f38-4d38-9f0c-6cf0b8d1c003',
    type: 'schema.drift',
    occurredAt: OCCURRED_AT,
    payload: {
      monitor: MONITOR,
      fromHash: 'a'.repeat(64),
      toHash: 'b'.repeat(64),
      breaking: true,
      diff: {
        identical: false,
        breaking: true,
        added: [],
        removed: [{ name: 'search', class: 'breaking' }],
        changed: [],
        descriptionChanges: [],
      },
    },
  },
  protocol: {
    id: '0b6f2d2e-1f38-4d38-9f0c-6cf0b8d1c004',
    type: 'protocol.changed',
    occurredAt: OCCURRED_AT,
    payload: {
      monitor: MONITOR,
      from: LEGACY_HTTP,
      to: MODERN_HTTP,
      changed: ['era', 'protocolVersion'],
      firstSeenAt: '2026-11-26T10:01:00.000Z',
    },
  },
};
