/**
 * The tool-call canary (docs/probe.md, "Tool-call canary"): a monitor may name
 * one tool to call on every check. Its bounds live here so the API's schemas,
 * the database's checks, the dashboard's form, the CLI and the docs agree.
 */

/** What a canary may expect of the tool's result, besides not being an error. */
export const CANARY_EXPECTATION_KINDS = ['contains', 'json_path'] as const;
export type CanaryExpectationKind = (typeof CANARY_EXPECTATION_KINDS)[number];

export const CANARY_LIMITS = {
  /** A tool name, as the spec suggests names of at most 128 characters and storage keeps 256. */
  toolNameChars: 256,
  /** The arguments as JSON text: a canary call is a small, fixed request. */
  argumentsChars: 16_384,
  /** Levels of nesting in the arguments and in an expected value. */
  jsonDepth: 32,
  /** The text a `contains` expectation looks for. */
  expectTextChars: 1_024,
  /** A JSON path expression (`$.a.b[0]`). */
  jsonPathChars: 256,
  /** Steps of a JSON path after `$`. */
  jsonPathSteps: 32,
  /** The value a `json_path` expectation compares with, as JSON text. */
  expectValueChars: 4_096,
  /** The canary's own deadline, when set; it always ends within the check's. */
  timeoutMs: { min: 100, max: 60_000 },
  /** Characters of the tool's own text kept in a `tool_error` or `expectation_failed` message. */
  excerptChars: 400,
} as const;
