/**
 * Loaders at the same time: one loads, the other waits for its lock and then loads its own data
 * against what the first committed, so that afterwards the graph, `meta` and `/ready` agree on
 * one version (issue 14: both used to exit 0 leaving 60 drugs under a 10-drug version). A loader
 * killed while its switch is announced pauses API reads only until the announcement goes stale,
 * and the next run converges.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticGraph } from '../bench/synthetic.js';
import { DEFAULT_DATA_DIR, prepareSeed } from '../seed/seedGraph.js';
import type { GraphRows } from '../seed/toGraph.js';
import { graphVersion, SWITCH_STALE_MS } from '../src/neo4j/meta.js';
import { runProject, waitFor, type Running } from './support/processes.js';
import { copySeedData, type SeedDataCopy } from './support/seedDataCopy.js';
import {
  countsByKind,
  expectedCounts,
  graphql,
  jsonPost,
  openDatabase,
  testApi,
  testNeo4jEnv,
  useStandardGraph,
} from './support/testGraph.js';

const database = openDatabase();
const BACLOFEN = '{ drug(id: "drug:baclofen") { id } }';
const work = mkdtempSync(join(tmpdir(), 'drug-facts-concurrency-'));
/** The project's data with 50 invented drugs beside it. */
const withSynthetic = [DEFAULT_DATA_DIR, join(work, 'synthetic')];
/** The project's data with one half-life changed. */
let halfLife: SeedDataCopy;

beforeAll(() => {
  writeSyntheticGraph(join(work, 'synthetic'), 50);
  halfLife = copySeedData();
  halfLife.edit('facts/pharmacokinetics.yaml', (doc) => {
    doc.literals.find(
      (l: { attribute: string; value?: number }) => l.attribute === 'halfLife' && l.value === 6.8,
    ).value = 7.2;
  });
});
afterAll(async () => {
  halfLife.remove();
  rmSync(work, { recursive: true, force: true });
  await useStandardGraph(database);
  await database.close();
});

const dataArgs = (dirs: string[]) => dirs.flatMap((dir) => ['--data', dir]);
const seedCli = (args: string[]) => runProject('bin/seed.ts', testNeo4jEnv(), args);
const line = (run: Running, text: string) =>
  waitFor(async () => (run.output().includes(text) ? true : undefined), 60_000, `"${text}" from a loader`);

/**
 * The graph, `meta` and `/ready` each say which version is loaded and what it holds. A killed
 * loader's stale switch announcement is one more Meta node until the next load ends it.
 */
async function expectOneVersion(rows: GraphRows, metaNodes = 1) {
  expect(await graphVersion(database)).toBe(rows.version);
  expect(await countsByKind(database)).toEqual({ ...expectedCounts(rows), 'node:Meta': metaNodes });
  const api = testApi(database);
  try {
    const answer = await graphql<{ meta: { dataVersion: string; nodeCounts: { name: string; count: number }[] } }>(
      api,
      '{ meta { dataVersion nodeCounts { name count } } }',
    );
    expect(answer.data!.meta.dataVersion).toBe(rows.version);
    expect(answer.data!.meta.nodeCounts.find((c) => c.name === 'Drug')?.count).toBe(rows.entities.get('Drug')!.length);
    const ready = await api.fetch('http://api/ready');
    expect(await ready.json()).toEqual({ status: 'ready', dataVersion: rows.version });
  } finally {
    await api.dispose();
  }
}

