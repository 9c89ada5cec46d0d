import { describe, expect, it } from 'vitest';
import { type AuditInput, auditBucketOf } from './directory-values.js';

const down = (errorCode: AuditInput['errorCode'], httpAlive = false): AuditInput => ({
  status: 'down',
  errorCode,
  httpAlive,
  authRequired: false,
});

describe('auditBucketOf', () => {
  it('counts up and degraded checks as MCP up', () => {
    expect(auditBucketOf({ status: 'up', errorCode: null, httpAlive: true, authRequired: false })).toBe(
      'mcp_up',
    );
    expect(auditBucketOf({ status: 'degraded', errorCode: null, httpAlive: true, authRequired: false })).toBe(
      'mcp_up',
    );
  });

  it('puts an endpoint that asked for authorization in auth required, up in discovery mode or not', () => {
    expect(auditBucketOf({ status: 'up', errorCode: null, httpAlive: true, authRequired: true })).toBe(
      'auth_required',
    );
    expect(auditBucketOf(down('auth_discovery_failed', true))).toBe('auth_required');
    expect(auditBucketOf(down('auth_failed', true))).toBe('auth_required');
  });

  it('never counts a refused address as refused', () => {
    expect(auditBucketOf(down('blocked_address'))).toBe('blocked_address');
    expect(auditBucketOf(down('connection_refused'))).toBe('refused');
    expect(auditBucketOf(down('connection_reset'))).toBe('refused');
  });

  it('puts every failure after an HTTP answer in HTTP alive, MCP dead, timeouts included', () => {
    for (const code of ['http_error', 'not_mcp', 'invalid_response', 'rpc_error', 'timeout'] as const)
      expect(auditBucketOf(down(code, true))).toBe('http_alive_mcp_dead');
  });

  it('sorts network failures by kind', () => {
    expect(auditBucketOf(down('dns_failure'))).toBe('dns');
    expect(auditBucketOf(down('tls_error'))).toBe('tls');
    expect(auditBucketOf(down('connect_timeout'))).toBe('timeout');
    expect(auditBucketOf(down('timeout'))).toBe('timeout');
  });
});
