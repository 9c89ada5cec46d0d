/** The parameters of a `Bearer` challenge (RFC 6750 §3, RFC 9728 §5.1) the probe acts on. */
export interface BearerChallenge {
  error: string | null;
  errorDescription: string | null;
  /** Space-separated scopes the server needs (a step-up names them with `insufficient_scope`). */
  scope: string | null;
  /** Where the server says its protected resource metadata is. */
  resourceMetadata: string | null;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

interface Challenge {
  scheme: string;
  params: Map<string, string>;
}

/**
 * Reads every challenge of a `WWW-Authenticate` value (RFC 9110 §11.6.1): schemes, each with
 * `name=value` parameters, values tokens or quoted strings with `\` escapes. A token68 after a
 * scheme is skipped. Anything malformed ends the reading with what was read so far.
 */
function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let current: Challenge | null = null;
  let i = 0;
  const skip = (chars: RegExp) => {
    while (i < header.length && chars.test(header[i]!)) i++;
  };
  const token = () => {
    const start = i;
    while (i < header.length && TOKEN.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  while (i < header.length) {
    skip(/[\s,]/);
    const name = token();
    if (name === '') break;
    skip(/[ \t]/);
    if (header[i] !== '=') {
      current = { scheme: name.toLowerCase(), params: new Map() };
      challenges.push(current);
      continue;
    }
    i++;
    skip(/[ \t]/);
    let value = '';
    if (header[i] === '"') {
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\' && i + 1 < header.length) i++;
        value += header[i];
        i++;
      }
      i++;
    } else {
      // A token68 (`Basic abc==`) or an unquoted value.
      const start = i;
      while (i < header.length && !/[\s,]/.test(header[i]!)) i++;
      value = header.slice(start, i);
    }
    current?.params.set(name.toLowerCase(), value);
  }
  return challenges;
}

/** The `Bearer` challenge of a `WWW-Authenticate` value, or null when it has none. */
export function parseBearerChallenge(header: string | undefined): BearerChallenge | null {
  if (header === undefined) return null;
  const bearer = parseChallenges(header).find((challenge) => challenge.scheme === 'bearer');
  if (!bearer) return null;
  const param = (name: string) => {
    const value = bearer.params.get(name);
    return value === undefined || value === '' ? null : value;
  };
  return {
    error: param('error'),
    errorDescription: param('error_description'),
    scope: param('scope'),
    resourceMetadata: param('resource_metadata'),
  };
}