describe('two `npm run seed` at once, with different data', () => {
  it('the second waits for the first to commit, then loads its data; graph, meta and /ready agree', async () => {
    await useStandardGraph(database);
    const mine = prepareSeed([halfLife.dir]);

    const first = seedCli([...dataArgs(withSynthetic), '--hold-open-ms', '10000']);
    await line(first, 'seed: holding the transaction open');
    const second = seedCli(['--data', halfLife.dir]);
    await line(second, 'seed: another load holds the graph: waiting until it commits or fails');
    expect(second.output()).not.toContain('seed: transaction open');

    expect(await first.exited, first.output()).toBe(0);
    expect(await second.exited, second.output()).toBe(0);
    // It planned against the first's commit: the 50 drugs that added are taken out again.
    expect(second.output()).toMatch(/removed: [1-9]\d* stale nodes/);
    await expectOneVersion(mine);
  });

  it('into an empty database, the second waits for the first load to be whole, then loads its data', async () => {
    await database.writeTransaction('test: empty the database', (tx) => tx.run('MATCH (n) DETACH DELETE n'));
    const mine = prepareSeed([halfLife.dir]);

    const first = seedCli(['--hold-open-ms', '8000']);
    await line(first, 'seed: holding the transaction open');
    expect(first.output()).toContain('no graph loaded yet: writing in batches');
    const second = seedCli(['--data', halfLife.dir]);
    await line(second, 'seed: another load holds the graph');
    // The first load's rows are all written, but no version is stamped until it commits.
    expect(await graphVersion(database)).toBeNull();

    expect(await first.exited, first.output()).toBe(0);
    expect(await second.exited, second.output()).toBe(0);
    expect(second.output()).toContain('in one transaction');
    await expectOneVersion(mine);
  });
});

describe('a loader killed while its switch is announced', () => {
  it('pauses API reads until the announcement goes stale, then the old version is served; the next run converges', async () => {
    await useStandardGraph(database);
    const standard = prepareSeed();
    // No response cache: every question has to read.
    const api = testApi(database, { RESPONSE_CACHE: 'false' });
    const ask = async () => {
      const response = await api.fetch('http://api/graphql', jsonPost(JSON.stringify({ query: BACLOFEN })));
      return { response, body: (await response.json()) as { data?: unknown; errors?: { message: string }[] } };
    };
    try {
      expect((await ask()).response.headers.get('x-data-version')).toBe(standard.version);
      // A long grace keeps its switch announced (and uncommitted) until the kill.
      const doomed = runProject('bin/seed.ts', { ...testNeo4jEnv(), SWITCH_GRACE_MS: '60000' }, [
        '--data',
        halfLife.dir,
      ]);
      await line(doomed, 'seed: switch announced');
      const paused = await waitFor(
        async () => {
          const attempt = await ask();
          return attempt.response.status === 503 ? attempt : undefined;
        },
        10_000,
        'the API to pause its reads',
      );
      expect(paused.body.errors![0]!.message).toBe('the data is being switched to a new version; retry in 1 s');
      doomed.child.kill('SIGKILL');
      expect(await doomed.exited).toBeNull();
      const killed = performance.now();

      const statuses: number[] = [];
      let answered: Awaited<ReturnType<typeof ask>> | undefined;
      while (!answered && performance.now() - killed < SWITCH_STALE_MS + 30_000) {
        const attempt = await ask();
        statuses.push(attempt.response.status);
        if (attempt.response.status === 200) answered = attempt;
        else {
          expect(attempt.response.status).toBe(503);
          expect(attempt.response.headers.get('retry-after')).toBe('1');
          expect(attempt.body.errors![0]!.message).toBe('the data is being switched to a new version; retry in 1 s');
        }
      }
      const resumedAfterMs = performance.now() - killed;
      console.log(
        `killed loader: reads resumed ${Math.round(resumedAfterMs)} ms after the kill (${statuses.join(' ')})`,
      );
      expect(statuses[0]).toBe(503);
      // Reads resume by themselves (the loop above gives up 30 s after the announcement goes
      // stale, 15 polls); how soon depends on the polls a loaded machine runs, so it is the
      // logged figure, not a bound.
      expect(answered).toBeDefined();
      expect(answered!.response.headers.get('x-data-version')).toBe(standard.version);
      await expectOneVersion(standard, 2);
    } finally {
      await api.dispose();
    }

    const next = seedCli(['--data', halfLife.dir]);
    expect(await next.exited, next.output()).toBe(0);
    await expectOneVersion(prepareSeed([halfLife.dir]));
  }, 120_000);
});
