import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error.js';

const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|PASS/i;
// Connection strings such as DATABASE_URL carry a password without having a secret-looking name.
const URL_CREDENTIALS = /(\/\/[^/@\s]*:)[^/@\s]*@/g;

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Parses the variables named by `schema` out of `env`. Empty values count as missing, so defaults
 * apply to them and required variables report "required".
 */
export function loadEnv<S extends z.ZodObject>(schema: S, env: Environment = process.env): z.infer<S> {
  const input = presentValues(Object.keys(schema.shape), env);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(describeIssues(result.error.issues, input));
}

// Only the schema's own keys are passed on, so strict schemas do not trip over the rest of the environment.
function presentValues(names: readonly string[], env: Environment): Record<string, string> {
  const input: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') input[name] = value;
  }
  return input;
}

function describeIssues(issues: z.ZodError['issues'], input: Record<string, string>): ConfigIssue[] {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    // A single bad value can fail several checks; the first one is enough to fix it.
    if (!problems.has(variable))
      problems.set(variable, describeProblem(variable, issue.message, input[variable]));
  }
  return [...problems].map(([variable, problem]) => ({ variable, problem }));
}

function describeProblem(variable: string, message: string, value: string | undefined): string {
  if (value === undefined) return 'required';
  if (SECRET_NAME.test(variable)) return hide(message, value);
  return `${maskCredentials(message)}, got ${JSON.stringify(maskCredentials(value))}`;
}

// Custom refinements may echo their input, so a secret's value is scrubbed from the message too.
function hide(message: string, value: string): string {
  return message.replaceAll(value, '[redacted]').replaceAll(value.trim(), '[redacted]');
}

function maskCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1[redacted]@');
}
