/**
 * Recovery from a Neo4j that dies or goes away. Under `npm start`, a local Neo4j whose JVM is
 * killed is logged in one line and restarted, and the API is ready again by itself. With an
 * external Neo4j that stops and comes back, the API fails fast with SERVICE_UNAVAILABLE, never
 * QUERY_TIMEOUT, until it is back, and answers every request sent once Neo4j accepts connections
 * (the first answers take as long as the restarted Neo4j needs to plan their statements).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/neo4j/database.js';
import { DatabaseError } from '../src/neo4j/errors.js';
import { apiOptionsFrom, createApi, type Api } from '../src/server/createApi.js';
import { PrivateNeo4j } from './support/privateNeo4j.js';
import { freePort, isRunning, launcherChildrenOf, runProject, waitFor } from './support/processes.js';
import { graphql } from './support/testGraph.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readyAt(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/ready`);
  return response.status === 200 ? ((await response.json()) as { dataVersion: string }) : undefined;
}

async function askOver(port: number, query: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

/** The 90th percentile: fail-fast is about every request but the odd one the busy machine delayed. */
const p90 = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? 0);

/** The JSON log lines written so far (a line still being written is left out). */
const logLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('npm start with a local Neo4j whose JVM is killed', () => {
  it('logs the death in one line, restarts it, and is ready and answering again by itself', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'drug-facts-crash-'));
    const run = runProject('bin/start.ts', { PORT: String(port), NEO4J_LOCAL_DATA_DIR: dataDir });
    const launchers = new Set<number>();
    let exitCode: number | null = null;
    try {
      await waitFor(() => readyAt(port), 120_000, '/ready');
      const [killed] = launcherChildrenOf(run.child.pid!);
      expect(killed).toBeGreaterThan(0);
      launchers.add(killed!);
      const logBefore = logLines(run.output()).length;

      process.kill(killed!, 'SIGKILL');
      const killedAt = performance.now();
      // Clients keep asking through the outage: each gets SERVICE_UNAVAILABLE, at once.
      const codes = new Set<string>();
      const failureMs: number[] = [];
      let ready: { dataVersion: string } | undefined;
      // Only a guard against a restart that never comes: /ready was back after 13-30 s here, and a
      // loaded machine's JVM start takes what it takes (the figure is logged below).
      while (!ready && performance.now() - killedAt < 150_000) {
        const asked = performance.now();
        const answer = await askOver(port, '{ drug(name: "lioresal") { id } }');
        for (const error of answer.errors ?? []) codes.add(error.extensions?.code ?? 'none');
        if (answer.errors) failureMs.push(performance.now() - asked);
        ready = await readyAt(port);
        if (!ready) await sleep(200);
      }
      const readyAfterMs = Math.round(performance.now() - killedAt);
      console.log(
        `npm start: JVM killed; /ready 200 again after ${readyAfterMs} ms; ${failureMs.length} failed requests, ` +
          `90% within ${p90(failureMs)} ms, the slowest ${Math.round(Math.max(...failureMs))} ms`,
      );
      expect(ready).toBeDefined();
      expect([...codes]).toEqual(['SERVICE_UNAVAILABLE']);
      expect(failureMs.length).toBeGreaterThan(5);
      // At once, not after the driver's 2 s connection timeout or retry budget: 90% took 55-71 ms
      // on a loaded machine, a fifteenth of this bound.
      expect(p90(failureMs)).toBeLessThan(1_000);

      const answer = await askOver(port, '{ drug(name: "baclofen") { id name } }');
      expect(answer.data).toEqual({ drug: { id: 'drug:baclofen', name: 'Baclofen' } });

      const restarted = launcherChildrenOf(run.child.pid!);
      expect(restarted).toHaveLength(1);
      expect(restarted[0]).not.toBe(killed);
      launchers.add(restarted[0]!);

      const during = logLines(run.output()).slice(logBefore);
      const deaths = during.filter((l) => String(l.msg).startsWith('the local Neo4j died'));
      expect(deaths).toHaveLength(1);
      expect(deaths[0]).toMatchObject({ level: 50, neo4jPid: killed, signal: 'SIGKILL' });
      expect(during.filter((l) => String(l.msg).startsWith('the local Neo4j runs again'))).toHaveLength(1);
      // One line for the death, one for the first failed request (the outage log): no stack per request.
      expect(during.filter((l) => Number(l.level) >= 50).length).toBeLessThanOrEqual(2);
    } finally {
      for (const pid of launcherChildrenOf(run.child.pid!)) launchers.add(pid);
      run.child.kill('SIGTERM');
      exitCode = await run.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(exitCode).toBe(0);
    expect([...launchers].filter(isRunning)).toEqual([]);
  }, 330_000);
});

