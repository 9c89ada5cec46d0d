import type { ParseArgsConfig } from 'node:util';
import type { CanaryExpectation } from '@mcpulse/core';
import { parseJsonPath } from '@mcpulse/core/domain';
import type { CanaryCall } from '../probe-options.js';
import { parseDuration } from './parse-duration.js';
import { UsageError } from './usage-error.js';

/** The tool-call canary's options, on the commands that judge a check (`probe`, `wait`). */
export const CANARY_FLAGS = {
  'call-tool': { type: 'string' },
  args: { type: 'string' },
  'expect-text': { type: 'string' },
  'expect-path': { type: 'string' },
  'expect-equals': { type: 'string' },
  'tool-timeout': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export interface CanaryFlagValues {
  'call-tool'?: string;
  args?: string;
  'expect-text'?: string;
  'expect-path'?: string;
  'expect-equals'?: string;
  'tool-timeout'?: string;
}

function parseJsonFlag(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag} must be JSON: ${(error as Error).message}`);
  }
}

function expectationFrom(values: CanaryFlagValues): CanaryExpectation | null {
  const text = values['expect-text'];
  const path = values['expect-path'];
  const equals = values['expect-equals'];
  if (text !== undefined && (path !== undefined || equals !== undefined)) {
    throw new UsageError(
      '--expect-text and --expect-path cannot be combined: the canary checks one expectation',
    );
  }
  if (text !== undefined) {
    if (text === '') throw new UsageError('--expect-text needs a text to look for');
    return { kind: 'contains', text };
  }
  if (path === undefined && equals === undefined) return null;
  if (path === undefined || equals === undefined) {
    throw new UsageError('--expect-path and --expect-equals go together');
  }
  const parsed = parseJsonPath(path);
  if ('error' in parsed) throw new UsageError(`--expect-path ${parsed.error}`);
  return { kind: 'json_path', path, equals: parseJsonFlag('--expect-equals', equals) };
}

/** The canary the flags ask for, or null without `--call-tool`; its other flags need that one. */
export function canaryFrom(values: CanaryFlagValues): CanaryCall | null {
  const tool = values['call-tool'];
  if (tool === undefined) {
    const stray = (['args', 'expect-text', 'expect-path', 'expect-equals', 'tool-timeout'] as const).find(
      (flag) => values[flag] !== undefined,
    );
    if (stray) throw new UsageError(`--${stray} needs --call-tool`);
    return null;
  }
  if (tool === '') throw new UsageError('--call-tool needs a tool name');
  const args = values.args === undefined ? {} : parseJsonFlag('--args', values.args);
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new UsageError('--args must be a JSON object, e.g. \'{"query": "status"}\'');
  }
  const canary: CanaryCall = {
    tool,
    arguments: args as Record<string, unknown>,
    expect: expectationFrom(values),
  };
  if (values['tool-timeout'] !== undefined) {
    canary.timeoutMs = parseDuration('--tool-timeout', values['tool-timeout'], 'ms');
  }
  return canary;
}
