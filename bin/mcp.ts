/**
 * `npm run mcp`
 *
 * The MCP server over stdio, for desktop assistants that start their servers as processes
 * (see docs/mcp.md). It gets its Neo4j as `npm start` does: the one NEO4J_URI names, or else a
 * local one started here (and restarted if it dies), loading the seed data when the graph is
 * empty or holds another version (SEED_ON_START). The tools ask the GraphQL API in-process, the
 * same API `npm start` serves, with its limits and cache; no port is opened.
 *
 * stdout carries the protocol and nothing else: logs (pino, LOG_LEVEL) go to stderr, and so
 * does anything a library prints with console.log. The protocol is answered from the start, so
 * a client's handshake does not wait for Neo4j (up to NEO4J_STARTUP_TIMEOUT_MS); a tool call waits
 * for the graph up to 20 s, then answers SERVICE_UNAVAILABLE with when to retry. If the graph cannot be opened, the reason goes to stderr and the process exits
 * 1. It stops (the local Neo4j with it) when the client closes stdin, or on SIGTERM or SIGINT.
 */
import { createHash, randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { pino } from 'pino';
import { openLoadedGraph, type LoadedGraph } from '../seed/openLoadedGraph.js';
import { loadConfig } from '../src/config.js';
import { createMcpServer } from '../src/mcp/createMcpServer.js';
import { apiRunner, type RunGraphQl } from '../src/mcp/graphqlRunner.js';
import { logTraffic } from '../src/mcp/trafficLog.js';
import { ToolError } from '../src/mcp/toolError.js';
import { keepLocalNeo4jRunning } from '../src/neo4j/ensureNeo4j.js';
import { apiOptionsFrom, createApi, type Api } from '../src/server/createApi.js';

// A stray console.log from any library would corrupt the protocol on stdout.
console.log = console.info = console.debug = console.error;

/** Request ids as the API accepts them: this process's, and the client's JSON-RPC id. */
const run = randomUUID().slice(0, 8);
const requestIdFor = (rpcId: string | number) => {
  const id = String(rpcId);
  return `mcp-${run}-${/^[A-Za-z0-9._:-]{1,64}$/.test(id) ? id : createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
};

/**
 * How long a tool call waits for the graph while it is being opened, before it is told to come
 * back: well under a client's request timeout (60 s in the SDK's), while a first start (Maven,
 * Neo4j, the seed load) can take minutes.
 */
const READY_WAIT_MS = 20_000;

async function untilReady(runner: Promise<RunGraphQl>): Promise<RunGraphQl> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ToolError(
            'SERVICE_UNAVAILABLE',
            'The graph is still starting (Neo4j, and the seed data on a first start); retry in 20 s.',
          ),
        ),
      READY_WAIT_MS,
    );
  });
  try {
    return await Promise.race([runner, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  process.setSourceMapsEnabled(config.SOURCE_MAPS);
  const logger = pino({ level: config.LOG_LEVEL }, pino.destination(2));

  // What is open so far: shutdown may come (the client leaving) while the graph is being opened.
  const open: { graph?: LoadedGraph; api?: Api; keeper?: { stop(): void } } = {};
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: stopping the MCP server${open.graph?.neo4j.local ? ' and the local Neo4j' : ''}`);
    open.keeper?.stop();
    await open.api?.dispose();
    await open.graph?.close();
    process.exit(exitCode);
  };

  let ready!: (runner: RunGraphQl) => void;
  const runner = new Promise<RunGraphQl>((resolve) => (ready = resolve));
  const server = createMcpServer({
    run: async (request, requestId) => (await untilReady(runner))(request, requestId),
    logger,
    requestIdFor,
    introspection: config.INTROSPECTION,
  });
  const transport = new StdioServerTransport();
  await server.connect(transport);
  logTraffic(transport, logger, requestIdFor);
  process.stdin.on('end', () => void shutdown('the client closed stdin'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  logger.info(config.NEO4J_URI ? `using Neo4j at ${config.NEO4J_URI}` : 'starting a local Neo4j (neo4j-local/)');
  const graph = (open.graph = await openLoadedGraph(config, {
    seed: config.SEED_ON_START,
    onOutput: (line) => logger.debug({ neo4j: line }),
    onProgress: (message) => logger.info(`seed: ${message}`),
  }));
  if (graph.neo4j.local) {
    open.keeper = keepLocalNeo4jRunning(graph.neo4j.local, {
      log: logger,
      onGiveUp: (reason) => {
        logger.fatal(`${reason}: exiting with code 1`);
        void shutdown('giving up on the local Neo4j', 1);
      },
    });
  }
  ready(apiRunner((open.api = createApi(apiOptionsFrom(config, graph.database, logger)))));
  logger.info('MCP server ready on stdio');
}

main().catch((error: unknown) => {
  console.error(`npm run mcp failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
