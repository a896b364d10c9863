/**
 * `npm run neo4j`
 *
 * Runs the local Neo4j in the foreground on 127.0.0.1:7687 (NEO4J_LOCAL_PORT overrides) with the
 * same data directory `npm start` uses, until Ctrl-C. Point other commands at it with
 * NEO4J_URI=bolt://127.0.0.1:7687.
 */
import { loadConfig } from '../src/config.js';
import { startLocalNeo4j } from '../src/neo4j/localNeo4j.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const neo4j = await startLocalNeo4j({
    dataDir: config.NEO4J_LOCAL_DATA_DIR,
    port: config.NEO4J_LOCAL_PORT,
    startupTimeoutMs: config.NEO4J_STARTUP_TIMEOUT_MS,
    onOutput: (line) => console.log(line),
  });
  console.log(`Neo4j is running at ${neo4j.uri} (no auth). Ctrl-C stops it.`);
  const stop = () => void neo4j.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
