/**
 * The API
 *
 * The GraphQL endpoint (graphql-yoga over the executable schema) plus `/health` (the process
 * is up) and `/ready` (Neo4j answers and a graph is loaded), as one request handler that works
 * in-process (`api.fetch`) and behind node:http alike. Abusive operations are refused before
 * they reach the database (depth, aliases, directives, tokens, cost, body size); browsers are
 * protected by CSRF prevention and CORS.
 */
import { randomUUID } from 'node:crypto';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../neo4j/database.js';
import { createContext, type Context } from '../graphql/context.js';
import { createSchema } from '../graphql/schema.js';
import { useExplorer } from '../explorer/useExplorer.js';
import { EXAMPLE_QUERIES } from './exampleQueries.js';
import { useErrorsAndLogs } from './useErrorsAndLogs.js';

export interface ApiOptions {
  database: Database;
  logger: Logger;
  /** Limits applied before execution; see the README's "Limits and failure behaviour". */
  limits: Pick<Config, 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_DIRECTIVES' | 'MAX_TOKENS' | 'MAX_COST' | 'MAX_BODY_BYTES'>;
  /** Serve GraphiQL at /graphql. @default true */
  graphiql?: boolean;
  /** Answer introspection queries. @default true */
  introspection?: boolean;
  /** "Did you mean ...?" in validation errors. @default true */
  fieldSuggestions?: boolean;
  /** Origins allowed by CORS. @default '*' */
  corsOrigins?: '*' | string[];
}

export type Api = YogaServerInstance<Record<string, unknown>, Context>;

/** The header browsers must send on GET and simple POST requests (CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

const READY_QUERY = "MATCH (m:Meta {id: 'graph'}) RETURN m.version AS version";

/** Builds the API's options from the configuration. */
export function apiOptionsFrom(config: Config, database: Database, logger: Logger): ApiOptions {
  return {
    database,
    logger,
    limits: config,
    graphiql: config.GRAPHIQL,
    introspection: config.INTROSPECTION,
    fieldSuggestions: config.FIELD_SUGGESTIONS,
    corsOrigins: config.CORS_ORIGINS,
  };
}

export function createApi(options: ApiOptions): Api {
  const { database, logger, limits } = options;
  const plugins: Plugin[] = [
    useReadiness(database),
    useExplorer(),
    useBodyLimit(limits.MAX_BODY_BYTES),
    useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
    maxTokensPlugin({ n: limits.MAX_TOKENS }),
    maxDepthPlugin({ n: limits.MAX_DEPTH, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.MAX_ALIASES }),
    maxDirectivesPlugin({ n: limits.MAX_DIRECTIVES }),
    costLimitPlugin({ maxCost: limits.MAX_COST, flattenFragments: true }),
    useErrorsAndLogs(logger) as Plugin,
  ];
  if (options.fieldSuggestions === false) plugins.push(blockFieldSuggestionsPlugin());
  if (options.introspection === false) {
    plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  }
  return createYoga<Record<string, unknown>, Context>({
    schema: createSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: options.graphiql === false ? false : { title: 'Drug facts graph', defaultQuery: EXAMPLE_QUERIES },
    cors: { origin: options.corsOrigins ?? '*', methods: ['GET', 'POST'], credentials: false },
    context: ({ request }) => createContext(database, request.headers.get('x-request-id') ?? randomUUID()),
    // Masking is done, with the request id, by useErrorsAndLogs.
    maskedErrors: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    plugins,
  });
}

/** `/health` is yoga's own (200 while the process serves); `/ready` also needs Neo4j and a graph. */
function useReadiness(database: Database): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/ready') endResponse(await readiness(database, fetchAPI.Response));
    },
  };
}

/**
 * Refuses a body over the limit before it is read. A POST must declare its length, so a client
 * cannot stream an unbounded body in chunks.
 */
function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      const refuse = (status: number, message: string) =>
        endResponse(fetchAPI.Response.json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }, { status }));
      if (declared === null) refuse(411, 'a POST request must send Content-Length');
      else if (Number(declared) > maxBytes) refuse(413, `the request body is larger than ${maxBytes} bytes`);
    },
  };
}

async function readiness(database: Database, ResponseClass: typeof Response): Promise<Response> {
  try {
    const [row] = await database.read<{ version: string }>({ name: 'ready', cypher: READY_QUERY });
    if (!row) {
      return ResponseClass.json(
        { status: 'not ready', reason: 'no graph is loaded: run `npm run seed`' },
        { status: 503 },
      );
    }
    return ResponseClass.json({ status: 'ready', dataVersion: row.version });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return ResponseClass.json({ status: 'not ready', reason }, { status: 503 });
  }
}
