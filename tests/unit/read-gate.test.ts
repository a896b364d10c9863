/**
 * The read gate (src/server/readGate.ts), with polls played by hand on a fake clock: which
 * requests may read, until when what they read stands, and how long they wait for a switch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_SWITCH_NOTICE_MS, switchNoticeMs, type GraphState } from '../../src/neo4j/meta.js';
import type { Poll } from '../../src/server/dataVersionWatcher.js';
import { ReadGate, ReadGateError, type PollSource, type Ticket } from '../../src/server/readGate.js';

/** The graph state with no switch announced; `loadedAt` tells two loads of one version apart. */
const clear = (version: string, loadedAt = `${version} loaded`): GraphState => ({ version, loadedAt, switching: null });
const announced = (version: string, noticeMs = 3_000, heartbeatAgeMs = 0): GraphState => ({
  ...clear(version),
  switching: { token: 't', noticeMs, heartbeatAgeMs },
});

/** A watcher whose polls the test makes; `refresh` polls `next` (null: the read fails). */
class Polls implements PollSource {
  current: string | null = null;
  next: GraphState | null = clear('v1');
  hurried: number | null = null;
  refreshes = 0;
  private readonly listeners: ((poll: Poll) => void)[] = [];
  onPoll(listener: (poll: Poll) => void) {
    this.listeners.push(listener);
    return () => {};
  }
  hurry(everyMs: number | null) {
    this.hurried = everyMs;
  }
  async refresh() {
    this.refreshes += 1;
    this.poll(this.next);
  }
  /** A poll that started at `startedAt` and completes now. */
  poll(state: GraphState | null, startedAt = Date.now()) {
    if (state) this.current = state.version;
    for (const listener of this.listeners) listener({ startedAt, state });
  }
}

let polls: Polls;
let gate: ReadGate;
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  polls = new Polls();
  gate = new ReadGate(polls, { noticeMs: 3_000, maxWaitMs: 5_000, now: () => Date.now() });
});
afterEach(() => vi.useRealTimers());

const at = (ms: number) => vi.advanceTimersByTimeAsync(ms - Date.now());
/** A ticket request whose outcome the test can look at without awaiting it. */
function request() {
  const state: { ticket?: Ticket; error?: unknown } = {};
  gate.enter().then(
    (ticket) => (state.ticket = ticket),
    (error: unknown) => (state.error = error),
  );
  return state;
}

describe('a period of reads', () => {
  it('opens with a poll that saw no switch; what is read stands until noticeMs after that poll started', async () => {
    polls.poll(clear('v1'));
    const ticket = await gate.enter();
    expect(ticket).toMatchObject({ version: 'v1', proven: true });
    await at(2_999);
    expect(gate.holds(ticket)).toBe(true);
    await at(3_000);
    expect(gate.holds(ticket)).toBe(false);
  });

  it('is moved on by each next poll in time', async () => {
    polls.poll(clear('v1'));
    const ticket = await gate.enter();
    await at(2_000);
    polls.poll(clear('v1'));
    await at(4_999);
    expect(gate.holds(ticket)).toBe(true);
  });

  it('is moved on by a later poll of the same load, however late, failed polls between them', async () => {
    polls.poll(clear('v1'));
    const ticket = await gate.enter();
    await at(2_000);
    polls.poll(null);
    await at(4_500);
    polls.poll(clear('v1'), 4_400);
    expect(gate.holds(ticket)).toBe(true);
    await at(7_399);
    expect(gate.holds(ticket)).toBe(true);
  });

  it('is voided by a new load, even of the same version', async () => {
    polls.poll(clear('v1'));
    const ticket = await gate.enter();
    await at(500);
    polls.poll(clear('v1', 'reloaded'));
    expect(gate.holds(ticket)).toBe(false);
    expect(await gate.enter()).toMatchObject({ version: 'v1', proven: true });
  });

  it('starts with a poll of its own for the first request', async () => {
    expect(await gate.enter()).toMatchObject({ version: 'v1', proven: true });
    expect(polls.refreshes).toBe(1);
  });
});

