/**
 * Test graph
 *
 * Gives a test file the Neo4j of this run and a way to make sure it holds the project's seed
 * data. Files run one after another; a file that writes other data restores the standard graph
 * in its afterAll through `useStandardGraph`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { pino } from 'pino';
import { Database } from '../../src/neo4j/database.js';
import { jsonPost } from '../../scripts/jsonPost.js';
import { neo4jEnv } from '../../scripts/apiProcess.js';
import { loadConfig } from '../../src/config.js';
import { apiOptionsFrom, createApi, type Api } from '../../src/server/createApi.js';
import { prepareSeed, seedGraph } from '../../seed/seedGraph.js';
import { graphVersion } from '../../src/neo4j/meta.js';
import type { GraphRows } from '../../seed/toGraph.js';

export function testConnection() {
  return inject('neo4j');
}

/** NEO4J_* variables that point a child process (a CLI, the API) at the test Neo4j. */
export function testNeo4jEnv(): Record<string, string> {
  return neo4jEnv(testConnection());
}

export function openDatabase(queryTimeoutMs = 5_000): Database {
  const { uri, user, password, database } = testConnection();
  return new Database({ uri, user, password, database }, { queryTimeoutMs });
}

/** Loads the project's seed data unless the graph already holds exactly that version. */
export async function useStandardGraph(database: Database): Promise<string> {
  const { version } = prepareSeed();
  if ((await graphVersion(database)) !== version) await seedGraph(database);
  return version;
}

export const silentLogger = pino({ level: 'silent' });

/** A release folder that holds nothing, so answers never depend on the checkout's `.releases/`. */
const NO_RELEASES = join(tmpdir(), 'drug-facts-tests-no-releases');

/** The API as `npm start` builds it, with the default configuration (and no releases unless given). */
export function testApi(database: Database, env: Record<string, string> = {}): Api {
  return createApi(apiOptionsFrom(loadConfig({ RELEASE_DIR: NO_RELEASES, ...env }), database, silentLogger));
}

export { jsonPost };

/** Runs a GraphQL operation in-process and returns the parsed body. */
export async function graphql<T = Record<string, unknown>>(
  api: Api,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await api.fetch('http://api/graphql', jsonPost(JSON.stringify({ query, variables })));
  return (await response.json()) as never;
}

/** Counts nodes and relationships: a fingerprint to prove that something wrote nothing. */
export async function graphCounts(database: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await database.read<{ nodes: number; relationships: number }>({
    name: 'test counts',
    cypher:
      'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  });
  return row!;
}

/** Nodes per label and relationships per type, as Neo4j counts them. */
export async function countsByKind(db: Database): Promise<Record<string, number>> {
  const rows = await db.read<{ kind: string; n: number }>({
    name: 'test: counts by kind',
    cypher: `MATCH (n) UNWIND labels(n) AS label RETURN 'node:' + label AS kind, count(*) AS n
             UNION ALL
             MATCH ()-[r]->() RETURN 'relationship:' + type(r) AS kind, count(*) AS n`,
  });
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** The same counts, worked out from the rows the loader was given. */
export function expectedCounts(rows: GraphRows): Record<string, number> {
  const counts: Record<string, number> = {
    'node:Meta': 1,
    'node:Source': rows.sources.length,
    'node:Name': new Set(rows.names.map((n) => n.key)).size,
    'node:Literal': rows.literals.length,
    'node:Identifier': rows.identifiers.length,
    'node:Entity': [...rows.entities.values()].reduce((sum, list) => sum + list.length, 0),
    'relationship:NAMES': rows.names.length,
    'relationship:HAS_LITERAL': rows.literals.length,
    'relationship:HAS_IDENTIFIER': rows.identifiers.length,
  };
  for (const [kind, list] of rows.entities) if (list.length) counts[`node:${kind}`] = list.length;
  for (const [type, list] of rows.relations) if (list.length) counts[`relationship:${type}`] = list.length;
  return counts;
}
