/**
 * `npm start`
 *
 * Ensures a Neo4j, loads the seed data when the graph is empty or holds another version, and
 * serves the API from a child process (bin/serve.ts) that it starts again, with backoff, if it
 * dies (src/server/supervisor.ts); the child gets this process's Node options, its heap limit
 * among them. A local Neo4j that dies is logged and restarted on the same port and data (the
 * API's driver keeps its URI), with backoff. SIGTERM or SIGINT stops the API (which drains its
 * requests) and then the local Neo4j if this process started it. If restarts keep failing (of
 * Neo4j, or of an API that never gets to listen), this process exits with code 1 so that
 * whatever supervises it can start it afresh.
 */
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { loadConfig } from '../src/config.js';
import { keepLocalNeo4jRunning } from '../src/neo4j/ensureNeo4j.js';
import { supervise } from '../src/server/supervisor.js';
import { writeReleaseInBackground } from '../src/release/backgroundRelease.js';

async function main(): Promise<void> {
  const config = loadConfig();
  process.setSourceMapsEnabled(config.SOURCE_MAPS);
  const logger = pino({ level: config.LOG_LEVEL });
  logger.info(config.NEO4J_URI ? `using Neo4j at ${config.NEO4J_URI}` : 'starting a local Neo4j (neo4j-local/)');
  const graph = await openLoadedGraph(config, {
    seed: config.SEED_ON_START,
    datasets: config.SEED_DATASETS,
    onOutput: (line) => logger.debug({ neo4j: line }),
    onProgress: (m) => logger.info(`seed: ${m}`),
  });
  if (config.SEED_ON_START) {
    logger.info(
      graph.summary
        ? `loaded data version ${graph.summary.version}`
        : 'the graph already holds the current data version',
    );
  }
  // The API reads through a driver of its own; this process only supervises.
  await graph.database.close();
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: stopping the API${graph.neo4j.local ? ' and the local Neo4j' : ''}`);
    keeper?.stop();
    release?.stop();
    await api.stop();
    await graph.neo4j.stop();
    logger.info('stopped');
    process.exit(exitCode);
  };
  const keeper =
    graph.neo4j.local &&
    keepLocalNeo4jRunning(graph.neo4j.local, {
      log: logger,
      onGiveUp: (reason) => {
        logger.fatal(`${reason}: exiting with code 1`);
        void shutdown('giving up on the local Neo4j', 1);
      },
    });
  const { uri, user, password, database } = graph.neo4j.connection;
  const env = {
    ...process.env,
    NEO4J_URI: uri,
    NEO4J_USER: user,
    NEO4J_PASSWORD: password,
    NEO4J_DATABASE: database,
    SEED_ON_START: 'false',
  };
  const api = supervise({
    script: fileURLToPath(new URL('./serve.ts', import.meta.url)),
    env,
    log: logger,
    onGiveUp: (reason) => {
      logger.fatal(`${reason}: exiting with code 1`);
      void shutdown('giving up on the API process', 1);
    },
  });
  // The release of the data version served, for /releases/ and meta.releaseFiles (docs/releases.md).
  const release = config.RELEASE_ON_START ? writeReleaseInBackground(env, logger) : null;
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
