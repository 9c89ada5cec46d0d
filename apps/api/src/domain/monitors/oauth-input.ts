import { type OAuthClientCredentials, resolveOAuthCredentials, ValidationFailed } from '@mcpulse/core';
import { MASKED_HEADER_VALUE } from '@mcpulse/core/domain';

/**
 * The OAuth credentials a create or update saves: masked values resolved against the saved
 * ones, what the method needs checked (a 400 naming the field), and never together with an
 * `Authorization` header, which they would replace on every request.
 */
export function oauthToSave(
  submitted: OAuthClientCredentials | null,
  saved: OAuthClientCredentials | null,
  headers: Record<string, string>,
): OAuthClientCredentials | null {
  if (submitted === null) return null;
  if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
    throw new ValidationFailed(
      'oauth',
      'oauth: a monitor authenticates with an Authorization header or with OAuth client credentials, not both',
    );
  }
  return resolveOAuthCredentials(submitted, saved);
}

/**
 * Saved credentials were given for one server and the authorization server it names: moving the
 * URL to another origin takes them again in full, or null.
 */
export function assertNoSavedOAuthCarried(
  submitted: OAuthClientCredentials | null | undefined,
  saved: boolean,
): void {
  if (submitted === undefined) {
    if (!saved) return;
    throw new ValidationFailed(
      'oauth',
      'oauth: the URL moves to another origin, and saved OAuth credentials are not used there: send them again, or null for none',
    );
  }
  for (const field of ['clientSecret', 'privateKey'] as const) {
    if (submitted?.[field] === MASKED_HEADER_VALUE) {
      throw new ValidationFailed(
        `oauth.${field}`,
        `oauth.${field}: the URL moves to another origin, and saved values are not used there: enter it again`,
      );
    }
  }
}

/**
 * A monitor holds OAuth client credentials or an OAuth connection, never both, and neither with an
 * `Authorization` header of its own.
 */
export function assertOneAuthorization(
  oauth: OAuthClientCredentials | null,
  connected: boolean,
  headers: Record<string, string>,
): void {
  if (!connected) return;
  if (oauth !== null)
    throw new ValidationFailed(
      'oauthConnection',
      'oauthConnection: a monitor holds OAuth client credentials or an OAuth connection, not both (null disconnects)',
    );
  if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'))
    throw new ValidationFailed(
      'oauthConnection',
      'oauthConnection: a monitor authenticates with an Authorization header or with OAuth, not both',
    );
}
