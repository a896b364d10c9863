/**
 * Outage log
 *
 * While Neo4j is unreachable every request fails the same way, and a line per request (let
 * alone the driver's stack) would flood the log at the very moment someone reads it. So an
 * outage is logged once per change of state: its first failure whole (with the error and its
 * stack), then one line a minute while it lasts and one when a query succeeds again, each with
 * the count of failed requests and how long the database has been away.
 */
import type { Logger } from 'pino';

export interface OutageLogOptions {
  /** How often an ongoing outage is summed up. @default 60000 */
  summaryEveryMs?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

export class OutageLog {
  private since: number | null = null;
  private failures = 0;
  private lastLine = 0;
  private readonly summaryEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly logger: Logger,
    options: OutageLogOptions = {},
  ) {
    this.summaryEveryMs = options.summaryEveryMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether the last word from the database was a failure to reach it. */
  get down(): boolean {
    return this.since !== null;
  }

  /**
   * A request failed because the database could not be reached: `error` is the database's, or
   * null when the request was refused for it further up (it then counts only during an outage).
   */
  failed(requestId: string, error: Error | null): void {
    if (this.since === null && error === null) return;
    const now = this.now();
    this.failures++;
    if (this.since === null) {
      this.since = now;
      this.lastLine = now;
      this.logger.error(
        { requestId, err: error },
        'database unreachable: requests fail with SERVICE_UNAVAILABLE until it answers again',
      );
    } else if (now - this.lastLine >= this.summaryEveryMs) {
      this.lastLine = now;
      this.logger.error({ failedRequests: this.failures, downForMs: now - this.since }, 'database still unreachable');
    }
  }

  /** The database answered a query. */
  answered(): void {
    if (this.since === null) return;
    this.logger.warn({ failedRequests: this.failures, downForMs: this.now() - this.since }, 'database reachable again');
    this.since = null;
    this.failures = 0;
  }
}
