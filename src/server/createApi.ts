/**
 * The API
 *
 * The GraphQL endpoint (graphql-yoga over the executable schema) plus `/health` (the process
 * is up) and `/ready` (Neo4j answers and a graph is loaded), as one request handler that works
 * in-process (`api.fetch`) and behind node:http alike. Database errors reach clients typed
 * (SERVICE_UNAVAILABLE, QUERY_TIMEOUT); any other unexpected error is masked with a request id
 * and logged whole.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { DatabaseError } from '../neo4j/errors.js';
import type { Database } from '../neo4j/database.js';
import { createContext, type Context } from '../graphql/context.js';
import { createSchema } from '../graphql/schema.js';
import { EXAMPLE_QUERIES } from './exampleQueries.js';

export interface ApiOptions {
  database: Database;
  logger: Logger;
  /** Serve GraphiQL at /graphql. @default true */
  graphiql?: boolean;
}

export type Api = YogaServerInstance<Record<string, unknown>, Context>;

const READY_QUERY = "MATCH (m:Meta {id: 'graph'}) RETURN m.version AS version";

/** Duck-typed: graphql may be loaded twice (ESM and CJS builds), which defeats instanceof. */
const codeOf = (error: unknown) => (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;

function toClientError(error: unknown, requestId: string): Error {
  const original = (error as { originalError?: unknown }).originalError ?? error;
  if (codeOf(original)) return original as Error;
  if (codeOf(error)) return error as Error;
  if (original instanceof DatabaseError && original.code !== 'DATABASE_ERROR') {
    const message =
      original.code === 'SERVICE_UNAVAILABLE'
        ? 'the database is unavailable; retry shortly'
        : 'the query took too long and was stopped; ask for less (smaller first, maxHops or depth)';
    return new GraphQLError(message, { extensions: { code: original.code, requestId } });
  }
  return new GraphQLError(`Unexpected error (request id ${requestId})`, {
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
  });
}

export function createApi(options: ApiOptions): Api {
  const { database, logger } = options;
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema: createSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql === false ? false : { title: 'Drug facts graph', defaultQuery: EXAMPLE_QUERIES },
    context: ({ request }) => createContext(database, request.headers.get('x-request-id') ?? randomUUID()),
    maskedErrors: {
      maskError: (error) => {
        const requestId = randomUUID();
        const clientError = toClientError(error, requestId);
        if ((clientError as GraphQLError).extensions?.code === 'INTERNAL_SERVER_ERROR') {
          logger.error({ err: error, requestId }, 'unexpected error');
        }
        return clientError;
      },
    },
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    plugins: [
      {
        async onRequest({ url, endResponse, fetchAPI }) {
          if (url.pathname === '/health') {
            endResponse(Response.json({ status: 'ok' }));
          } else if (url.pathname === '/ready') {
            endResponse(await readiness(database, fetchAPI.Response));
          }
        },
      },
    ],
  });
  return yoga;
}

async function readiness(database: Database, ResponseClass: typeof Response): Promise<Response> {
  try {
    const [row] = await database.read<{ version: string }>({ name: 'ready', cypher: READY_QUERY });
    if (!row)
      return ResponseClass.json(
        { status: 'not ready', reason: 'no graph is loaded: run `npm run seed`' },
        { status: 503 },
      );
    return ResponseClass.json({ status: 'ready', dataVersion: row.version });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return ResponseClass.json({ status: 'not ready', reason }, { status: 503 });
  }
}
