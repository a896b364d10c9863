/**
 * Keeping the local Neo4j running (src/neo4j/ensureNeo4j.ts), against a stand-in launcher: a
 * death is logged in one line and followed by a restart; failing restarts back off, doubling,
 * and end in giving up; a stop ends the watch.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { keepLocalNeo4jRunning } from '../../src/neo4j/ensureNeo4j.js';
import type { LauncherExit, LocalNeo4j } from '../../src/neo4j/localNeo4j.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

/** A launcher whose deaths the test causes and whose restarts fail `failures` times first. */
class StandIn implements LocalNeo4j {
  uri = 'bolt://127.0.0.1:1';
  pid = 100;
  restarts = 0;
  private listeners: ((exit: LauncherExit) => void)[] = [];
  constructor(private failures = 0) {}
  stop = async () => {};
  restart = async () => {
    this.restarts += 1;
    if (this.failures-- > 0) throw new Error('port 1 is in use');
    this.pid += 1;
  };
  onExit(listener: (exit: LauncherExit) => void) {
    this.listeners.push(listener);
  }
  die(signal: NodeJS.Signals = 'SIGKILL') {
    for (const listener of this.listeners) listener({ pid: this.pid, code: null, signal });
  }
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

describe('keeping the local Neo4j running', () => {
  it('logs a death in one line and restarts it', async () => {
    const { log, lines } = capture();
    const local = new StandIn();
    const keeper = keepLocalNeo4jRunning(local, { log, onGiveUp: () => {}, firstDelayMs: 10 });
    local.die();
    await until(() => lines.length === 2);
    expect(lines[0]).toMatchObject({
      level: 50,
      neo4jPid: 100,
      signal: 'SIGKILL',
      restartInMs: 10,
      msg: 'the local Neo4j died (pid 100, killed by SIGKILL); restarting it in 10 ms',
    });
    expect(lines[1]).toMatchObject({
      level: 30,
      neo4jPid: 101,
      attempt: 1,
      msg: 'the local Neo4j runs again (pid 101, restart 1)',
    });
    expect(local.restarts).toBe(1);
    keeper.stop();
  });

  it('backs off, doubling, while restarts fail, and gives up after the last attempt', async () => {
    const { log, lines } = capture();
    const local = new StandIn(Infinity);
    const reasons: string[] = [];
    keepLocalNeo4jRunning(local, { log, onGiveUp: (r) => reasons.push(r), firstDelayMs: 2, maxAttempts: 4 });
    local.die();
    await until(() => reasons.length === 1);
    expect(local.restarts).toBe(4);
    expect(lines.map((l) => l.restartInMs ?? l.retryInMs)).toEqual([2, 4, 8, 16]);
    expect(lines.slice(1).map((l) => l.reason)).toEqual(['port 1 is in use', 'port 1 is in use', 'port 1 is in use']);
    expect(reasons).toEqual(['the local Neo4j did not stay up through 4 restarts in a row']);
  });

  it('counts a restart that dies again soon as a failure, and starts afresh after a stable run', async () => {
    const { log, lines } = capture();
    const local = new StandIn();
    const reasons: string[] = [];
    keepLocalNeo4jRunning(local, {
      log,
      onGiveUp: (r) => reasons.push(r),
      firstDelayMs: 2,
      maxAttempts: 2,
      // Each death follows its restart within a few ms: a stable run is far longer, so a stalled
      // machine cannot make a quick death look like one.
      stableMs: 5_000,
    });
    local.die();
    await until(() => local.restarts === 1);
    local.die();
    await until(() => local.restarts === 2);
    expect(lines.filter((l) => l.level === 50).map((l) => l.restartInMs)).toEqual([2, 4]);
    local.die();
    await until(() => reasons.length === 1);
    expect(local.restarts).toBe(2);

    const steady = new StandIn();
    const { log: log2, lines: lines2 } = capture();
    keepLocalNeo4jRunning(steady, {
      log: log2,
      onGiveUp: (r) => reasons.push(r),
      firstDelayMs: 2,
      maxAttempts: 1,
      stableMs: 50,
    });
    steady.die();
    await until(() => steady.restarts === 1);
    await new Promise((r) => setTimeout(r, 60));
    steady.die();
    await until(() => steady.restarts === 2);
    expect(lines2.filter((l) => l.level === 50).map((l) => l.restartInMs)).toEqual([2, 2]);
    expect(reasons).toHaveLength(1);
  });

  it('restarts nothing once stopped, even in the middle of a backoff', async () => {
    const { log } = capture();
    const local = new StandIn();
    const keeper = keepLocalNeo4jRunning(local, { log, onGiveUp: () => {}, firstDelayMs: 50 });
    local.die();
    keeper.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(local.restarts).toBe(0);
  });
});
