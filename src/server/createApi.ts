/**
 * The API
 *
 * The GraphQL endpoint (graphql-yoga over the executable schema) plus `/health` (the process
 * is up) and `/ready` (Neo4j answers and a graph is loaded), as one request handler that works
 * in-process (`api.fetch`) and behind node:http alike. Abusive operations are refused before
 * they reach the database (depth, aliases, directives, tokens, cost, body size, variables), at most a few
 * expensive ones run at once, and an answer has a size limit; every refusal carries a code.
 * Answers are
 * cached by data version (in memory and by HTTP, with ETags), queries may come by GET, by
 * automatic persisted query hash or by JSON POST, and GraphiQL is served from the project's
 * own dependencies.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../neo4j/database.js';
import { createContext, type Context } from '../graphql/context.js';
import { useResourcePages } from './useResourcePages.js';
import { useReleaseFiles } from './useReleaseFiles.js';
import { releaseShelf } from '../release/releaseShelf.js';
import { createSchema } from '../graphql/schema.js';
import { useExplorer } from '../explorer/useExplorer.js';
import { useMcp } from '../mcp/useMcp.js';
import { EXAMPLE_QUERIES } from './exampleQueries.js';
import { DataVersionWatcher } from './dataVersionWatcher.js';
import { consistentReads } from './consistentReads.js';
import { useDocumentLimits } from './documentLimits.js';
import { createDocumentCaches } from './documentCaches.js';
import { createPersistedQueryStore } from './persistedQueries.js';
import { OutageLog } from './outageLog.js';
import { useAnswerSizeLimit } from './useAnswerSizeLimit.js';
import { createAnswerStore, useCaching } from './useCaching.js';
import { createAnswerReplay, registerReplay } from './answerReplay.js';
import { useCostLimit } from './useCostLimit.js';
import { useClientCostRate } from './useClientCostRate.js';
import { useErrorsAndLogs } from './useErrorsAndLogs.js';
import { useExpensiveWorkLimit } from './useExpensiveWorkLimit.js';
import { useHttpCaching } from './useHttpCaching.js';
import { useJsonPosts } from './useJsonPosts.js';
import { useRequestErrors } from './useRequestErrors.js';
import { requestIdOf, useRequestId } from './useRequestId.js';
import { useVariableLimits } from './useVariableLimits.js';
import { graphVersion } from '../neo4j/meta.js';

export interface ApiOptions {
  database: Database;
  logger: Logger;
  /** Limits applied before execution; see the README's "Limits and failure behaviour". */
  limits: Pick<
    Config,
    | 'MAX_DEPTH'
    | 'MAX_ALIASES'
    | 'MAX_DIRECTIVES'
    | 'MAX_TOKENS'
    | 'MAX_COST'
    | 'EXPENSIVE_COST'
    | 'MAX_EXPENSIVE_OPERATIONS'
    | 'EXPENSIVE_QUEUE_COST'
    | 'EXPENSIVE_TIME_SHARE'
    | 'CLIENT_COST_PER_SECOND'
    | 'MAX_RESPONSE_BYTES'
    | 'MAX_BODY_BYTES'
  >;
  /** Where the API is reached (the base of every `url`) and where its releases are kept. */
  site: { publicUrl: string; releaseDir: string };
  /** Serve GraphiQL at /graphql. @default true */
  graphiql?: boolean;
  /** Answer introspection queries. @default true */
  introspection?: boolean;
  /** "Did you mean ...?" in validation and variable errors. @default true */
  fieldSuggestions?: boolean;
  /** Origins allowed by CORS. @default '*' */
  corsOrigins?: '*' | string[];
  /** Execute through graphql-jit's compiled queries. @default false */
  compiledExecution?: boolean;
  /** The in-memory response cache; see the README's "Embedding the data in an app". */
  cache: Pick<
    Config,
    | 'RESPONSE_CACHE'
    | 'RESPONSE_CACHE_MAX_ENTRIES'
    | 'RESPONSE_CACHE_MAX_BYTES'
    | 'DATA_VERSION_POLL_MS'
    | 'CACHE_MAX_AGE_SECONDS'
    | 'SWITCH_GRACE_MS'
    | 'QUERY_TIMEOUT_MS'
  >;
}

export type Api = YogaServerInstance<Record<string, unknown>, Context>;

const ENDPOINT = '/graphql';

/** Builds the API's options from the configuration. */
export function apiOptionsFrom(config: Config, database: Database, logger: Logger): ApiOptions {
  return {
    database,
    logger,
    limits: config,
    site: { publicUrl: config.PUBLIC_URL, releaseDir: config.RELEASE_DIR },
    graphiql: config.GRAPHIQL,
    introspection: config.INTROSPECTION,
    fieldSuggestions: config.FIELD_SUGGESTIONS,
    corsOrigins: config.CORS_ORIGINS,
    cache: config,
    compiledExecution: config.COMPILED_EXECUTION,
  };
}

