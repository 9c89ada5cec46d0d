import { PROBE_ERROR_CODES } from '@mcpulse/core/domain';
import { describe, expect, it } from 'vitest';
import { describePhase, describeProbeError, PROBE_ERROR_WORDS } from '../../src/lib/probe-errors.js';

describe('probe errors in plain words', () => {
  it('explains every error code PROBE.md defines, and nothing else', () => {
    expect(Object.keys(PROBE_ERROR_WORDS).sort()).toEqual([...PROBE_ERROR_CODES].sort());
    for (const code of PROBE_ERROR_CODES) {
      const words = describeProbeError(code);
      expect(words).toMatch(/^[A-Z].*\.$/);
      expect(words).not.toContain('_');
    }
  });

  it('says what not_mcp means', () => {
    expect(describeProbeError('not_mcp')).toBe(
      'The URL answers HTTP, but not with MCP (it returned an HTML page or plain text).',
    );
  });

  it('still reads sensibly for a code from a newer server', () => {
    expect(describeProbeError('quantum_flux')).toBe('The check failed (quantum flux).');
  });

  it('names the phase', () => {
    expect(describePhase('tools_list')).toBe('listing tools');
    expect(describePhase(null)).toBeNull();
  });
});
