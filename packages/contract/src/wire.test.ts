// Type assertions: `npm run typecheck` (tsc) fails when one breaks; vitest runs them as no-ops.
import { describe, expectTypeOf, it } from 'vitest';
import type * as Contract from './index.js';

describe('Wire', () => {
  it('turns every Date into a string, at any depth, and leaves the rest alone', () => {
    type Value = {
      at: Date;
      maybe: Date | null;
      list: { at: Date }[];
      byName: Record<string, Date>;
      free: unknown;
      count: number;
      optional?: Date | undefined;
    };
    expectTypeOf<Contract.Wire<Value>>().toEqualTypeOf<{
      at: string;
      maybe: string | null;
      list: { at: string }[];
      byName: Record<string, string>;
      free: unknown;
      count: number;
      optional?: string | undefined;
    }>();
  });
});

describe('the wire types', () => {
  it('read answers as the routes return them, dates as strings', () => {
    expectTypeOf<Contract.Monitor['statusSince']>().toEqualTypeOf<string>();
    expectTypeOf<Contract.Monitor['lastCheckedAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<Contract.TestConnectionResult['firstCheckToken']>().toEqualTypeOf<string>();
    expectTypeOf<Contract.StoredResult['status']>().toExtend<string>();
    expectTypeOf<'skipped'>().toExtend<Contract.StoredResult['status']>();
    // A default of the schema is filled in before the answer leaves: the part is always there.
    expectTypeOf<Contract.ProbeResult['timings']['negotiationMs']>().toEqualTypeOf<number | null>();
  });

  it('send requests as the schemas take them, with defaults left optional', () => {
    expectTypeOf<Contract.CreateMonitorBody['intervalSeconds']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Contract.CreateMonitorBody['url']>().toEqualTypeOf<string>();
    expectTypeOf<Contract.ResultsQuery['limit']>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<Contract.ResultsQuery['from']>().toEqualTypeOf<string | undefined>();
  });
});
