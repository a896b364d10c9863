/**
 * Outage log
 *
 * While Neo4j is unreachable every request fails the same way, and a line per request (let
 * alone the driver's stack) would flood the log at the very moment someone reads it. So an
 * outage is logged once per change of state: its first failure whole (with the error and its
 * stack), then at most one line a minute while it lasts (the throttled log's: the count since
 * the last line, the total and how long the database has been away) and one when a query
 * succeeds again, with the count of failed requests and the outage's length.
 */
import type { Logger } from 'pino';
import { ThrottledLog } from './throttledLog.js';

export interface OutageLogOptions {
  /** How often an ongoing outage is summed up. @default 60000 */
  summaryEveryMs?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

const KIND = 'database unreachable';

export class OutageLog {
  private since: number | null = null;
  private readonly lines: ThrottledLog;
  private readonly now: () => number;

  constructor(
    private readonly logger: Logger,
    options: OutageLogOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lines = new ThrottledLog(logger, { everyMs: options.summaryEveryMs ?? 60_000, now: this.now });
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
    if (this.since === null) {
      this.since = now;
      this.lines.note(
        KIND,
        { requestId, err: error },
        'database unreachable: requests fail with SERVICE_UNAVAILABLE until it answers again',
        'error',
      );
    } else {
      this.lines.note(KIND, { downForMs: now - this.since }, 'database still unreachable', 'error');
    }
  }

  /** The database answered a query. */
  answered(): void {
    if (this.since === null) return;
    const { total } = this.lines.end(KIND);
    this.logger.warn({ failedRequests: total, downForMs: this.now() - this.since }, 'database reachable again');
    this.since = null;
  }

  /** Writes the ongoing outage's pending count now (on shutdown). */
  flush(): void {
    this.lines.flush();
  }
}
