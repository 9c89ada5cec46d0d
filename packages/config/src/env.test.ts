import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { loadEnv } from './env.js';
import { bool, csv, logLevel, port, positiveInt, secretKey, url } from './env-fields.js';

const SECRET = 's3cr3t-VALUE-123';

const schema = z.object({
  DATABASE_URL: url(['postgres', 'postgresql']),
  PORT: port().default(3000),
  LOG_LEVEL: logLevel().default('info'),
  PROBE_CONCURRENCY: positiveInt().default(64),
  TRUST_PROXY: bool().default(false),
  REGIONS: csv().default(['local']),
  PUBLIC_URL: url(['http', 'https']).optional(),
});

function configErrorFrom(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadEnv', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('names a missing variable', () => {
    const error = configErrorFrom(() => loadEnv(schema, {}));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe('Invalid configuration:\n  DATABASE_URL: required');
    expect(error.issues).toEqual([{ variable: 'DATABASE_URL', problem: 'required' }]);
  });

  it('names every missing and malformed variable, one per line', () => {
    const error = configErrorFrom(() => loadEnv(schema, { PORT: 'abc' }));
    expect(error.message).toBe(
      'Invalid configuration:\n  DATABASE_URL: required\n  PORT: expected an integer between 1 and 65535, got "abc"',
    );
  });

  it('reports all of several missing variables', () => {
    const required = z.object({ DATABASE_URL: url(), REDIS_URL: url(), SESSION_SECRET: secretKey() });
    const error = configErrorFrom(() => loadEnv(required, { UNRELATED: 'x' }));
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'DATABASE_URL',
      'REDIS_URL',
      'SESSION_SECRET',
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid configuration:',
      '  DATABASE_URL: required',
      '  REDIS_URL: required',
      '  SESSION_SECRET: required',
    ]);
  });

  it('names a malformed integer together with its value', () => {
    const error = configErrorFrom(() =>
      loadEnv(schema, { DATABASE_URL: 'postgres://db/app', PROBE_CONCURRENCY: '-4' }),
    );
    expect(error.message).toBe(
      'Invalid configuration:\n  PROBE_CONCURRENCY: expected a positive integer, got "-4"',
    );
  });

  it('never echoes the value of a variable whose name looks secret', () => {
    const secrets = z.object({
      WEBHOOK_SIGNING_KEY: secretKey(),
      API_TOKEN: z.string().min(64),
      ADMIN_PASSWORD: z.string().refine(() => false, { error: (issue) => `rejected ${String(issue.input)}` }),
      SMTP_PASS: bool(),
      SESSION_SECRET: port(),
    });
    const error = configErrorFrom(() =>
      loadEnv(secrets, {
        WEBHOOK_SIGNING_KEY: SECRET,
        API_TOKEN: SECRET,
        ADMIN_PASSWORD: SECRET,
        SMTP_PASS: SECRET,
        SESSION_SECRET: SECRET,
      }),
    );
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'WEBHOOK_SIGNING_KEY',
      'API_TOKEN',
      'ADMIN_PASSWORD',
      'SMTP_PASS',
      'SESSION_SECRET',
    ]);
    expect(error.message).toContain(
      'WEBHOOK_SIGNING_KEY: expected a 32-byte key as 64 hex characters or base64',
    );
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error.issues)).not.toContain(SECRET);
    expect(error.stack).not.toContain(SECRET);
  });

  it('hides the password inside an echoed connection string', () => {
    const error = configErrorFrom(() =>
      loadEnv(schema, { DATABASE_URL: `mysql://app:${SECRET}@db:3306/app` }),
    );
    expect(error.message).not.toContain(SECRET);
    expect(error.message).toContain('got "mysql://app:[redacted]@db:3306/app"');
  });

  it('applies defaults and treats empty values as missing', () => {
    expect(loadEnv(schema, { DATABASE_URL: 'postgres://db/app', PORT: '', LOG_LEVEL: '  ' })).toEqual({
      DATABASE_URL: 'postgres://db/app',
      PORT: 3000,
      LOG_LEVEL: 'info',
      PROBE_CONCURRENCY: 64,
      TRUST_PROXY: false,
      REGIONS: ['local'],
    });
    expect(configErrorFrom(() => loadEnv(schema, { DATABASE_URL: '' })).issues).toEqual([
      { variable: 'DATABASE_URL', problem: 'required' },
    ]);
  });

  it('parses booleans, lists and URLs', () => {
    const config = loadEnv(schema, {
      DATABASE_URL: 'postgresql://app:pw@db:5432/app',
      PORT: ' 8080 ',
      LOG_LEVEL: 'DEBUG',
      TRUST_PROXY: 'yes',
      REGIONS: 'eu-west, us-east,,ap-south ',
      PUBLIC_URL: 'https://status.example.com',
    });
    expect(config).toEqual({
      DATABASE_URL: 'postgresql://app:pw@db:5432/app',
      PORT: 8080,
      LOG_LEVEL: 'debug',
      PROBE_CONCURRENCY: 64,
      TRUST_PROXY: true,
      REGIONS: ['eu-west', 'us-east', 'ap-south'],
      PUBLIC_URL: 'https://status.example.com',
    });
    expectTypeOf(config).toEqualTypeOf<{
      DATABASE_URL: string;
      PORT: number;
      LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
      PROBE_CONCURRENCY: number;
      TRUST_PROXY: boolean;
      REGIONS: string[];
      PUBLIC_URL?: string | undefined;
    }>();
  });

  it('reports a URL with a protocol outside the allowed list', () => {
    const error = configErrorFrom(() =>
      loadEnv(schema, { DATABASE_URL: 'postgres://db/app', PUBLIC_URL: 'ftp://files.example.com' }),
    );
    expect(error.message).toBe(
      'Invalid configuration:\n  PUBLIC_URL: expected a URL starting with http:// or https://, got "ftp://files.example.com"',
    );
  });

  it('passes only the schema variables to the schema', () => {
    const strict = z.strictObject({ PORT: port() });
    expect(loadEnv(strict, { PORT: '80', HOME: '/root', PATH: '/bin' })).toEqual({ PORT: 80 });
  });

  it('reads process.env by default', () => {
    vi.stubEnv('MCPULSE_CONFIG_TEST_PORT', '4321');
    expect(loadEnv(z.object({ MCPULSE_CONFIG_TEST_PORT: port() }))).toEqual({
      MCPULSE_CONFIG_TEST_PORT: 4321,
    });
  });
});
