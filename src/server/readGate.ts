/**
 * Read gate
 *
 * A request's reads must all come from one version of the graph, and never while a load's
 * commit is being applied (Neo4j reads are read-committed: a read running then can see part of
 * it). The loader announces a switch and waits `noticeMs` (DATA_VERSION_POLL_MS +
 * SWITCH_GRACE_MS) before committing; this gate is the API's side of that promise.
 *
 * A poll that started at time s and saw no announcement proves that no commit can begin before
 * s + noticeMs: any announcement came after s, and its loader then waits noticeMs. And two such
 * polls that read the same load (version and load time) prove that none was made or applied
 * between them: a commit stamps a new load time, and its announcement stands until it is
 * applied. So reads run in a *period*: opened by such a poll, its deadline moved on by each
 * next one, closed (its deadline frozen) when a poll sees an announcement, and voided when a
 * poll sees another load. A request takes a ticket of an open period before its first read,
 * may start a read while its period's deadline has not passed, and its answer stands only if
 * it ended before that deadline. A request that cannot get a ticket because a switch is
 * announced waits for the switch to end, up to `maxWaitMs`.
 *
 * A deadline that passes while its period is still open means only that the next poll is late
 * (Neo4j or this process busy: at 32 connections a poll could take over the second between a
 * poll's due time and its period's deadline, and requests then failed with "could not confirm
 * which data version"). Such a poll, when it comes and sees the same load and no announcement,
 * proves the whole time since the period opened, so a request whose deadline has passed waits
 * for it (`confirm`, sharing the one poll in flight) rather than fail at once.
 *
 * What it costs a read: nothing on the way to Neo4j beyond a comparison. The polls were read
 * before (every DATA_VERSION_POLL_MS); they now read the announcement in the same query.
 */
import type { Poll } from './dataVersionWatcher.js';
import { SWITCH_STALE_MS, type GraphState } from '../neo4j/meta.js';

/** What the gate needs of the watcher (src/server/dataVersionWatcher.ts). */
export interface PollSource {
  readonly current: string | null;
  refresh(): Promise<unknown>;
  onPoll(listener: (poll: Poll) => void): () => void;
  hurry(everyMs: number | null): void;
}

export interface ReadGateOptions {
  /** How long after a poll that saw no announcement no commit can begin (switchNoticeMs). */
  noticeMs: number;
  /** Longest a request waits for an announced switch to end. */
  maxWaitMs: number;
  /** Poll interval while requests wait for a switch to end. @default 200 */
  hurryMs?: number;
  /** The clock, in milliseconds. @default performance.now */
  now?: () => number;
}

interface Period {
  /** The load its polls read: version and load time. */
  load: string;
  version: string | null;
  /** Reads must have ended by then. */
  deadline: number;
  open: boolean;
  /** Start of the last poll that moved the deadline on. */
  lastPollAt: number;
}

/** The version a request reads, and the period its reads must fall in. */
export interface Ticket {
  version: string | null;
  period: Period;
  /**
   * False when Neo4j could not be polled: the request runs, and its reads fail or succeed on
   * their own, but what it read is not proven to come from one version.
   */
  proven: boolean;
}

/** Why a request cannot be answered from one version: each is a 503 the client may retry. */
export class ReadGateError extends Error {
  override name = 'ReadGateError';
  constructor(readonly reason: 'switching' | 'switched' | 'unproven') {
    super(reason);
  }
}

const VOID: Period = { load: '', version: null, deadline: -Infinity, open: false, lastPollAt: -Infinity };

export class ReadGate {
  private period: Period | null = null;
  private switching = false;
  private failing = false;
  private hurrying = false;
  private readonly waiters = new Set<() => void>();
  private readonly now: () => number;

  constructor(
    private readonly watcher: PollSource,
    private readonly options: ReadGateOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    watcher.onPoll((poll) => this.observe(poll));
  }

