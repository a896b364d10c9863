/**
 * Data version watcher
 *
 * Each API process learns by itself which data version the graph holds, and whether a load has
 * announced a switch to a new one, by reading the Meta nodes every `pollMs`. Nothing has to
 * tell it about a reseed, so several API processes behind a load balancer, sharing one Neo4j,
 * each stop serving answers of the old version at most `pollMs` plus one read after the new
 * version commits. A failed read keeps the last known version: an outage is reported by the
 * queries themselves, not by forgetting the version. Every poll, failed or not, is passed to
 * the listeners (the read gate, src/server/readGate.ts) with the time it started.
 */
import type { Reader } from '../neo4j/database.js';
import { readGraphState, type GraphState } from '../neo4j/meta.js';

/** One read of the graph state: `state` is null when the read failed. */
export interface Poll {
  /** performance.now() when the read was sent: what it saw was true at some time after this. */
  startedAt: number;
  state: GraphState | null;
}

export class DataVersionWatcher {
  private version: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private hurried: NodeJS.Timeout | null = null;
  private reading: Promise<string | null> | null = null;
  private readonly listeners = new Set<(poll: Poll) => void>();

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

  /** Reads the state now (one read at a time); resolves to the version after the read. */
  refresh(): Promise<string | null> {
    const startedAt = performance.now();
    this.reading ??= readGraphState(this.reader)
      .then(
        (state) => {
          if (state.version !== this.version) {
            this.version = state.version;
            this.onChange(state.version);
          }
          this.tell({ startedAt, state });
          return state.version;
        },
        () => {
          this.tell({ startedAt, state: null });
          return this.version;
        },
      )
      .finally(() => (this.reading = null));
    return this.reading;
  }

  /** Calls `listener` after every poll; returns the way to stop. */
  onPoll(listener: (poll: Poll) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Polls every `everyMs` as well as every `pollMs` while it is set (requests waiting for a
   * switch to end are let go a fraction of a poll after it does); null goes back to `pollMs`.
   */
  hurry(everyMs: number | null): void {
    if (this.hurried) clearInterval(this.hurried);
    this.hurried = null;
    if (everyMs === null || !this.timer) return;
    this.hurried = setInterval(() => void this.refresh(), everyMs);
    this.hurried.unref();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    // Polling alone never keeps a process alive: `npm start` stays up through its server.
    this.timer.unref();
    void this.refresh();
  }

  stop(): void {
    this.hurry(null);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tell(poll: Poll): void {
    for (const listener of this.listeners) listener(poll);
  }
}
