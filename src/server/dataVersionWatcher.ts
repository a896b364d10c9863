/**
 * Data version watcher
 *
 * Each API process learns by itself which data version the graph holds, by reading the Meta
 * node every `pollMs`. Nothing has to tell it about a reseed, so several API processes behind
 * a load balancer, sharing one Neo4j, each stop serving answers of the old version at most
 * `pollMs` plus one read after the new version commits. A failed read keeps the last known
 * version: an outage is reported by the queries themselves, not by forgetting the version.
 */
import type { Reader } from '../neo4j/database.js';
import { graphVersion } from '../neo4j/meta.js';

export class DataVersionWatcher {
  private version: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<string | null> | null = null;

  constructor(
    private readonly reader: Reader,
    private readonly pollMs: number,
    /** Called once per change, with the new version (null: no graph loaded). */
    private readonly onChange: (version: string | null) => void,
  ) {}

  /** The version last read; starts polling on first use, so an idle API reads nothing. */
  get current(): string | null {
    if (!this.timer) this.start();
    return this.version;
  }

  /** Reads the version now (one read at a time); resolves to the version after the read. */
  refresh(): Promise<string | null> {
    this.reading ??= graphVersion(this.reader)
      .then(
        (version) => {
          if (version !== this.version) {
            this.version = version;
            this.onChange(version);
          }
          return version;
        },
        () => this.version,
      )
      .finally(() => (this.reading = null));
    return this.reading;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    // Polling alone never keeps a process alive: `npm start` stays up through its server.
    this.timer.unref();
    void this.refresh();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
