/**
 * The API process
 *
 * What `npm start` runs, and starts again if it dies, in a child process (src/server/
 * supervisor.ts): the GraphQL API over the Neo4j that NEO4J_URI names, with no Neo4j and no
 * seeding of its own. It tells its supervisor when it listens. SIGTERM or SIGINT drains requests,
 * closes the driver and exits 0; so does losing its supervisor (the IPC channel closing), so that
 * a supervisor killed outright leaves no API behind. Run alone (`node --import tsx bin/serve.ts`
 * with NEO4J_URI set) it is the API without a supervisor.
 */
import { pino } from 'pino';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { loadConfig } from '../src/config.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';
import { createHttpServer, httpServerOptionsFrom } from '../src/server/httpServer.js';

async function main(): Promise<void> {
  const config = loadConfig();
  process.setSourceMapsEnabled(config.SOURCE_MAPS);
  const logger = pino({ level: config.LOG_LEVEL });
  if (!config.NEO4J_URI)
    throw new Error('bin/serve.ts serves the Neo4j that NEO4J_URI names: set it, or run `npm start`');
  const graph = await openLoadedGraph(config, { seed: false });
  const api = createApi(apiOptionsFrom(config, graph.database, logger));
  const server = createHttpServer(api, httpServerOptionsFrom(config, logger));
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: draining requests and stopping`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await api.dispose();
    await graph.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('disconnect', () => void shutdown('the supervisor is gone'));

  server.once('error', (error) => {
    console.error(`the API process failed: ${error.message}`);
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, () => {
    logger.info(
      `GraphQL API at http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}/graphql`,
    );
    process.send?.({ ready: true });
  });
}

main().catch((error: unknown) => {
  console.error(`the API process failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
