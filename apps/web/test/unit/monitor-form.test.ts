import type { Monitor } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import { formOf, MASKED_VALUE, monitorBody, NEW_MONITOR, testBody } from '../../src/lib/monitor-form.js';

const filled = {
  ...NEW_MONITOR,
  name: ' Docs ',
  url: ' https://docs.example.com/mcp ',
  regions: ['eu-west'],
};

describe('the monitor form', () => {
  it('turns what was typed into the API body', () => {
    const { body, errors } = monitorBody({
      ...filled,
      headers: [
        { name: 'Authorization', value: 'Bearer t' },
        { name: '', value: '' },
      ],
      intervalSeconds: '30',
      confirmations: '1',
    });
    expect(errors).toEqual({});
    expect(body).toEqual({
      name: 'Docs',
      url: 'https://docs.example.com/mcp',
      transport: 'auto',
      headers: { Authorization: 'Bearer t' },
      regions: ['eu-west'],
      intervalSeconds: 30,
      timeoutMs: 10_000,
      degradedThresholdMs: 1000,
      confirmations: 1,
      regionQuorum: null,
      isPublic: false,
      canary: null,
    });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ url: 'docs.example.com' }, 'url'],
    [{ url: 'ftp://docs.example.com' }, 'url'],
    [{ url: 'https://user:pw@docs.example.com' }, 'url'],
    [{ intervalSeconds: '10' }, 'intervalSeconds'],
    [{ intervalSeconds: '1.5' }, 'intervalSeconds'],
    [{ timeoutMs: '500' }, 'timeoutMs'],
    [{ degradedThresholdMs: '10000' }, 'degradedThresholdMs'],
    [{ confirmations: '0' }, 'confirmations'],
    [{ regionQuorum: '2' }, 'regionQuorum'],
    [{ headers: [{ name: 'Bad Header', value: 'x' }] }, 'headers.Bad Header'],
  ])('names the field of a mistake: %o', (patch, field) => {
    expect(Object.keys(monitorBody({ ...filled, ...patch }).errors)).toEqual([field]);
  });

  it('masks saved header values and keeps them masked on the way back', () => {
    const monitor = {
      name: 'Docs',
      url: 'https://docs.example.com/mcp',
      transport: 'sse',
      headers: { Authorization: MASKED_VALUE },
      regions: ['eu-west'],
      intervalSeconds: 60,
      timeoutMs: 5000,
      degradedThresholdMs: 800,
      confirmations: 2,
      regionQuorum: 1,
      isPublic: true,
    } as unknown as Monitor;
    const form = formOf(monitor);
    expect(form.headers).toEqual([{ name: 'Authorization', value: MASKED_VALUE }]);
    expect(monitorBody(form).body).toMatchObject({
      headers: { Authorization: MASKED_VALUE },
      regionQuorum: 1,
    });
  });

  it('leaves saved header values out of a connection test, and says which', () => {
    const { body, withheld } = testBody({
      ...filled,
      headers: [
        { name: 'Authorization', value: MASKED_VALUE },
        { name: 'X-Team', value: 'core' },
      ],
    });
    expect(body.headers).toEqual({ 'X-Team': 'core' });
    expect(withheld).toEqual(['Authorization']);
  });
});
