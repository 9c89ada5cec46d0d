import { type AuditEndpoint, type Db, listAuditEndpoints } from '@mcpulse/db';

/**
 * The directory's endpoints with their latest checks, read at most once per `ttlMs` however many
 * requests ask (the audit is public, and one read touches every endpoint), and by one query at
 * a time: requests that arrive while it runs share its answer.
 */
export class AuditSource {
  private cached: { at: number; endpoints: AuditEndpoint[] } | null = null;
  private pending: Promise<AuditEndpoint[]> | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  endpoints(): Promise<AuditEndpoint[]> {
    const cached = this.cached;
    if (cached && this.clock() - cached.at < this.ttlMs) return Promise.resolve(cached.endpoints);
    if (this.pending) return this.pending;
    const started = this.clock();
    this.pending = listAuditEndpoints(this.db)
      .then((endpoints) => {
        this.cached = { at: started, endpoints };
        return endpoints;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
