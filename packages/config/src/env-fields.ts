import type { LevelWithSilent } from 'pino';
import { z } from 'zod';

const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
};
const DIGITS = /^\d+$/;
const HEX_KEY = /^[0-9a-f]{64}$/i;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;
const KEY_BYTES = 32;

/**
 * A string variable turned into `T` by `parse`, which returns undefined for a malformed value.
 * `expected` becomes the problem reported for it; the loader adds the value where it is safe to show.
 */
function envField<T>(expected: string, parse: (value: string) => T | undefined) {
  return z.string().transform((raw, ctx) => {
    const parsed = parse(raw.trim());
    if (parsed === undefined) {
      ctx.issues.push({ code: 'custom', message: expected, input: raw });
      return z.NEVER;
    }
    return parsed;
  });
}

function integerIn(value: string, min: number, max: number): number | undefined {
  if (!DIGITS.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= min && parsed <= max ? parsed : undefined;
}

export function port() {
  return envField('expected an integer between 1 and 65535', (value) => integerIn(value, 1, 65_535));
}

export function positiveInt() {
  return envField('expected a positive integer', (value) => integerIn(value, 1, Number.MAX_SAFE_INTEGER));
}

/** A count or duration where 0 means none. */
export function nonNegativeInt() {
  return envField('expected 0 or a positive integer', (value) =>
    integerIn(value, 0, Number.MAX_SAFE_INTEGER),
  );
}

/** An absolute URL, kept as the string given; `protocols` are names such as `https` or `postgres:`. */
export function url(protocols?: readonly string[]) {
  const allowed = protocols?.map((protocol) => protocol.replace(/:$/, '').toLowerCase());
  const expected = allowed
    ? `expected a URL starting with ${allowed.map((p) => `${p}://`).join(' or ')}`
    : 'expected a URL';
  return envField(expected, (value) => {
    if (!URL.canParse(value)) return undefined;
    const protocol = new URL(value).protocol.replace(/:$/, '');
    return allowed === undefined || allowed.includes(protocol) ? value : undefined;
  });
}

export function bool() {
  return envField('expected one of true, false, 1, 0, yes, no', (value) => BOOLEANS[value.toLowerCase()]);
}

const ADDRESS_OR_CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

/**
 * Which proxies' `X-Forwarded-For` to believe, as Fastify's `trustProxy` takes
 * it: a boolean (`true` trusts every hop: only behind a proxy that overwrites
 * the header, as infra/nginx.conf does); `hops:N`, the number of proxies in
 * front; or the proxies' addresses and CIDRs, comma-separated. A bare number
 * is a boolean (`1` is `true`), as for every other flag.
 */
export function trustProxy() {
  return envField<boolean | number | string[]>(
    'expected true, false, hops:N (the number of proxies in front), or comma-separated proxy addresses/CIDRs',
    (value) => {
      const flag = BOOLEANS[value.toLowerCase()];
      if (flag !== undefined) return flag;
      const hops = /^hops:(\d+)$/i.exec(value);
      if (hops) return integerIn(hops[1]!, 1, 20);
      const items = value.split(',').map((item) => item.trim());
      return items.every((item) => ADDRESS_OR_CIDR.test(item)) ? items : undefined;
    },
  );
}

/** A comma-separated list; blank items are dropped. */
export function csv() {
  return envField('expected a comma-separated list', (value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );
}

export function logLevel() {
  return envField(`expected one of ${LOG_LEVELS.join(', ')}`, (value) =>
    LOG_LEVELS.find((level) => level === value.toLowerCase()),
  );
}

/** A 32-byte key given as 64 hex characters or as base64 (standard or URL-safe alphabet). */
export function secretKey() {
  return envField('expected a 32-byte key as 64 hex characters or base64', (value) => {
    const key = HEX_KEY.test(value)
      ? Buffer.from(value, 'hex')
      : BASE64_KEY.test(value)
        ? Buffer.from(value, 'base64')
        : undefined;
    return key?.length === KEY_BYTES ? key : undefined;
  });
}

/**
 * `MCPULSE_RECHECK_DELAY_SECONDS`: seconds between a result that would change
 * a monitor's status and its region's re-check, 1 to 60 (default 10); `0`
 * turns re-checks off. Parsed to milliseconds, or null when off.
 */
export function recheckDelaySeconds() {
  return envField('expected 0 (off) or a number of seconds from 1 to 60', (value) => {
    const seconds = integerIn(value, 0, 60);
    if (seconds === undefined) return undefined;
    return seconds === 0 ? null : seconds * 1000;
  })
    .optional()
    .transform((value) => (value === undefined ? 10_000 : value));
}