/** What a client asked during an outage, and how it went. */
interface Answer {
  at: number;
  ms: number;
  codes: string[];
}

const MIXED = [
  '{ drug(name: "lioresal") { id name brands { name } } }',
  '{ timeline(entity: "drug:baclofen") { date } }',
  '{ neighbourhood(id: "drug:baclofen") { nodes { id } } }',
  '{ paths(from: "drug:baclofen", to: "drug:ghb", maxHops: 3) { length } }',
  '{ search(query: "baclofn") { score } }',
];

/** Clients asking `operations` in turn, each as soon as its last answer came, until `stop`. */
function clients(api: Api, count: number, operations: string[]) {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: count }, async (_, client) => {
    for (let i = client; running; i++) {
      const at = performance.now();
      const answer = await graphql(api, operations[i % operations.length]!);
      answers.push({
        at,
        ms: performance.now() - at,
        codes: (answer.errors ?? []).map((e) => String(e.extensions?.code)),
      });
      await sleep(50);
    }
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('an external Neo4j that stops and comes back', () => {
  let neo4j: PrivateNeo4j;
  let database: Database;
  let api: Api;

  beforeAll(async () => {
    neo4j = await PrivateNeo4j.start('recovery');
    database = neo4j.database;
    // No response cache: every request reaches Neo4j.
    api = createApi(apiOptionsFrom(loadConfig({ RESPONSE_CACHE: 'false' }), database, pino({ level: 'silent' })));
  });

  afterAll(async () => {
    await api.dispose();
    await neo4j.close();
  });

  /**
   * Stops Neo4j while clients ask, starts it again on the same port (noting when it prints
   * NEO4J_READY), and lets the clients ask until they have been answered for a while.
   */
  async function outage(count: number, operations: string[]) {
    // When each read the API made succeeded: the first to start after NEO4J_READY (its data
    // version poll, or a request's read) marks when the API itself found Neo4j back.
    const reads: { startedAt: number; endedAt: number }[] = [];
    const read = database.read.bind(database);
    database.read = (async (...args: Parameters<Database['read']>) => {
      const startedAt = performance.now();
      const rows = await read(...args);
      reads.push({ startedAt, endedAt: performance.now() });
      return rows;
    }) as Database['read'];
    const load = clients(api, count, operations);
    let stoppedAt = 0;
    let readyAt = Number.POSITIVE_INFINITY;
    try {
      await sleep(1_000);
      await neo4j.stop();
      stoppedAt = performance.now();
      await sleep(2_000);
      await neo4j.restart((line) => {
        if (line.startsWith('NEO4J_READY')) readyAt = performance.now();
      });
      await waitFor(
        async () => {
          const recent = load.answers.slice(-3 * count);
          return performance.now() - readyAt > 10_000 && recent.every((a) => a.codes.length === 0) ? true : undefined;
        },
        60_000,
        'the clients to be answered again',
      );
    } finally {
      await load.stop();
      database.read = read;
    }
    const after = load.answers.filter((a) => a.at > stoppedAt);
    const backAt = Math.min(...reads.filter((r) => r.startedAt > readyAt).map((r) => r.endedAt));
    const down = after.filter((a) => a.at + a.ms < readyAt);
    const lastFailure = after.map((a) => a.codes.length > 0).lastIndexOf(true);
    // From the moment the first request of an unbroken run of answers was sent, the API serves.
    const serving = after[lastFailure + 1]!;
    const firstAnswer = after.find((a) => a.codes.length === 0)!;
    return {
      codes: new Set(after.flatMap((a) => a.codes)),
      // Requests that outran the query timeout on the cold Neo4j (answered SERVICE_UNAVAILABLE).
      timedOut: after.filter((a) => a.codes.length > 0 && a.ms >= 5_000).length,
      // Requests sent once the API had read from the restarted Neo4j that failed at once (under a
      // second; a cold Neo4j fails a request in seconds): a delay of the API's own. A slower
      // machine only moves failures out of this count, never into it.
      failedFastOnceBack: after.filter((a) => a.at > backAt && a.codes.length > 0 && a.ms < 1_000).length,
      backAfterMs: Math.round(backAt - readyAt),
      down,
      servingFromMs: Math.round(serving.at - readyAt),
      firstAnswerMs: Math.round(firstAnswer.at + firstAnswer.ms - readyAt),
    };
  }

  it('fails fast with SERVICE_UNAVAILABLE while it is away, and never answers QUERY_TIMEOUT as it comes back cold', async () => {
    const { codes, down, timedOut, firstAnswerMs } = await outage(4, MIXED);
    const downMs = down.map((a) => a.ms);
    console.log(
      `external Neo4j, 4 clients: codes ${[...codes].join(', ')}; ${down.length} answers while down, ` +
        `90% within ${p90(downMs)} ms, the slowest ${Math.round(Math.max(...downMs))} ms; ` +
        `first answer ${firstAnswerMs} ms after NEO4J_READY; ` +
        `${timedOut} outran the query timeout while Neo4j was cold`,
    );
    expect([...codes]).toEqual(['SERVICE_UNAVAILABLE']);
    expect(down.length).toBeGreaterThan(10);
    expect(down.every((a) => a.codes.length > 0 && a.codes.every((c) => c === 'SERVICE_UNAVAILABLE'))).toBe(true);
    expect(p90(downMs)).toBeLessThan(1_000);
  }, 180_000);

  it('answers every request sent once Neo4j accepts connections again, with no delay of its own', async () => {
    const { codes, servingFromMs, firstAnswerMs, failedFastOnceBack, backAfterMs } = await outage(1, [
      '{ drug(name: "lioresal") { id } }',
    ]);
    console.log(
      `external Neo4j, 1 client: the API read from it ${backAfterMs} ms after NEO4J_READY; serving from ` +
        `${servingFromMs} ms after NEO4J_READY; first answer ${firstAnswerMs} ms after it (the restarted ` +
        `Neo4j planning the statement cold)`,
    );
    expect([...codes]).toEqual(['SERVICE_UNAVAILABLE']);
    // The API adds no delay of its own: once one of its reads succeeds again, no request fails
    // fast. When that is, and how long the first answers take, is Neo4j's (it plans cold) and
    // varies with the machine's load: serving began 12 ms after NEO4J_READY in one run and
    // 3,069 ms in another on a busy machine, so it is a logged figure, not a bound.
    expect(Number.isFinite(backAfterMs)).toBe(true);
    expect(failedFastOnceBack).toBe(0);

    // Right after an outage a timeout is the cold Neo4j's, not the query's: retry, not "ask for less".
    const slow = await database
      .read({ name: 'slow', cypher: 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n' })
      .catch((e: unknown) => e as DatabaseError);
    expect(slow).toBeInstanceOf(DatabaseError);
    expect((slow as DatabaseError).code).toBe('SERVICE_UNAVAILABLE');
    expect((slow as DatabaseError).message).toMatch(/^Neo4j is warming up after an outage/);
  }, 180_000);
});
