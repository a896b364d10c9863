/**
 * Throttled log
 *
 * What clients cause (malformed requests, refusals, timeouts, an outage they all run into) is
 * counted, and each kind is logged at most once per interval: its first occurrence whole, then
 * at most one line per interval with the count since the previous line and the total, carrying
 * the fields of the latest occurrence as a sample. A client repeating a bad request as fast as
 * it can therefore writes two lines a minute, not a line per request (issue 19: a bad-Host
 * flood wrote 11.8 MB in 5 s). A kind's pending count is written when its interval ends, even
 * if nothing of that kind follows, and by `flush` on shutdown.
 *
 * Kinds must come from the server (a code, a fixed name), never from the request: the state is
 * kept per kind, and past `MAX_KINDS` further kinds are counted as "other".
 */
export type LogLevel = 'info' | 'warn' | 'error';

/** Where lines go: a pino logger, or anything taking (fields, message) at these levels. */
export type LineSink = Record<LogLevel, (fields: Record<string, unknown>, message: string) => void>;

export interface ThrottledLogOptions {
  /** Shortest time between two lines of one kind. @default 60000 */
  everyMs?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

/** The totals of a kind, as `end` returns them. */
export interface KindTotals {
  /** Occurrences not yet written in a line. */
  pending: number;
  /** Occurrences since the kind began (or was last ended). */
  total: number;
}

interface KindState extends KindTotals {
  lastLineAt: number;
  fields: Record<string, unknown>;
  message: string;
  level: LogLevel;
  timer: NodeJS.Timeout | undefined;
}

/** More kinds than the server has codes for means something is wrong; they are pooled. */
const MAX_KINDS = 100;

export class ThrottledLog {
  private readonly kinds = new Map<string, KindState>();
  private readonly everyMs: number;
  private readonly now: () => number;

  constructor(
    private readonly logger: LineSink,
    options: ThrottledLogOptions = {},
  ) {
    this.everyMs = options.everyMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * One occurrence of `kind`. Written at once (with `kind`, `count` and `total` added to
   * `fields`) if the kind has had no line for an interval; otherwise counted, and `fields` and
   * `message` kept for the line that ends the interval.
   */
  note(kind: string, fields: Record<string, unknown>, message: string = kind, level: LogLevel = 'warn'): void {
    if (!this.kinds.has(kind) && this.kinds.size >= MAX_KINDS) kind = 'other';
    const now = this.now();
    let state = this.kinds.get(kind);
    if (!state) {
      state = { lastLineAt: -Infinity, pending: 0, total: 0, fields, message, level, timer: undefined };
      this.kinds.set(kind, state);
    }
    state.pending++;
    state.total++;
    state.fields = fields;
    state.message = message;
    state.level = level;
    if (now - state.lastLineAt >= this.everyMs) this.write(kind, state, now);
    else if (state.timer === undefined) {
      const line = state;
      // unref: a pending summary must not keep a stopping process alive; `flush` writes it.
      line.timer = setTimeout(() => this.write(kind, line, this.now()), line.lastLineAt + this.everyMs - now);
      line.timer.unref();
    }
  }

  /** Forgets `kind` without writing what is pending (the caller writes its own last line). */
  end(kind: string): KindTotals {
    const state = this.kinds.get(kind);
    if (!state) return { pending: 0, total: 0 };
    clearTimeout(state.timer);
    this.kinds.delete(kind);
    return { pending: state.pending, total: state.total };
  }

  /** Writes every kind's pending count now: on shutdown, so no count is lost. */
  flush(): void {
    const now = this.now();
    for (const [kind, state] of this.kinds) this.write(kind, state, now);
  }

  private write(kind: string, state: KindState, now: number): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    if (state.pending === 0) return;
    this.logger[state.level]({ ...state.fields, kind, count: state.pending, total: state.total }, state.message);
    state.pending = 0;
    state.lastLineAt = now;
  }
}
