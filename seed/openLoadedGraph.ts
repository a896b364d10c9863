/**
 * A loaded graph
 *
 * What `npm start` and every tool that works on the data of this checkout need first: a Neo4j
 * (NEO4J_URI, or a local one started here), a Database on it, and the seed data loaded unless the
 * graph already holds its version. `close` closes the driver and stops only what was started;
 * a failed load closes them too before the error goes on.
 */
import { Database } from '../src/neo4j/database.js';
import { ensureNeo4j, type EnsuredNeo4j, type Neo4jSettings } from '../src/neo4j/ensureNeo4j.js';
import { switchNoticeMs, type SwitchTiming } from '../src/neo4j/meta.js';
import type { DatasetScope } from './datasets/datasetDocuments.js';
import type { LoadSummary } from './loadGraph.js';
import { seedGraph } from './seedGraph.js';

export interface LoadedGraph {
  neo4j: EnsuredNeo4j;
  database: Database;
  /** What the load wrote; null when the graph already held this data version, or seeding was off. */
  summary: LoadSummary | null;
  close(): Promise<void>;
}

export interface LoadedGraphOptions {
  /** Load the seed data when the graph is empty or outdated. @default true */
  seed?: boolean;
  /** Which dataset records the seed data includes. @default config.SEED_DATASETS, else 'neighbourhood' */
  datasets?: DatasetScope;
  /** Transaction timeout of the Database. @default config.QUERY_TIMEOUT_MS */
  queryTimeoutMs?: number;
  onProgress?: (message: string) => void;
  /** Receives the local Neo4j's output lines. */
  onOutput?: (line: string) => void;
}

/** The Neo4j settings of the configuration, its query timeout, and what a load waits for API processes. */
export type LoadedGraphSettings = Neo4jSettings &
  SwitchTiming & { QUERY_TIMEOUT_MS: number; SEED_DATASETS?: DatasetScope };

export async function openLoadedGraph(
  config: LoadedGraphSettings,
  options: LoadedGraphOptions = {},
): Promise<LoadedGraph> {
  const neo4j = await ensureNeo4j({ ...config, onOutput: options.onOutput });
  const database = new Database(neo4j.connection, {
    queryTimeoutMs: options.queryTimeoutMs ?? config.QUERY_TIMEOUT_MS,
  });
  const close = async () => {
    await database.close();
    await neo4j.stop();
  };
  try {
    const summary =
      options.seed === false
        ? null
        : await seedGraph(database, {
            onlyIfChanged: true,
            datasets: options.datasets ?? config.SEED_DATASETS,
            onProgress: options.onProgress,
            switchNoticeMs: switchNoticeMs(config),
          });
    return { neo4j, database, summary, close };
  } catch (error) {
    await close();
    throw error;
  }
}
