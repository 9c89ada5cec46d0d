import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  bool,
  csv,
  logLevel,
  nonNegativeInt,
  port,
  positiveInt,
  recheckDelaySeconds,
  secretKey,
  trustProxy,
  url,
} from './env-fields.js';

function accepts<T>(field: z.ZodType<T>, value: string): T {
  const result = field.safeParse(value);
  if (!result.success) throw new Error(`rejected ${JSON.stringify(value)}: ${result.error.message}`);
  return result.data;
}

function rejects(field: z.ZodType, value: string): string | undefined {
  const result = field.safeParse(value);
  expect(result.success, `accepted ${JSON.stringify(value)}`).toBe(false);
  return result.error?.issues[0]?.message;
}

describe('port', () => {
  it.each([
    ['1', 1],
    ['65535', 65_535],
    [' 8080 ', 8080],
  ])('accepts %j', (value, expected) => {
    expect(accepts(port(), value)).toBe(expected);
  });

  it.each(['0', '65536', 'abc', '80.5', '-1', '1e3', '0x50'])('rejects %j', (value) => {
    expect(rejects(port(), value)).toBe('expected an integer between 1 and 65535');
  });
});

describe('recheckDelaySeconds', () => {
  it('reads seconds into milliseconds, 0 as off, and defaults to 10 s', () => {
    expect(accepts(recheckDelaySeconds(), '5')).toBe(5_000);
    expect(accepts(recheckDelaySeconds(), '0')).toBeNull();
    expect(recheckDelaySeconds().parse(undefined)).toBe(10_000);
  });

  it.each(['61', '-1', '2.5', 'soon'])('rejects %j', (value) => {
    expect(rejects(recheckDelaySeconds(), value)).toBe(
      'expected 0 (off) or a number of seconds from 1 to 60',
    );
  });
});

describe('positiveInt', () => {
  it('accepts whole numbers from 1', () => {
    expect(accepts(positiveInt(), '1')).toBe(1);
    expect(accepts(positiveInt(), '250000')).toBe(250_000);
  });

  it.each(['0', '-3', '2.5', 'ten', '99999999999999999999'])('rejects %j', (value) => {
    expect(rejects(positiveInt(), value)).toBe('expected a positive integer');
  });
});

describe('nonNegativeInt', () => {
  it('takes 0 and positive integers', () => {
    expect(accepts(nonNegativeInt(), '0')).toBe(0);
    expect(accepts(nonNegativeInt(), '2000')).toBe(2_000);
  });
  it.each(['-1', '1.5', 'two', ''])('refuses %j', (value) => {
    expect(rejects(nonNegativeInt(), value)).toBe('expected 0 or a positive integer');
  });
});

describe('url', () => {
  it('accepts any absolute URL without a protocol list and keeps it as given', () => {
    expect(accepts(url(), 'redis://cache:6379')).toBe('redis://cache:6379');
  });

  it('accepts protocols written with or without a colon, in any case', () => {
    expect(accepts(url(['HTTPS:']), 'https://example.com/mcp')).toBe('https://example.com/mcp');
  });

  it.each(['not a url', '/relative/path', 'example.com'])('rejects %j', (value) => {
    expect(rejects(url(), value)).toBe('expected a URL');
  });

  it('rejects a protocol outside the list', () => {
    expect(rejects(url(['redis', 'rediss']), 'http://cache:6379')).toBe(
      'expected a URL starting with redis:// or rediss://',
    );
  });
});

describe('bool', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['No', false],
  ])('reads %j', (value, expected) => {
    expect(accepts(bool(), value)).toBe(expected);
  });

  it.each(['on', 'off', 'y', '2'])('rejects %j', (value) => {
    expect(rejects(bool(), value)).toBe('expected one of true, false, 1, 0, yes, no');
  });
});

describe('trustProxy', () => {
  it.each([
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', true],
    ['hops:1', 1],
    ['HOPS:2', 2],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.1, 192.168.0.0/16,::1', ['10.0.0.1', '192.168.0.0/16', '::1']],
    ['fd00::/8', ['fd00::/8']],
  ])('reads %j', (value, expected) => {
    expect(accepts(trustProxy(), value)).toEqual(expected);
  });

  it.each(['2', 'hops:0', 'hops:21', 'maybe', 'proxy.example.com', '10.0.0.0/8,'])('rejects %j', (value) => {
    expect(rejects(trustProxy(), value)).toMatch(/^expected true, false, hops:N/);
  });
});

describe('csv', () => {
  it('splits, trims and drops blank items', () => {
    expect(accepts(csv(), ' a, b ,,c ,')).toEqual(['a', 'b', 'c']);
    expect(accepts(csv(), 'single')).toEqual(['single']);
  });
});

describe('logLevel', () => {
  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', 'WARN'])('accepts %j', (value) => {
    expect(accepts(logLevel(), value)).toBe(value.toLowerCase());
  });

  it('rejects names pino does not know', () => {
    expect(rejects(logLevel(), 'verbose')).toBe(
      'expected one of fatal, error, warn, info, debug, trace, silent',
    );
  });
});

describe('secretKey', () => {
  const bytes = Buffer.from(Array.from({ length: 32 }, (_, index) => (index * 37 + 251) % 256));

  it('reads 64 hex characters', () => {
    expect(accepts(secretKey(), bytes.toString('hex').toUpperCase()).equals(bytes)).toBe(true);
  });

  it('reads standard and URL-safe base64, padded or not', () => {
    expect(accepts(secretKey(), bytes.toString('base64')).equals(bytes)).toBe(true);
    expect(accepts(secretKey(), bytes.toString('base64url')).equals(bytes)).toBe(true);
  });

  it.each([
    ['a 31-byte key', Buffer.alloc(31).toString('hex')],
    ['a 33-byte key', Buffer.alloc(33).toString('base64')],
    ['hex with a stray character', `${'a'.repeat(63)}g`],
    ['a passphrase', 'correct horse battery staple'],
  ])('rejects %s', (_, value) => {
    expect(rejects(secretKey(), value)).toBe('expected a 32-byte key as 64 hex characters or base64');
  });
});
