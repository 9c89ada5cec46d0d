const REDACTED = '[redacted]';

/** Removes every configured secret (header value) from text a server could have echoed back. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    scrubbed = scrubbed.split(secret).join(REDACTED);
    const token = /^\s*\S+\s+(\S{4,})\s*$/.exec(secret)?.[1];
    if (token) scrubbed = scrubbed.split(token).join(REDACTED);
  }
  return scrubbed;
}