  /** A ticket for a request's reads: at once, or when an announced switch has ended. */
  async enter(): Promise<Ticket> {
    // Starts the watcher's polling on first use.
    void this.watcher.current;
    const giveUpAt = this.now() + this.options.maxWaitMs;
    for (;;) {
      const ticket = this.openTicket();
      if (ticket) return ticket;
      if (!this.switching) {
        // No announcement, only no recent poll (the first request, or Neo4j away): poll now.
        await this.watcher.refresh();
        const fresh = this.openTicket();
        if (fresh) return fresh;
        if (this.failing) return { version: this.watcher.current, period: this.period ?? VOID, proven: false };
      }
      if (this.now() >= giveUpAt) throw new ReadGateError(this.switching ? 'switching' : 'unproven');
      if (this.switching) await this.nextPoll(giveUpAt);
    }
  }

  /** Whether reads under `ticket` may go on (before a read) or stand (once all are done). */
  holds(ticket: Ticket): boolean {
    return ticket.proven && this.now() < ticket.period.deadline;
  }

  /**
   * Whether reads under `ticket` may go on or stand, as `holds`, but when its deadline has
   * passed while its period is still open, after waiting for a poll to move it on (the one in
   * flight, or a new one), up to `maxWaitMs`. False at once after a failed poll, and as soon
   * as a poll fails, sees an announcement or sees another load.
   */
  async confirm(ticket: Ticket): Promise<boolean> {
    const giveUpAt = this.now() + this.options.maxWaitMs;
    for (;;) {
      if (this.holds(ticket)) return true;
      // After a failed poll nothing says the next will come soon: Neo4j is away, and the
      // request's own reads say so.
      if (!ticket.proven || !ticket.period.open || this.failing || this.now() >= giveUpAt) return false;
      await this.watcher.refresh();
      if (this.failing) return this.holds(ticket);
    }
  }

  /** Why reads under a ticket that no longer holds do not stand. */
  refusal(ticket: Ticket): ReadGateError {
    // A period closes when a switch is announced or a new load is seen; one still open has only
    // run out of polls (Neo4j slow or away), which proves no switch but disproves none either.
    return new ReadGateError(ticket.proven && !ticket.period.open ? 'switched' : 'unproven');
  }

  /** Learns from one poll of the watcher. */
  observe(poll: Poll): void {
    // A failed poll proves nothing and disproves nothing: the deadline simply is not moved on.
    this.failing = poll.state === null;
    if (poll.state) this.learn(poll.state, poll.startedAt);
    for (const wake of [...this.waiters]) wake();
    this.updateHurry();
  }

  private learn({ version, loadedAt, switching }: GraphState, startedAt: number): void {
    const load = `${version}@${loadedAt}`;
    if (this.period && this.period.load !== load) {
      // A commit came between two polls: nothing that ran across it stands.
      this.period.deadline = -Infinity;
      this.period.open = false;
      this.period = null;
    }
    // An announcement whose loader stopped renewing it is left behind by a dead loader.
    const live = switching && switching.heartbeatAgeMs < SWITCH_STALE_MS ? switching : null;
    this.switching = live !== null;
    const period = this.period;
    if (live) {
      if (!period) return;
      period.open = false;
      // A loader that waits less than this process assumes shortens what its polls proved.
      period.deadline = Math.min(period.deadline, period.lastPollAt + live.noticeMs);
    } else if (period?.open) {
      period.lastPollAt = startedAt;
      period.deadline = startedAt + this.options.noticeMs;
    } else {
      // After an announcement, even one that came to nothing, reads start over in a new period.
      this.period = { load, version, deadline: startedAt + this.options.noticeMs, open: true, lastPollAt: startedAt };
    }
  }

  private openTicket(): Ticket | null {
    const period = this.period;
    if (!period?.open || this.now() >= period.deadline) return null;
    return { version: period.version, period, proven: true };
  }

  /** Resolves at the next poll, or at `until`. */
  private nextPoll(until: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        this.updateHurry();
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, until - this.now()));
      this.waiters.add(wake);
      this.updateHurry();
    });
  }

  /** Requests waiting for a switch to end are let go a fraction of a poll after it does. */
  private updateHurry(): void {
    const hurry = this.switching && this.waiters.size > 0;
    if (hurry === this.hurrying) return;
    this.hurrying = hurry;
    this.watcher.hurry(hurry ? (this.options.hurryMs ?? 200) : null);
  }
}
