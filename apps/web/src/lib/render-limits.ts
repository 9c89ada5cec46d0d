/**
 * How much of what a monitored server sends the dashboard draws. Tool lists
 * and schemas are hostile input: a schema can nest thousands of levels and a
 * tool list can weigh megabytes. Past these caps the views stop drawing and
 * say on screen what they left out, so the page stays fast and never fails.
 */
export const RENDER_LIMITS = {
  /** Nesting levels of a JSON value drawn before "… n more levels not shown". */
  jsonDepth: 24,
  /** Lines of one JSON value drawn; also bounds the side-by-side diff's line alignment per tool. */
  jsonLines: 800,
  /** Characters of one JSON value drawn. */
  jsonChars: 60_000,
  /** Characters of one string (or object key) inside a JSON value drawn. */
  jsonStringChars: 500,
  /** Characters of a webhook body drawn. */
  payloadChars: 200_000,
  /** Lines of a webhook body drawn. */
  payloadLines: 5_000,
  /** Characters of a tool or parameter name drawn. */
  nameChars: 120,
  /** Characters of a server's error message drawn. */
  messageChars: 1_000,
  /** Characters of a tool description drawn. */
  descriptionChars: 1_500,
  /** Tools drawn at a time in the tool list; the user asks for more. */
  toolsPerPage: 50,
  /** Parameters listed per tool. */
  parametersPerTool: 40,
  /** Tools drawn at a time in a schema diff. */
  diffTools: 25,
  /** Characters of one change's description ("type of parameter … changed") drawn. */
  changeChars: 300,
  /** Changes listed per drift. */
  changesPerDrift: 100,
  /** Tool names listed in a drift's one-line summary. */
  namesPerSummary: 20,
  /** Characters of a release's version (a server's `serverInfo.version`) drawn in a marker label. */
  versionChars: 40,
  /** Characters of a server's name, or a protocol version, drawn beside a change. */
  serverTextChars: 120,
  /** Release markers drawn on one chart; past them the newest are kept. */
  chartMarkers: 50,
  /** Values visited when measuring what was left out, so measuring stays as cheap as drawing. */
  measureValues: 200_000,
} as const;

export type RenderLimits = typeof RENDER_LIMITS;