export function createApi(options: ApiOptions): Api {
  const { database, logger, limits, cache } = options;
  const store = createAnswerStore({
    maxEntries: cache.RESPONSE_CACHE_MAX_ENTRIES,
    maxBytes: cache.RESPONSE_CACHE_MAX_BYTES,
  });
  const documents = createDocumentCaches(limits.MAX_TOKENS);
  const watcher = new DataVersionWatcher(database, cache.DATA_VERSION_POLL_MS, () => store.clear());
  const reads = consistentReads(watcher, database, cache);
  // Repeats of kept answers are answered by the HTTP server (src/server/answerReplay.ts).
  const keys = new WeakMap<Request, { key: string; operationName: string | undefined }>();
  const replay = cache.RESPONSE_CACHE
    ? createAnswerReplay({
        watcher,
        logger,
        holds: (key) => store.holds(key),
        cacheKeyOf: (request) => keys.get(request),
        maxBodyBytes: limits.MAX_BODY_BYTES,
      })
    : undefined;
  const releases = releaseShelf(options.site.releaseDir);
  const site = { publicUrl: options.site.publicUrl, releases };
  // Order matters where hooks run one after another. Execution: the answer-size limit and the
  // log see every result, refusals included; the cost limit refuses before the cache answers;
  // graphql-jit, when on, sets the executor that the expensive-work limit wraps, the cost per
  // second per client wraps that, and the response cache wraps it in turn and skips it on a hit
  // (so a hit takes no slot and is not charged).
  const plugins: Plugin[] = [
    useRequestId(),
    useReadinessCheck({ endpoint: '/ready', check: ({ fetchAPI }) => readiness(database, fetchAPI.Response) }),
    useExplorer(),
    // Entities and statements at their URLs, and the release files (JSON, JSON-LD, HTML; CSV, RDF).
    useResourcePages({
      database: reads.database,
      watcher,
      publicUrl: site.publicUrl,
      maxAgeSeconds: cache.CACHE_MAX_AGE_SECONDS,
      logger,
    }),
    useReleaseFiles(releases, watcher),
    useBodyLimit(limits.MAX_BODY_BYTES),
    // MCP at /mcp (src/mcp/useMcp.ts): behind the request id and body limit, its tools asking `api`.
    useMcp({ api: () => api, logger, maxBodyBytes: limits.MAX_BODY_BYTES, introspection: options.introspection }),
    useJsonPosts(ENDPOINT),
    useVariableLimits(),
    ...useDocumentLimits(limits),
    useRequestErrors({ suggestions: options.fieldSuggestions !== false }),
    useAnswerSizeLimit(limits.MAX_RESPONSE_BYTES),
    reads.plugin,
    useErrorsAndLogs(logger, new OutageLog(logger)) as Plugin,
    useCostLimit(limits.MAX_COST),
    // The hash is resolved to its query before the response cache builds its key from it.
    useAPQ({ store: createPersistedQueryStore() }),
    ...(options.compiledExecution ? [useGraphQlJit() as Plugin] : []),
    useExpensiveWorkLimit({
      threshold: limits.EXPENSIVE_COST,
      concurrency: limits.MAX_EXPENSIVE_OPERATIONS,
      queueCost: limits.EXPENSIVE_QUEUE_COST,
      maxWaitMs: cache.QUERY_TIMEOUT_MS,
      share: limits.EXPENSIVE_TIME_SHARE,
    }),
    // Checked before an operation waits for an expensive-work slot; a cache hit is never charged.
    useClientCostRate(limits.CLIENT_COST_PER_SECOND),
    ...(cache.RESPONSE_CACHE
      ? [useCaching(watcher, store, documents, (request, key, name) => keys.set(request, { key, operationName: name }))]
      : []),
    useHttpCaching(watcher, cache.CACHE_MAX_AGE_SECONDS, ENDPOINT),
    // Last: it keeps the answer as sent, every header set.
    ...(replay ? [replay.plugin] : []),
    { onDispose: () => watcher.stop() },
  ];
  if (options.introspection === false) {
    plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  }
  const api: Api = createYoga<Record<string, unknown>, Context>({
    schema: createSchema(),
    graphqlEndpoint: ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: options.graphiql === false ? false : { title: 'Drug facts graph', defaultQuery: EXAMPLE_QUERIES },
    // GraphiQL's code comes inlined from our own node_modules: the page works with no internet.
    // Loaded on the first page asked for: its bundle took 84 MB of memory (33 MB of heap) even
    // in production, where GraphiQL is off.
    renderGraphiQL: async (graphiqlOptions) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiqlOptions),
    cors: { origin: options.corsOrigins ?? '*', methods: ['GET', 'POST'], credentials: false },
    context: ({ request }) => createContext(reads.database, requestIdOf(request), site),
    // Masking is done, with the request id, by useErrorsAndLogs.
    maskedErrors: false,
    // useBodyLimit refuses a POST over MAX_BODY_BYTES, or with no Content-Length, before it is
    // read, and node's parser reads exactly the declared length (it refuses a request that sends
    // both Content-Length and chunked encoding). yoga's own limit piped every body through a
    // byte-counting stream besides: 7% of the CPU of a cached answer.
    maxRequestBodySize: false,
    parserAndValidationCache: documents.yogaOptions,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    plugins,
  });
  if (replay) registerReplay(api, replay);
  return api;
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

/** `/ready` answers 200 with the data version once Neo4j answers and a graph is loaded. */
async function readiness(database: Database, ResponseClass: typeof Response): Promise<Response> {
  try {
    const version = await graphVersion(database);
    if (version === null) {
      return ResponseClass.json(
        { status: 'not ready', reason: 'no graph is loaded: run `npm run seed`' },
        { status: 503 },
      );
    }
    return ResponseClass.json({ status: 'ready', dataVersion: version });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return ResponseClass.json({ status: 'not ready', reason }, { status: 503 });
  }
}
