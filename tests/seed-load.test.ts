/**
 * Loading the seed data (`npm run seed`, bin/seed.ts) into a real Neo4j: an empty database ends
 * up holding exactly what the data says, loading again changes nothing, and a fact taken out of
 * the data is taken out of the graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSeed, seedGraph } from '../seed/seedGraph.js';
import type { GraphRows } from '../seed/toGraph.js';
import type { Database } from '../src/neo4j/database.js';
import { copySeedData, removeBaclofenClassFact } from './support/seedDataCopy.js';
import { runProject } from './support/processes.js';
import {
  countsByKind,
  expectedCounts,
  graphCounts,
  openDatabase,
  testNeo4jEnv,
  useStandardGraph,
} from './support/testGraph.js';

const database = openDatabase();
afterAll(async () => {
  await useStandardGraph(database);
  await database.close();
});

const factIdsOf = (rows: GraphRows) => [...rows.relations.values()].flat().map((r) => r.factId);

async function storedFactIds(db: Database): Promise<string[]> {
  const rows = await db.read<{ id: string }>({
    name: 'test: fact ids',
    cypher: 'MATCH (:Entity)-[r]->(:Entity) RETURN r.factId AS id ORDER BY id',
  });
  return rows.map((r) => r.id);
}

async function meta(db: Database) {
  const [row] = await db.read<{ version: string; nodeCounts: string; relationshipCounts: string }>({
    name: 'test: meta',
    cypher:
      "MATCH (m:Meta {id: 'graph'}) RETURN m.version AS version, m.nodeCounts AS nodeCounts, m.relationshipCounts AS relationshipCounts",
  });
  return row;
}

describe('npm run seed', () => {
  const rows = prepareSeed();

  beforeAll(async () => {
    await database.writeTransaction('test: empty the database', (tx) => tx.run('MATCH (n) DETACH DELETE n'));
  });

  it('loads an empty Neo4j with exactly the nodes and relationships of the data, stamped with its version', async () => {
    expect(await graphCounts(database)).toEqual({ nodes: 0, relationships: 0 });

    const run = runProject('bin/seed.ts', testNeo4jEnv());
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain(`seed data is valid (version ${rows.version})`);
    expect(run.output()).toContain('seed: committed');

    expect(await countsByKind(database)).toEqual(expectedCounts(rows));
    expect(await storedFactIds(database)).toEqual(factIdsOf(rows).sort());
    const stored = await meta(database);
    expect(stored?.version).toBe(rows.version);
    // The counts Meta reports are the counts the graph holds.
    const counts = await countsByKind(database);
    for (const [kind, n] of Object.entries(JSON.parse(stored!.nodeCounts) as Record<string, number>)) {
      expect(counts[`node:${kind}`] ?? 0, kind).toBe(n);
    }
    for (const [type, n] of Object.entries(JSON.parse(stored!.relationshipCounts) as Record<string, number>)) {
      expect(counts[`relationship:${type}`] ?? 0, type).toBe(n);
    }
  });

  it('changes nothing when run again on the same data', async () => {
    const before = { counts: await countsByKind(database), factIds: await storedFactIds(database) };

    const run = runProject('bin/seed.ts', testNeo4jEnv());
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain('removed: 0 stale nodes, 0 stale relationships');
    expect(run.output()).toContain('0 rows written or deleted, in one transaction');

    expect(await countsByKind(database)).toEqual(before.counts);
    expect(await storedFactIds(database)).toEqual(before.factIds);
    expect((await meta(database))?.version).toBe(rows.version);
  });
});

describe('a fact removed from the data', () => {
  const copy = copySeedData();
  afterAll(() => copy.remove());

  it('is gone from the graph after the next load, and nothing else is', async () => {
    await useStandardGraph(database);
    removeBaclofenClassFact(copy);
    const standard = prepareSeed();
    const modified = prepareSeed([copy.dir]);
    const removed = factIdsOf(standard).filter((id) => !factIdsOf(modified).includes(id));
    expect(removed).toHaveLength(1);
    const before = { totals: await graphCounts(database), counts: await countsByKind(database) };
    expect(await storedFactIds(database)).toContain(removed[0]);

    const summary = await seedGraph(database, { dataDirs: [copy.dir] });

    expect(summary?.removed).toEqual({ nodes: 0, relationships: 1 });
    expect(await storedFactIds(database)).not.toContain(removed[0]);
    expect(await graphCounts(database)).toEqual({
      nodes: before.totals.nodes,
      relationships: before.totals.relationships - 1,
    });
    expect(await countsByKind(database)).toEqual({
      ...before.counts,
      'relationship:MEMBER_OF': before.counts['relationship:MEMBER_OF']! - 1,
    });
    expect((await meta(database))?.version).toBe(modified.version);
    expect(modified.version).not.toBe(standard.version);
  });
});

describe('an entity whose description changed', () => {
  const copy = copySeedData();
  afterAll(() => copy.remove());

  it('is updated in place in one transaction that writes that one node', async () => {
    await useStandardGraph(database);
    const description = 'Changed for the test: a muscle relaxant acting on GABA-B receptors.';
    copy.edit('entities/drugs.yaml', (doc) => {
      doc.entities.find((e: { id: string }) => e.id === 'drug:baclofen').description = description;
    });
    const before = { counts: await countsByKind(database), factIds: await storedFactIds(database) };

    const summary = await seedGraph(database, { dataDirs: [copy.dir] });

    expect(summary).toMatchObject({ mode: 'one transaction', writes: 1, removed: { nodes: 0, relationships: 0 } });
    const [row] = await database.read<{ description: string; labels: string[] }>({
      name: 'test: baclofen',
      cypher: "MATCH (e:Entity {id: 'drug:baclofen'}) RETURN e.description AS description, labels(e) AS labels",
    });
    expect(row).toEqual({ description, labels: expect.arrayContaining(['Entity', 'Drug']) as unknown });
    expect(row!.labels).toHaveLength(2);
    expect(await countsByKind(database)).toEqual(before.counts);
    expect(await storedFactIds(database)).toEqual(before.factIds);
  });
});
