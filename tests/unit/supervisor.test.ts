/**
 * The supervisor (src/server/supervisor.ts) over small stand-in children: a child that dies is
 * started again, one that never gets ready is given up on, and stopping ends the child, killing
 * one that will not stop.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { supervise, type Supervisor } from '../../src/server/supervisor.js';

const dir = mkdtempSync(join(tmpdir(), 'drug-facts-supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, body);
  return path;
}

/** Ready at once; stays up until told otherwise (or its supervisor goes). */
const READY = script(
  'ready',
  `process.send({ ready: true });
   process.on('disconnect', () => process.exit(0));
   setInterval(() => {}, 1000);`,
);
const NEVER_READY = script('never-ready', 'process.exit(3);');
const STUBBORN = script(
  'stubborn',
  `process.on('SIGTERM', () => {});
   process.send({ ready: true });
   setInterval(() => {}, 1000);`,
);

function recorder() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => void lines.push(String(args.at(-1)));
  return { lines, log: { info: record, warn: record, error: record } };
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const exited = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('the supervisor', () => {
  it('starts a child that died again, and stops it on request', async () => {
    const { lines, log } = recorder();
    let supervisor: Supervisor | undefined;
    try {
      supervisor = supervise({ script: READY, env: {}, execArgv: [], log, onGiveUp: () => {}, firstDelayMs: 10 });
      const first = await until(() => (supervisor!.ready ? supervisor!.pid : undefined), 'the first child');
      process.kill(first, 'SIGKILL');
      const second = await until(
        () => (supervisor!.restarts === 1 && supervisor!.ready ? supervisor!.pid : undefined),
        'a second child',
      );
      expect(second).not.toBe(first);
      expect(lines.find((l) => l.includes('runs again'))).toBe(`the API process runs again (pid ${second}, restart 1)`);
      expect(lines.find((l) => l.includes('died'))).toMatch(
        /died \(pid \d+, killed by SIGKILL\); starting it again in 10 ms/,
      );
      await supervisor.stop();
      expect(exited(second)).toBe(true);
      expect(supervisor.pid).toBeUndefined();
    } finally {
      await supervisor?.stop();
    }
  });

  it('waits longer each time children keep dying soon after they start', async () => {
    const { lines, log } = recorder();
    const supervisor = supervise({ script: READY, env: {}, execArgv: [], log, onGiveUp: () => {}, firstDelayMs: 10 });
    try {
      for (let restart = 1; restart <= 3; restart++) {
        const pid = await until(
          () => (supervisor.restarts === restart - 1 && supervisor.ready ? supervisor.pid : undefined),
          'a ready child',
        );
        process.kill(pid, 'SIGKILL');
        await until(() => (supervisor.restarts === restart ? true : undefined), 'the restart');
      }
      const waits = lines.filter((l) => l.includes('died')).map((l) => Number(/again in (\d+) ms/.exec(l)![1]));
      expect(waits).toEqual([10, 20, 40]);
    } finally {
      await supervisor.stop();
    }
  });

  it('gives up on children that die before they are ready', async () => {
    const { lines, log } = recorder();
    let reason: string | undefined;
    const supervisor = supervise({
      script: NEVER_READY,
      env: {},
      execArgv: [],
      log,
      onGiveUp: (why) => (reason = why),
      firstDelayMs: 5,
      maxAttempts: 3,
    });
    try {
      await until(() => reason, 'giving up');
      expect(reason).toBe('the API process did not start 3 times in a row (last: exit code 3)');
      expect(supervisor.restarts).toBe(2);
      expect(lines.filter((l) => l.includes('did not start (pid'))).toHaveLength(2);
    } finally {
      await supervisor.stop();
    }
  });

  it('kills a child that does not stop within its time', async () => {
    const { log } = recorder();
    const supervisor = supervise({
      script: STUBBORN,
      env: {},
      execArgv: [],
      log,
      onGiveUp: () => {},
      stopTimeoutMs: 200,
    });
    // Ready means its SIGTERM handler is in place.
    const pid = await until(() => (supervisor.ready ? supervisor.pid : undefined), 'the child');
    await supervisor.stop();
    expect(exited(pid)).toBe(true);
  });
});
