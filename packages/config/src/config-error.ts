export interface ConfigIssue {
  variable: string;
  problem: string;
}

export function formatConfigError(issues: readonly ConfigIssue[]): string {
  return [
    'Invalid configuration:',
    ...issues.map(({ variable, problem }) => `  ${variable}: ${problem}`),
  ].join('\n');
}

/** Thrown at boot when the environment does not satisfy the schema; `message` is ready to print. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(formatConfigError(issues));
    this.issues = issues;
  }
}
