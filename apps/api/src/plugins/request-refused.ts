/**
 * A request the HTTP layer itself refuses (wrong Host, foreign Origin, the
 * server shutting down, too many log-in failures), with the status and the
 * stable code it is answered with. Domain code throws `DomainError`s instead.
 */
export class RequestRefused extends Error {
  override readonly name = 'RequestRefused';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra response headers, such as `retry-after`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
