/**
 * `npm start` serves from a child process that it starts again when it dies (bin/start.ts,
 * bin/serve.ts, src/server/supervisor.ts): an API killed outright answers again on the same port,
 * SIGTERM stops the API and the supervisor cleanly, and a supervisor killed outright leaves no API
 * process behind.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isRunning, runProject, waitFor, type Running } from './support/processes.js';
import { openDatabase, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

/** Pids of the API processes (bin/serve.ts) whose parent is `parentPid`. */
function apiChildrenOf(parentPid: number): number[] {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parentPid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes('bin/serve.ts'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function startSupervised(): Promise<{ run: Running; port: number; api: number }> {
  const port = await freePort();
  const run = runProject('bin/start.ts', { ...testNeo4jEnv(), PORT: String(port), SEED_ON_START: 'false' });
  const api = await waitFor(
    async () => {
      const ready = (await fetch(`http://127.0.0.1:${port}/ready`)).status === 200;
      const [child] = apiChildrenOf(run.child.pid!);
      return ready && child ? child : undefined;
    },
    60_000,
    'the API to be ready',
  );
  return { run, port, api };
}

const drug = async (port: number) => {
  const response = await fetch(
    `http://127.0.0.1:${port}/graphql?query=${encodeURIComponent('{ drug(name: "baclofen") { id } }')}`,
  );
  return ((await response.json()) as { data: { drug: { id: string } } }).data.drug.id;
};

describe('npm start supervises the API process', () => {
  it('starts an API killed outright again, answering on the same port, and stops cleanly on SIGTERM', async () => {
    const { run, port, api } = await startSupervised();
    let again: number | undefined;
    try {
      expect(await drug(port)).toBe('drug:baclofen');
      process.kill(api, 'SIGKILL');
      again = await waitFor(
        async () => {
          const [child] = apiChildrenOf(run.child.pid!);
          return child && child !== api && (await drug(port)) === 'drug:baclofen' ? child : undefined;
        },
        60_000,
        'the API to answer again',
      );
      expect(run.output()).toMatch(/the API process died \(pid \d+, killed by SIGKILL\); starting it again in 250 ms/);
      expect(run.output()).toContain(`the API process runs again (pid ${again}, restart 1)`);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(isRunning(again!)).toBe(false);
  }, 150_000);

  it('leaves no API process behind when npm start itself is killed outright', async () => {
    const { run, api } = await startSupervised();
    run.child.kill('SIGKILL');
    await run.exited;
    await waitFor(async () => (isRunning(api) ? undefined : true), 30_000, 'the orphaned API to stop');
    expect(isRunning(api)).toBe(false);
  }, 120_000);
});
