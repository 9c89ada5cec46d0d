import type { z } from 'zod';

/** A value as JSON carries it: every Date becomes its ISO string, at any depth. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;

/**
 * What a client reads: the schema's output (what the route returns, which is what /docs/json
 * describes for a response), as JSON. None of the response schemas transforms, so the encoding the
 * serializer runs changes nothing but the dates.
 */
export type AnswerOf<Schema extends z.ZodType> = Wire<z.output<Schema>>;

/** What a client sends: the schema's input, defaults still optional (as /docs/json describes a request). */
export type RequestOf<Schema extends z.ZodType> = Wire<z.input<Schema>>;
