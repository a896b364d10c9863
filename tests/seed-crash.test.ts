/**
 * A loader killed in the middle of its write leaves the previous graph as it was (the load is
 * one transaction), and the next run converges to the new data. The kill comes while the CLI
 * holds its transaction open (`--hold-open-ms`), after every row has been written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphVersion, prepareSeed } from '../seed/seedGraph.js';
import type { Database } from '../src/neo4j/database.js';
import { copySeedData, removeBaclofenClassFact } from './support/seedDataCopy.js';
import { runProject, waitFor } from './support/processes.js';
import { graphCounts, openDatabase, testConnection, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const copy = copySeedData();

beforeAll(() => useStandardGraph(database));
afterAll(async () => {
  copy.remove();
  await useStandardGraph(database);
  await database.close();
});

function runSeedCli(args: string[]) {
  const { uri, user, password, database: name } = testConnection();
  return runProject(
    'seed/cli.ts',
    { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, NEO4J_DATABASE: name },
    args,
  );
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
