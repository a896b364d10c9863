/**
 * Recovery from a Neo4j that dies or goes away. Under `npm start`, a local Neo4j whose JVM is
 * killed is logged in one line and restarted, and the API is ready again by itself. With an
 * external Neo4j that stops and comes back, the API fails fast with SERVICE_UNAVAILABLE, never
 * QUERY_TIMEOUT, until it is back, and serves within 2 s of a warmed Neo4j accepting connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGraph } from '../seed/seedGraph.js';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/neo4j/database.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j/localNeo4j.js';
import { apiOptionsFrom, createApi, type Api } from '../src/server/createApi.js';
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

const logLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('npm start with a local Neo4j whose JVM is killed', () => {
  it('logs the death in one line, restarts it, and is ready and answering again within 60 s', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'drug-facts-crash-'));
    const run = runProject('bin/start.ts', { PORT: String(port), NEO4J_LOCAL_DATA_DIR: dataDir });
    const launchers = new Set<number>();
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
      let slowestFailureMs = 0;
      let ready: { dataVersion: string } | undefined;
      while (!ready && performance.now() - killedAt < 60_000) {
        const asked = performance.now();
        const answer = await askOver(port, '{ drug(name: "lioresal") { id } }');
        for (const error of answer.errors ?? []) {
          codes.add(error.extensions?.code ?? 'none');
          slowestFailureMs = Math.max(slowestFailureMs, performance.now() - asked);
        }
        ready = await readyAt(port);
        if (!ready) await sleep(200);
      }
      const readyAfterMs = Math.round(performance.now() - killedAt);
      console.log(
        `npm start: JVM killed; /ready 200 again after ${readyAfterMs} ms; slowest failed request ${Math.round(slowestFailureMs)} ms`,
      );
      expect(ready).toBeDefined();
      expect(readyAfterMs).toBeLessThan(60_000);
      expect([...codes]).toEqual(['SERVICE_UNAVAILABLE']);
      expect(slowestFailureMs).toBeLessThan(1_000);

      const answer = await askOver(port, '{ drug(name: "baclofen") { id name } }');
      expect(answer.data).toEqual({ drug: { id: 'drug:baclofen', name: 'Baclofen' } });

      const restarted = launcherChildrenOf(run.child.pid!);
      expect(restarted).toHaveLength(1);
      expect(restarted[0]).not.toBe(killed);
      launchers.add(restarted[0]!);

      const during = logLines(run.output()).slice(logBefore);
      const deaths = during.filter((l) => String(l.msg).startsWith('the local Neo4j died'));
      expect(deaths).toHaveLength(1);
      expect(deaths[0]).toMatchObject({ level: 50, pid: killed, signal: 'SIGKILL' });
      expect(during.filter((l) => String(l.msg).startsWith('the local Neo4j runs again'))).toHaveLength(1);
      // One line for the death, one for the first failed request (the outage log): no stack per request.
      expect(during.filter((l) => Number(l.level) >= 50).length).toBeLessThanOrEqual(2);
    } finally {
      for (const pid of launcherChildrenOf(run.child.pid!)) launchers.add(pid);
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect([...launchers].filter(isRunning)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  }, 240_000);
});

/** What clients asked during an outage, and how it went. */
interface Answer {
  at: number;
  ms: number;
  codes: string[];
}

/** A few clients asking a mix of operations, as fast as answers come, until `stop`. */
function clients(api: Api, count: number) {
  const operations = [
    '{ drug(name: "lioresal") { id name brands { name } } }',
    '{ timeline(entity: "drug:baclofen") { date } }',
    '{ neighbourhood(id: "drug:baclofen") { nodes { id } } }',
    '{ paths(from: "drug:baclofen", to: "drug:ghb", maxHops: 3) { length } }',
    '{ search(query: "baclofn") { score } }',
  ];
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
  let neo4j: LocalNeo4j;
  let port: number;
  let dataDir: string;
  let database: Database;
  let api: Api;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'drug-facts-recovery-'));
    port = await freePort();
    neo4j = await startLocalNeo4j({ dataDir, port });
    database = new Database(
      { uri: neo4j.uri, user: 'neo4j', password: 'unused', database: 'neo4j' },
      { queryTimeoutMs: 5_000 },
    );
    await seedGraph(database);
    // No response cache: every request reaches Neo4j.
    api = createApi(apiOptionsFrom(loadConfig({ RESPONSE_CACHE: 'false' }), database, pino({ level: 'silent' })));
  });

  afterAll(async () => {
    await api.dispose();
    await database.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Stops Neo4j under load, starts it again (READY time noted), and returns the answers. */
  async function outage(warmUpMs: number, clientCount: number) {
    const load = clients(api, clientCount);
    await sleep(1_000);
    await neo4j.stop();
    const stoppedAt = performance.now();
    await sleep(2_000);
    let readyAt = 0;
    neo4j = await startLocalNeo4j({
      dataDir,
      port,
      warmUpMs,
      onOutput: (line) => {
        if (line.startsWith('NEO4J_READY')) readyAt = performance.now();
      },
    });
    // Until every client has had a few answers in a row, and at least 10 s.
    await waitFor(
      async () => {
        const recent = load.answers.slice(-3 * clientCount);
        return performance.now() - readyAt > 10_000 && recent.every((a) => a.codes.length === 0) ? true : undefined;
      },
      60_000,
      'the clients to be answered again',
    );
    await load.stop();
    const down = load.answers.filter((a) => a.at > stoppedAt && a.at + a.ms < readyAt);
    const firstServed = load.answers.find((a) => a.at >= stoppedAt && a.codes.length === 0 && a.at + a.ms > readyAt);
    return {
      answers: load.answers,
      down,
      servedAfterMs: Math.round(firstServed!.at + firstServed!.ms - readyAt),
    };
  }

  it('fails fast with SERVICE_UNAVAILABLE while it is away and never answers QUERY_TIMEOUT as it comes back cold', async () => {
    const { answers, down, servedAfterMs } = await outage(0, 4);
    const codes = new Set(answers.flatMap((a) => a.codes));
    const slowestDownMs = Math.round(Math.max(...down.map((a) => a.ms)));
    console.log(
      `external Neo4j, cold restart: ${answers.length} answers, codes ${[...codes].join(', ') || 'none'}; ` +
        `slowest answer while down ${slowestDownMs} ms; first answer ${servedAfterMs} ms after NEO4J_READY`,
    );
    expect(codes.has('QUERY_TIMEOUT')).toBe(false);
    expect([...codes]).toEqual(['SERVICE_UNAVAILABLE']);
    expect(down.length).toBeGreaterThan(10);
    expect(down.every((a) => a.codes.includes('SERVICE_UNAVAILABLE'))).toBe(true);
    expect(slowestDownMs).toBeLessThan(1_000);
  }, 180_000);

  it('serves again within 2 s of a warmed Neo4j accepting connections', async () => {
    const { answers, servedAfterMs } = await outage(2_000, 2);
    const codes = new Set(answers.flatMap((a) => a.codes));
    console.log(`external Neo4j, warmed restart: first answer ${servedAfterMs} ms after NEO4J_READY`);
    expect(codes.has('QUERY_TIMEOUT')).toBe(false);
    expect(servedAfterMs).toBeLessThanOrEqual(2_000);
  }, 180_000);
});
