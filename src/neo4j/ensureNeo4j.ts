/**
 * Ensure a Neo4j
 *
 * Gives the caller a reachable Neo4j: the one NEO4J_URI names (nothing is started), or else a
 * local one started from `neo4j-local/`. It returns once `verifyConnectivity` succeeds, and the
 * returned `stop` stops only what it started.
 */
import type { Config } from '../config.js';
import { Database, type Connection } from './database.js';
import { DatabaseError } from './errors.js';
import { startLocalNeo4j, type LocalNeo4j } from './localNeo4j.js';

export interface EnsuredNeo4j {
  connection: Connection;
  /** The launcher this call started, if any. */
  local?: LocalNeo4j;
  stop(): Promise<void>;
}

export type Neo4jSettings = Pick<
  Config,
  | 'NEO4J_URI'
  | 'NEO4J_USER'
  | 'NEO4J_PASSWORD'
  | 'NEO4J_DATABASE'
  | 'NEO4J_LOCAL_DATA_DIR'
  | 'NEO4J_LOCAL_JAVA'
  | 'NEO4J_LOCAL_MAVEN'
  | 'NEO4J_STARTUP_TIMEOUT_MS'
> & { onOutput?: (line: string) => void };

export async function ensureNeo4j(settings: Neo4jSettings): Promise<EnsuredNeo4j> {
  const credentials = {
    user: settings.NEO4J_USER,
    password: settings.NEO4J_PASSWORD,
    database: settings.NEO4J_DATABASE,
  };
  if (settings.NEO4J_URI) {
    const connection = { uri: settings.NEO4J_URI, ...credentials };
    await waitUntilReachable(connection, settings.NEO4J_STARTUP_TIMEOUT_MS, 'NEO4J_URI');
    return { connection, stop: async () => {} };
  }
  const local = await startLocalNeo4j({
    dataDir: settings.NEO4J_LOCAL_DATA_DIR,
    startupTimeoutMs: settings.NEO4J_STARTUP_TIMEOUT_MS,
    javaCommand: settings.NEO4J_LOCAL_JAVA,
    mavenCommand: settings.NEO4J_LOCAL_MAVEN,
    onOutput: settings.onOutput,
  });
  const connection = { uri: local.uri, ...credentials };
  try {
    await waitUntilReachable(connection, settings.NEO4J_STARTUP_TIMEOUT_MS, 'the local Neo4j');
  } catch (error) {
    await local.stop();
    throw error;
  }
  return { connection, local, stop: () => local.stop() };
}

async function waitUntilReachable(connection: Connection, timeoutMs: number, what: string): Promise<void> {
  const database = new Database(connection, { queryTimeoutMs: 5_000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await database.verify();
        return;
      } catch (error) {
        const retriable = error instanceof DatabaseError && error.code === 'SERVICE_UNAVAILABLE';
        if (!retriable || Date.now() > deadline) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new DatabaseError(
            'SERVICE_UNAVAILABLE',
            `${what} (${connection.uri}) is unreachable: ${reason}. Start Neo4j with \`npm run neo4j\`, or unset NEO4J_URI to let the API start one, or fix NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD.`,
            { cause: error },
          );
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await database.close();
  }
}
