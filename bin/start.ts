/**
 * `npm start`
 *
 * Ensures a Neo4j, loads the seed data when the graph is empty or holds another version, and
 * serves the API. SIGTERM or SIGINT drains requests, closes the driver and stops the local
 * Neo4j if this process started it. A local Neo4j that dies is logged and restarted on the same
 * port and data (the driver keeps its URI), with backoff; if restarts keep failing, this process
 * exits with code 1 so that whatever supervises it can start it afresh.
 */
import { pino } from 'pino';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { loadConfig } from '../src/config.js';
import { keepLocalNeo4jRunning } from '../src/neo4j/ensureNeo4j.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';
import { createHttpServer, httpServerOptionsFrom } from '../src/server/httpServer.js';

async function main(): Promise<void> {
  const config = loadConfig();
  process.setSourceMapsEnabled(config.SOURCE_MAPS);
  const logger = pino({ level: config.LOG_LEVEL });
  logger.info(config.NEO4J_URI ? `using Neo4j at ${config.NEO4J_URI}` : 'starting a local Neo4j (neo4j-local/)');
  const graph = await openLoadedGraph(config, {
    seed: config.SEED_ON_START,
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
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: draining requests and stopping`);
    keeper?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.dispose();
    await graph.close();
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
  const api = createApi(apiOptionsFrom(config, graph.database, logger));
  const server = createHttpServer(api, httpServerOptionsFrom(config, logger));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  server.listen(config.PORT, config.HOST, () => {
    logger.info(
      `GraphQL API at http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}/graphql`,
    );
  });
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
