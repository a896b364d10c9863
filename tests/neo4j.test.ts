import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DatabaseError } from '../src/neo4j/errors.js';
import { openDatabase, testConnection } from './support/testGraph.js';

const database = openDatabase();
afterAll(() => database.close());

describe('the Neo4j the test setup provides', () => {
  it('is a real Neo4j that stores what is written and returns it on read', async () => {
    const marker = `probe-${Date.now()}`;
    await database.writeTransaction('test write', (tx) =>
      tx.run('CREATE (:TestProbe {marker: $marker, n: 42})', { marker }),
    );
    const rows = await database.read<{ n: number; edition: string }>({
      name: 'test read',
      cypher: 'MATCH (p:TestProbe {marker: $marker}) CALL dbms.components() YIELD edition RETURN p.n AS n, edition',
      params: { marker },
    });
    expect(rows).toEqual([{ n: 42, edition: 'community' }]);
    await database.writeTransaction('test cleanup', (tx) => tx.run('MATCH (p:TestProbe) DELETE p'));
  });

  it('refuses writes in the read sessions the API uses', async () => {
    const attempt = database.read({ name: 'sneaky write', cypher: 'CREATE (:TestProbe {marker: "read-mode"})' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseError);
    const rows = await database.read({ name: 'check', cypher: 'MATCH (p:TestProbe) RETURN p' });
    expect(rows).toHaveLength(0);
  });

  it('comes from NEO4J_URI, testcontainers, or the local launcher on a fresh data dir', () => {
    const connection = testConnection();
    expect(['NEO4J_URI', 'testcontainers', 'local launcher']).toContain(connection.provider);
    const configured = loadConfig().NEO4J_URI;
    if (configured) expect(connection).toMatchObject({ provider: 'NEO4J_URI', uri: configured, launcherPid: null });
    if (connection.provider === 'local launcher') expect(connection.launcherPid).toBeGreaterThan(0);
  });
});
