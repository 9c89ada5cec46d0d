// Type assertions: `npm run typecheck` (tsc) fails when one breaks; vitest runs them as no-ops.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CreateMonitorBody,
  Monitor,
  ProbeResult,
  ResultsQuery,
  StoredResult,
  TestConnectionResult,
  Wire,
} from './index.js';

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
    expectTypeOf<Wire<Value>>().toEqualTypeOf<{
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
    expectTypeOf<Monitor['statusSince']>().toEqualTypeOf<string>();
    expectTypeOf<Monitor['lastCheckedAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<TestConnectionResult['firstCheckToken']>().toEqualTypeOf<string>();
    expectTypeOf<StoredResult['status']>().toExtend<string>();
    expectTypeOf<'skipped'>().toExtend<StoredResult['status']>();
    // A default of the schema is filled in before the answer leaves: the part is always there.
    expectTypeOf<ProbeResult['timings']['negotiationMs']>().toEqualTypeOf<number | null>();
  });

  it('send requests as the schemas take them, with defaults left optional', () => {
    expectTypeOf<CreateMonitorBody['intervalSeconds']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CreateMonitorBody['url']>().toEqualTypeOf<string>();
    expectTypeOf<ResultsQuery['limit']>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<ResultsQuery['from']>().toEqualTypeOf<string | undefined>();
  });
});
