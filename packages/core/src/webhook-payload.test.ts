import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_TYPES } from './domain/event-values.js';
import {
  LEGACY_HTTP,
  MODERN_HTTP,
  MONITOR as monitor,
  OCCURRED_AT as occurredAt,
  RESULT as result,
  STORED,
} from './test-support/stored-events.js';
import { buildWebhookEvent, webhookEventSchema } from './webhook-payload.js';

describe('webhook payloads', () => {
  it('builds the standard envelope of a confirmed down with its regions, results and error', () => {
    const event = buildWebhookEvent(STORED.down!);
    expect(event).toEqual({
      id: STORED.down!.id,
      type: 'monitor.down',
      timestamp: '2026-11-26T10:01:30.000Z',
      data: {
        monitor,
        from: 'up',
        to: 'down',
        regions: ['eu-west'],
        results: [result],
        error: { code: 'timeout', message: 'no answer' },
      },
    });
  });

  it('carries the downtime on recovery, and the diff and breaking flag on drift', () => {
    const up = buildWebhookEvent(STORED.up!);
    expect(up.type === 'monitor.up' && up.data).toMatchObject({ downtimeMs: 754_000, degradedMs: 0 });
    const drift = buildWebhookEvent(STORED.drift!);
    expect(drift).toMatchObject({
      type: 'schema.drift',
      data: {
        breaking: true,
        regions: [],
        results: [],
        error: null,
        diff: { removed: [{ name: 'search' }] },
      },
    });
  });

  it('reads the phases a result stored before they were timed did not have as not measured', () => {
    const payload = STORED.down!.payload as Record<string, unknown>;
    const { negotiationMs, toolCallMs, otherMs, ...older } = result.timings;
    const event = buildWebhookEvent({
      ...STORED.down!,
      payload: { ...payload, results: [{ ...result, timings: older }] },
    });
    expect(event.data.results[0]?.timings).toEqual({
      ...older,
      negotiationMs: null,
      toolCallMs: null,
      otherMs: null,
    });
  });

  it('counts a degraded incident as degraded time, not downtime, as uptime does', () => {
    const payload = STORED.up!.payload as Record<string, unknown>;
    const recovered = buildWebhookEvent({ ...STORED.up!, payload: { ...payload, from: 'degraded' } });
    expect(recovered.type === 'monitor.up' && recovered.data).toMatchObject({
      downtimeMs: 0,
      degradedMs: 754_000,
    });
    const unknown = buildWebhookEvent({ ...STORED.up!, payload: { ...payload, downtimeMs: undefined } });
    expect(unknown.type === 'monitor.up' && unknown.data).toMatchObject({
      downtimeMs: null,
      degradedMs: null,
    });
  });

  it('says why a drift has no diff, reading events stored before the reason was recorded as not stored', () => {
    const payload = STORED.drift!.payload as Record<string, unknown>;
    const withDiff = buildWebhookEvent(STORED.drift!);
    expect(withDiff.type === 'schema.drift' && withDiff.data.diffUnavailable).toBeNull();
    const older = buildWebhookEvent({
      ...STORED.drift!,
      payload: { ...payload, diff: null, breaking: null },
    });
    expect(older.type === 'schema.drift' && older.data.diffUnavailable).toBe('not_stored');
    const omitted = buildWebhookEvent({
      ...STORED.drift!,
      payload: { ...payload, diff: null, breaking: null, diffUnavailable: 'too_frequent' },
    });
    expect(omitted.type === 'schema.drift' && omitted.data.diffUnavailable).toBe('too_frequent');
  });

  it('marks a drift across a protocol change, and reads drifts stored before as across none', () => {
    const payload = STORED.drift!.payload as Record<string, unknown>;
    const older = buildWebhookEvent(STORED.drift!);
    expect(older.type === 'schema.drift' && older.data.protocolChange).toBeNull();
    const across = buildWebhookEvent({
      ...STORED.drift!,
      payload: { ...payload, protocolChange: { from: LEGACY_HTTP, to: MODERN_HTTP } },
    });
    expect(across.type === 'schema.drift' && across.data.protocolChange).toEqual({
      from: LEGACY_HTTP,
      to: MODERN_HTTP,
    });
  });

  it('builds a protocol change with both protocols, the parts that changed and where it was first seen', () => {
    expect(buildWebhookEvent(STORED.protocol!)).toEqual({
      id: STORED.protocol!.id,
      type: 'protocol.changed',
      timestamp: '2026-11-26T10:01:30.000Z',
      data: {
        monitor,
        regions: [],
        results: [],
        error: null,
        from: LEGACY_HTTP,
        to: MODERN_HTTP,
        changed: ['era', 'protocolVersion'],
        firstSeenAt: '2026-11-26T10:01:00.000Z',
      },
    });
  });

  it('refuses a protocol that is not one the probe reports, or a version past its storable length', () => {
    const payload = STORED.protocol!.payload as Record<string, unknown>;
    const withTo = (to: unknown) => () =>
      buildWebhookEvent({ ...STORED.protocol!, payload: { ...payload, to } });
    expect(withTo({ ...MODERN_HTTP, era: 'future' })).toThrow();
    expect(withTo({ ...MODERN_HTTP, transport: 'websocket' })).toThrow();
    expect(withTo({ ...MODERN_HTTP, protocolVersion: 'x'.repeat(65) })).toThrow();
    expect(() => buildWebhookEvent({ ...STORED.protocol!, payload: { ...payload, changed: [] } })).toThrow();
  });

  it('builds a test event without a monitor', () => {
    const event = buildWebhookEvent({ id: STORED.down!.id, type: 'webhook.test', occurredAt, payload: {} });
    expect(event).toMatchObject({
      type: 'webhook.test',
      data: { monitor: null, message: expect.any(String) },
    });
  });

  it('refuses to build a payload that breaks the published schema', () => {
    expect(() => buildWebhookEvent({ ...STORED.down!, payload: { monitor: { id: 'x' } } })).toThrow();
  });

  it('has a JSON Schema with one member per event type', () => {
    const schema = z.toJSONSchema(webhookEventSchema) as { $defs: Record<string, { oneOf?: unknown[] }> };
    expect(schema.$defs.WebhookEvent?.oneOf).toHaveLength(EVENT_TYPES.length);
  });
});
