/**
 * An API pointed at a Neo4j that holds no graph (nothing loaded yet: no nodes, no indexes) tells
 * a client so with its own code, NO_DATA, and what to do, instead of masking it as an
 * INTERNAL_SERVER_ERROR; `/ready` says the same with 503. The standard graph is loaded again
 * afterwards for the files that follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../src/server/createApi.js';
import { graphCounts, graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
let api: Api;

/** Empties the database as a fresh Neo4j is: no nodes, no constraints, no indexes of ours. */
async function emptyDatabase(): Promise<void> {
  await database.writeTransaction('test: empty the database', (tx) => tx.run('MATCH (n) DETACH DELETE n'));
  const constraints = await database.read<{ name: string }>({
    name: 'test: constraints',
    cypher: 'SHOW CONSTRAINTS YIELD name RETURN name',
  });
  for (const { name } of constraints)
    await database.runSchema({ name: 'test: drop', cypher: `DROP CONSTRAINT \`${name}\`` });
  const indexes = await database.read<{ name: string }>({
    name: 'test: indexes',
    cypher: "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name",
  });
  for (const { name } of indexes) await database.runSchema({ name: 'test: drop', cypher: `DROP INDEX \`${name}\`` });
}

beforeAll(async () => {
  await emptyDatabase();
  api = testApi(database);
});
afterAll(async () => {
  await api?.dispose();
  await useStandardGraph(database);
  await database.close();
});

describe('an API over an empty Neo4j', () => {
  it('holds nothing', async () => {
    expect(await graphCounts(database)).toEqual({ nodes: 0, relationships: 0 });
  });

  const noData = (field: string) => ({
    message: 'the graph has no data loaded: run `npm run seed`',
    path: [field],
    extensions: { code: 'NO_DATA', requestId: expect.any(String) },
  });

  it('answers meta with NO_DATA and says to run npm run seed, not INTERNAL_SERVER_ERROR', async () => {
    const { data, errors } = await graphql(api, '{ meta { dataVersion statementCount } }');
    expect(data).toBeNull();
    expect(errors).toEqual([noData('meta')]);
  });

  it('answers search, which needs the full-text index a load creates, with NO_DATA too', async () => {
    const { data, errors } = await graphql(api, '{ search(query: "baclofen") { score } }');
    expect(data).toBeNull();
    expect(errors).toEqual([noData('search')]);
  });

  it('answers lookups, lists and facts as empty, as for ids it does not know', async () => {
    const { data, errors } = await graphql(
      api,
      '{ drug(name: "baclofen") { id } entity(id: "drug:baclofen") { id } timeline { id } facts { totalCount } }',
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ drug: null, entity: null, timeline: [], facts: { totalCount: 0 } });
  });

  it('says not ready on /ready, with the same advice', async () => {
    const response = await api.fetch('http://api/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'not ready', reason: 'no graph is loaded: run `npm run seed`' });
  });
});
