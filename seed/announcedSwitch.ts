/**
 * An announced switch
 *
 * The loader's side of the switch protocol (src/neo4j/meta.ts): announce that the graph is
 * about to change, keep the announcement alive while it stands, wait until every API process
 * has stopped starting reads and finished those it began, and end the announcement once the
 * commit is done or has failed. API processes ignore an announcement whose heartbeat stopped,
 * so a loader killed mid-switch pauses uncached reads for SWITCH_STALE_MS at most.
 */
import type { Database } from '../src/neo4j/database.js';
import { announceSwitch, endSwitch, renewSwitch, SWITCH_HEARTBEAT_MS, SWITCH_STALE_MS } from '../src/neo4j/meta.js';

export class AnnouncedSwitch {
  private timer: NodeJS.Timeout | null = null;
  private renewing = false;
  /** When a renewal last committed (performance.now()); 0 before the announcement. */
  private renewedAt = 0;

  constructor(
    private readonly database: Pick<Database, 'writeTransaction'>,
    private readonly token: string,
    /** How long API processes need to let go of the old version (switchNoticeMs). */
    private readonly noticeMs: number,
    private readonly progress: (message: string) => void,
  ) {}

  /** Announces the switch and keeps it alive; with `wait`, resolves when committing is safe. */
  async announce(wait: boolean): Promise<void> {
    await announceSwitch(this.database, this.token, this.noticeMs);
    this.renewedAt = performance.now();
    if (!this.timer) {
      this.timer = setInterval(() => void this.renew(), SWITCH_HEARTBEAT_MS);
      this.timer.unref();
    }
    if (!wait) return;
    this.progress(`switch announced: committing in ${this.noticeMs} ms, once API processes have paused their reads`);
    await new Promise((resolve) => setTimeout(resolve, this.noticeMs));
  }

  /**
   * Right before the commit: an announcement not renewed for a while (this process or Neo4j
   * stalled) may have been given up by API processes, so it is made again, and with `wait`
   * waited for again.
   */
  async confirm(wait: boolean): Promise<void> {
    if (performance.now() - this.renewedAt < SWITCH_STALE_MS / 2) return;
    this.progress('the switch announcement was not renewed in time: announcing it again');
    await this.announce(wait);
  }

  /** Ends the announcement, if one was made. Failing to (Neo4j gone) leaves it to go stale. */
  async end(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.renewedAt === 0) return;
    await endSwitch(this.database, this.token).catch((error: unknown) =>
      this.progress(
        `could not end the switch announcement (API processes ignore it after ${SWITCH_STALE_MS} ms): ${String(error)}`,
      ),
    );
  }

  private async renew(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    try {
      if (await renewSwitch(this.database, this.token)) this.renewedAt = performance.now();
    } catch {
      // A missed renewal is what `confirm` looks at; the next one may succeed.
    } finally {
      this.renewing = false;
    }
  }
}