describe('an announced switch', () => {
  it('stops new tickets, lets started reads stand until their deadline, and lets waiting requests go on the new version', async () => {
    polls.poll(clear('v1'));
    const before = await gate.enter();
    await at(2_000);
    polls.poll(announced('v1'));
    const waiting = request();
    await at(2_100);
    expect(waiting.ticket).toBeUndefined();
    expect(polls.hurried).toBe(200);
    expect(gate.holds(before)).toBe(true);
    await at(3_000);
    expect(gate.holds(before)).toBe(false);
    // Committed, not yet ended: still no ticket.
    polls.poll(announced('v2'));
    await at(3_300);
    expect(waiting.ticket).toBeUndefined();
    polls.poll(clear('v2'));
    await at(3_301);
    expect(waiting.ticket).toMatchObject({ version: 'v2', proven: true });
    expect(polls.hurried).toBeNull();
  });

  it('by a loader that waits less than this process assumes, shortens what a poll proved', async () => {
    polls.poll(clear('v1'));
    const ticket = await gate.enter();
    await at(1_000);
    polls.poll(announced('v1', 1_500));
    await at(1_499);
    expect(gate.holds(ticket)).toBe(true);
    await at(1_500);
    expect(gate.holds(ticket)).toBe(false);
  });

  it('that outlasts the wait refuses the request', async () => {
    polls.poll(announced('v1'));
    const waiting = request();
    await at(5_000);
    expect(waiting.error).toEqual(new ReadGateError('switching'));
  });

  it('left by a dead loader (no heartbeat for SWITCH_STALE_MS) is ignored', async () => {
    polls.poll(announced('v1', 3_000, 10_000));
    expect(await gate.enter()).toMatchObject({ version: 'v1', proven: true });
  });
});

describe('without an announcement seen', () => {
  it('what ran across a new version does not stand', async () => {
    polls.poll(clear('v1'));
    const ticket = await gate.enter();
    await at(500);
    polls.poll(clear('v2'));
    expect(gate.holds(ticket)).toBe(false);
    expect(await gate.enter()).toMatchObject({ version: 'v2' });
  });

  it('with Neo4j not answering, requests run unproven, and what they read does not stand', async () => {
    polls.poll(clear('v1'));
    await at(3_000);
    polls.next = null;
    const ticket = await gate.enter();
    expect(ticket).toMatchObject({ version: 'v1', proven: false });
    expect(gate.holds(ticket)).toBe(false);
  });
});

/**
 * A watcher whose polls take until the test releases them, as a busy Neo4j's do; like the real
 * one, it reads once for all who ask while a read is in flight.
 */
class SlowPolls extends Polls {
  private releases: (() => void)[] = [];
  private inFlight: Promise<void> | null = null;
  override refresh() {
    this.inFlight ??= (async () => {
      this.refreshes += 1;
      const startedAt = Date.now();
      await new Promise<void>((resolve) => this.releases.push(resolve));
      this.inFlight = null;
      this.poll(this.next, startedAt);
    })();
    return this.inFlight;
  }
  /** Completes the polls in flight. */
  release() {
    for (const release of this.releases.splice(0)) release();
  }
}

describe('a late poll', () => {
  let slow: SlowPolls;
  beforeEach(() => {
    slow = new SlowPolls();
    gate = new ReadGate(slow, { noticeMs: 3_000, maxWaitMs: 5_000, now: () => Date.now() });
  });

  it('is waited for, not refused: the request stands once it sees the same load and no announcement', async () => {
    slow.poll(clear('v1'));
    const ticket = await gate.enter();
    // The poll due at 2000 is late; the deadline (3000) passes before it comes.
    await at(3_100);
    expect(gate.holds(ticket)).toBe(false);
    const concurrent = [gate.confirm(ticket), gate.confirm(ticket), gate.confirm(ticket)];
    await at(3_400);
    expect(slow.refreshes).toBe(1);
    slow.release();
    expect(await Promise.all(concurrent)).toEqual([true, true, true]);
    expect(gate.holds(ticket)).toBe(true);
  });

  it('that sees another load refuses what ran across it', async () => {
    slow.poll(clear('v1'));
    const ticket = await gate.enter();
    await at(3_100);
    slow.next = clear('v2');
    const confirmed = gate.confirm(ticket);
    slow.release();
    expect(await confirmed).toBe(false);
    expect(gate.refusal(ticket)).toEqual(new ReadGateError('switched'));
  });

  it('that fails confirms nothing, and after a failed poll nothing is waited for', async () => {
    slow.poll(clear('v1'));
    const ticket = await gate.enter();
    await at(3_100);
    slow.next = null;
    const confirmed = gate.confirm(ticket);
    slow.release();
    expect(await confirmed).toBe(false);
    expect(await gate.confirm(ticket)).toBe(false);
    expect(slow.refreshes).toBe(1);
    expect(gate.refusal(ticket)).toEqual(new ReadGateError('unproven'));
  });
});

it('loaders given no settings wait what API processes with the default configuration need', () => {
  expect(DEFAULT_SWITCH_NOTICE_MS).toBe(switchNoticeMs(loadConfig({})));
});
