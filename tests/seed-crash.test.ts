/**
 * A loader killed in the middle of its write leaves the previous graph as it was (a change to a
 * loaded graph is one transaction), and the next run converges to the new data. The kill comes
 * while the CLI holds its transaction open (`--hold-open-ms`), after every row has been written.
 *
 * A first load into an empty database goes in batches; killed between two of them, it leaves no
 * Meta (so no version, and `/ready` says 503), and the next run completes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, prepareSeed } from '../seed/seedGraph.js';
import { graphVersion } from '../src/neo4j/meta.js';
import type { Database } from '../src/neo4j/database.js';
import { copySeedData, removeBaclofenClassFact } from './support/seedDataCopy.js';
import { runProject, waitFor } from './support/processes.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticGraph } from '../bench/synthetic.js';
import {
  countsByKind,
  expectedCounts,
  graphCounts,
  openDatabase,
  testNeo4jEnv,
  useStandardGraph,
} from './support/testGraph.js';

const database = openDatabase();
const copy = copySeedData();

beforeAll(() => useStandardGraph(database));
afterAll(async () => {
  copy.remove();
  await useStandardGraph(database);
  await database.close();
});

function runSeedCli(args: string[]) {
  return runProject('bin/seed.ts', testNeo4jEnv(), args);
}

async function snapshot(db: Database) {
  const factIds = await db.read<{ id: string }>({
    name: 'test: fact ids',
    cypher: 'MATCH (:Entity)-[r]->(:Entity) RETURN r.factId AS id ORDER BY id',
  });
  return { counts: await graphCounts(db), version: await graphVersion(db), factIds: factIds.map((r) => r.id) };
}

describe('a seed run killed mid-write', () => {
  it('leaves the previous graph intact, and the next run converges to the new data', async () => {
    removeBaclofenClassFact(copy);
    const standard = prepareSeed();
    const modified = prepareSeed([copy.dir]);
    const previous = await snapshot(database);
    expect(previous.version).toBe(standard.version);

    const doomed = runSeedCli(['--data', copy.dir, '--hold-open-ms', '30000']);
    await waitFor(
      async () => (doomed.output().includes('seed: holding the transaction open') ? true : undefined),
      60_000,
      'the holding line',
    );
    expect(doomed.output()).toContain('seed: transaction open');
    // Other sessions go on reading the committed graph while the write is open.
    expect(await snapshot(database)).toEqual(previous);

    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();
    expect(doomed.output()).not.toContain('seed: committed');
    expect(await snapshot(database)).toEqual(previous);

    const next = runSeedCli(['--data', copy.dir]);
    expect(await next.exited, next.output()).toBe(0);
    const converged = await snapshot(database);
    expect(converged.version).toBe(modified.version);
    expect(converged.counts).toEqual({
      nodes: previous.counts.nodes,
      relationships: previous.counts.relationships - 1,
    });
    const factIdsOf = (rows: typeof modified) =>
      [...rows.relations.values()]
        .flat()
        .map((r) => r.factId)
        .sort();
    expect(converged.factIds).toEqual(factIdsOf(modified));
    expect(previous.factIds).toEqual(factIdsOf(standard));
  });
});

describe('a first load killed between two batches', () => {
  const work = mkdtempSync(join(tmpdir(), 'drug-facts-batches-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('leaves no version behind, and the next run completes the graph', async () => {
    // 1000 invented drugs beside the project data: about 30k rows, fifteen batches.
    writeSyntheticGraph(join(work, 'synthetic'), 1000);
    const dirs = [DEFAULT_DATA_DIR, join(work, 'synthetic')];
    const dataArgs = dirs.flatMap((dir) => ['--data', dir]);
    const rows = prepareSeed(dirs);
    await database.writeTransaction('test: empty the database', (tx) => tx.run('MATCH (n) DETACH DELETE n'));

    const doomed = runSeedCli(dataArgs);
    await waitFor(
      async () => (/seed: \d+ of \d+ rows written/.test(doomed.output()) ? true : undefined),
      60_000,
      'the first progress line',
    );
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();
    expect(doomed.output()).toContain('no graph loaded yet: writing in batches');
    expect(await graphVersion(database)).toBeNull();
    const partial = await graphCounts(database);
    expect(partial.nodes).toBeGreaterThan(0);

    const next = runSeedCli(dataArgs);
    expect(await next.exited, next.output()).toBe(0);
    expect(next.output()).toContain('in batches');
    expect(await graphVersion(database)).toBe(rows.version);
    expect(await countsByKind(database)).toEqual(expectedCounts(rows));
  });
});
