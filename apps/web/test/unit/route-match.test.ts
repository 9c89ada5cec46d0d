import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client.js';
import { fieldErrorOf, humanize } from '../../src/lib/form-errors.js';
import { matchPath } from '../../src/lib/route-match.js';

describe('routes and API errors', () => {
  it('matches paths and decodes their parameters', () => {
    expect(matchPath('/monitors/:id', '/monitors/abc')).toEqual({ id: 'abc' });
    expect(matchPath('/monitors/:id/edit', '/monitors/a%20b/edit')).toEqual({ id: 'a b' });
    expect(matchPath('/monitors/:id', '/monitors/abc/edit')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/monitors/:id', '/monitors/%E0%A4%A')).toBeNull();
  });

  it("puts an API error beside the field it names, in the field's own words", () => {
    const error = new ApiError(400, 'validation_failed', 'url: must be an absolute URL', 'url');
    expect(fieldErrorOf(error, ['name', 'url'])).toEqual({
      field: 'url',
      message: 'Must be an absolute URL',
    });
    expect(fieldErrorOf(error, ['name'])).toBeNull();
    expect(fieldErrorOf(new Error('boom'), ['url'])).toBeNull();
    expect(humanize('querystring limit: too big', 'limit')).toBe('Too big');
    expect(humanize('must be less than timeoutMs (10000)', 'degradedThresholdMs')).toBe(
      'Must be less than timeoutMs (10000)',
    );
  });
});
