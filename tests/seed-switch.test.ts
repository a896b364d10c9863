/**
 * Readers during a large commit (issue 14): while `npm run seed` commits 2,000 synthetic drugs
 * in one transaction, and then another run takes them out again, API readers asking without a
 * pause never get a mixed answer.
 *
 * An answer is mixed when its parts disagree about the data version. Each answer names the
 * version it was read from (`x-data-version`), and reads, in four round trips, `meta.dataVersion`,
 * three sampled synthetic drugs, the number of ACTS_ON facts and the number of events: the
 * version must equal the header, the sampled drugs must all exist in the large version and none
 * in the small one, and both counts must be that version's. The only other answer allowed is
 * 503 SERVICE_UNAVAILABLE with Retry-After, while a switch commits; a QUERY_TIMEOUT or any
 * other error fails the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticGraph } from '../bench/synthetic.js';
import { DEFAULT_DATA_DIR, prepareSeed } from '../seed/seedGraph.js';
import type { GraphRows } from '../seed/toGraph.js';
import { runProject } from './support/processes.js';
import { jsonPost, openDatabase, testApi, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const work = mkdtempSync(join(tmpdir(), 'drug-facts-switch-'));
const SAMPLED = ['drug:synthetic-000000', 'drug:synthetic-001000', 'drug:synthetic-001999'];
const PROBE = `query Probe($ids: [ID!]) {
  meta { dataVersion }
  drugs(ids: $ids) { id }
  facts(predicate: "ACTS_ON", first: 1) { totalCount }
  timeline { id }
}`;

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await useStandardGraph(database);
  await database.close();
});

interface Expected {
  present: boolean;
  actsOn: number;
  events: number;
}
const expectedOf = (rows: GraphRows, present: boolean): Expected => ({
  present,
  actsOn: rows.relations.get('ACTS_ON')!.length,
  events: rows.entities.get('Event')!.length,
});

interface Answer {
  at: number;
  ms: number;
  status: number;
  version: string | null;
  retryAfter: string | null;
  body: {
    data?: {
      meta: { dataVersion: string };
      drugs: ({ id: string } | null)[];
      facts: { totalCount: number };
      timeline: { id: string }[];
    };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

/** Why an answer is not one version's, or null when it is. */
function mixed(answer: Answer, versions: Map<string, Expected>): string | null {
  const { data, errors } = answer.body;
  if (answer.status === 503 && errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE' && answer.retryAfter === '1')
    return data ? 'a refusal with data' : null;
  if (answer.status !== 200 || errors || !data) return `status ${answer.status}: ${JSON.stringify(errors)}`;
  const expected = answer.version ? versions.get(answer.version) : undefined;
  if (!expected) return `an unknown x-data-version ${answer.version}`;
  if (data.meta.dataVersion !== answer.version)
    return `meta says ${data.meta.dataVersion}, the header ${answer.version}`;
  const present = data.drugs.map((d) => d !== null);
  if (present.some((p) => p !== expected.present)) return `sampled drugs present: ${present.join(', ')}`;
  if (data.facts.totalCount !== expected.actsOn) return `${data.facts.totalCount} ACTS_ON facts`;
  if (data.timeline.length !== expected.events) return `${data.timeline.length} events`;
  return null;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

describe('every answer names the data version it was read from', () => {
  it('in x-data-version, executed or from the response cache, and not in the body', async () => {
    const version = await useStandardGraph(database);
    const api = testApi(database);
    const url = `http://api/graphql?query=${encodeURIComponent('{ drug(id: "drug:baclofen") { id } }')}`;
    try {
      // The first question starts the version watcher; nothing is cached before it has read.
      await api.fetch(url);
      const executed = await api.fetch(url);
      expect(executed.headers.get('x-data-version')).toBe(version);
      expect(await executed.json()).toEqual({ data: { drug: { id: 'drug:baclofen' } } });
      const reads = database.roundTrips;
      const cached = await api.fetch(url);
      expect(database.roundTrips).toBe(reads);
      expect(cached.headers.get('x-data-version')).toBe(version);
    } finally {
      await api.dispose();
    }
  });
});

describe('API readers during the commit of a large change', () => {
  let small: GraphRows;
  let large: GraphRows;
  const largeDirs = [DEFAULT_DATA_DIR, join(work, 'synthetic')];

  beforeAll(async () => {
    writeSyntheticGraph(join(work, 'synthetic'), 2000);
    small = prepareSeed();
    large = prepareSeed(largeDirs);
    await useStandardGraph(database);
  });

  it('never see a mixed answer while 2,000 drugs are added and then removed', async () => {
    const versions = new Map([
      [small.version, expectedOf(small, false)],
      [large.version, expectedOf(large, true)],
    ]);
    // Every question reads: with the response cache on, repeated ones would not.
    const api = testApi(database, { RESPONSE_CACHE: 'false' });
    const answers: Answer[] = [];
    let reading = true;
    const started = performance.now();
    const reader = async () => {
      while (reading) {
        const at = performance.now();
        const response = await api.fetch(
          'http://api/graphql',
          jsonPost(JSON.stringify({ query: PROBE, variables: { ids: SAMPLED } })),
        );
        answers.push({
          at: at - started,
          ms: performance.now() - at,
          status: response.status,
          version: response.headers.get('x-data-version'),
          retryAfter: response.headers.get('retry-after'),
          body: (await response.json()) as Answer['body'],
        });
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    const load = async (dirs: string[]) => {
      const run = runProject(
        'bin/seed.ts',
        testNeo4jEnv(),
        dirs.flatMap((dir) => ['--data', dir]),
      );
      expect(await run.exited, run.output()).toBe(0);
      expect(run.output()).toContain('seed: switch announced');
      console.log(`switch: ${run.output().match(/loaded data version \w+ into \S+ in \d+ ms/)?.[0]}`);
      return run.output();
    };
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const added = await load(largeDirs);
      await new Promise((r) => setTimeout(r, 3_000));
      const removed = await load([DEFAULT_DATA_DIR]);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(added).toMatch(/\d+ rows written or deleted, in one transaction/);
      expect(removed).toMatch(/removed: \d+ stale nodes/);
    } finally {
      reading = false;
      await Promise.all(readers);
      await api.dispose();
    }

    const faults = answers.map((a) => ({ a, why: mixed(a, versions) })).filter((f) => f.why !== null);
    expect(faults.slice(0, 5).map((f) => `${Math.round(f.a.at)} ms: ${f.why}`)).toEqual([]);

    // Old, new, old again: each switch seen once, and never undone.
    const served = answers.filter((a) => a.status === 200).sort((a, b) => a.at + a.ms - (b.at + b.ms));
    const sequence = served.map((a) => a.version).filter((v, i, all) => i === 0 || v !== all[i - 1]);
    expect(sequence).toEqual([small.version, large.version, small.version]);

    // How long readers went without an answer at each switch: last old answer to first new one.
    const pauses = served
      .slice(1)
      .flatMap((a, i) =>
        a.version === served[i]!.version ? [] : [Math.round(a.at + a.ms - (served[i]!.at + served[i]!.ms))],
      );
    const latencies = served.map((a) => a.ms);
    console.log(
      `switch: ${answers.length} answers, ${answers.length - served.length} refused with 503; ` +
        `no answer for ${pauses.join(' ms and ')} ms at the two switches; ` +
        `served p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
  }, 240_000);
});
