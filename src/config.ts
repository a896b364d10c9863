/**
 * Configuration
 *
 * The one place that reads the environment. Every setting is validated here and documented
 * with its default; a bad value stops start-up with a message naming the variable.
 */
import { z } from 'zod';
import proxyAddr from 'proxy-addr';

const port = z.coerce.number().int().min(0).max(65535);
const positiveMs = z.coerce.number().int().positive();
const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ConfigSchema = z.object({
  /** HTTP port of the API. @default 4000 */
  PORT: port.default(4000),
  /** Interface the HTTP server binds to. @default "127.0.0.1" */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The URL the API is reached at by its users: the base of every `url` field, of the pages at
   * /entities/ and /statements/, and of the IRIs in the RDF releases. @default "http://localhost:PORT"
   */
  PUBLIC_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  /**
   * Where releases are written, one folder per data version (`npm run release` and `npm start`
   * write there; the API serves them at /releases/). @default ".releases"
   */
  RELEASE_DIR: z.string().min(1).default('.releases'),
  /** Whether `npm start` writes the release of the data version it serves, when missing. @default true */
  RELEASE_ON_START: flag.default(true),
  /**
   * Bolt URI of an existing Neo4j (bolt://, neo4j://, neo4j+s://, ...). When unset, a local
   * Neo4j is started from `neo4j-local/` on a free port and stopped on exit. @default unset
   */
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI (optionally +s or +ssc)')
    .optional(),
  /** Neo4j user. @default "neo4j" */
  NEO4J_USER: z.string().min(1).default('neo4j'),
  /** Neo4j password (the local launcher runs without auth and ignores it). @default "neo4j" */
  NEO4J_PASSWORD: z.string().default('neo4j'),
  /** Database name, passed on every query. @default "neo4j" */
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  /** Data directory of the local Neo4j. @default ".neo4j/data" */
  NEO4J_LOCAL_DATA_DIR: z.string().min(1).default('.neo4j/data'),
  /** Bolt port of `npm run neo4j` (the API and tests pick a free port instead). @default 7687 */
  NEO4J_LOCAL_PORT: port.default(7687),
  /** Java used to run the local Neo4j. @default "java" */
  NEO4J_LOCAL_JAVA: z.string().min(1).default('java'),
  /** Maven used to build the local Neo4j launcher once. @default "mvn" */
  NEO4J_LOCAL_MAVEN: z.string().min(1).default('mvn'),
  /** How long to wait for Neo4j to accept connections at start-up. @default 120000 */
  NEO4J_STARTUP_TIMEOUT_MS: positiveMs.default(120_000),
  /** Server-side timeout of every read transaction. @default 5000 */
  QUERY_TIMEOUT_MS: positiveMs.default(5_000),
  /** Log level of the structured logs. @default "info" */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** "production" turns off GraphiQL and introspection unless they are switched on. @default "development" */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Serve GraphiQL at /graphql. @default true, false when NODE_ENV=production */
  GRAPHIQL: flag.optional(),
  /**
   * Map stack traces to the TypeScript sources. Costly on a busy server: neo4j-driver captures
   * a stack for every query, and mapping it took about 7% of a request's CPU.
   * @default true, false when NODE_ENV=production
   */
  SOURCE_MAPS: flag.optional(),
  /** Load the seed data at start-up when the graph is empty or outdated. @default true */
  SEED_ON_START: flag.default(true),
  /**
   * Which records of the kept datasets (DrugCentral, PharmacotherapyDB, Hetionet; seed/sources/)
   * a load adds beside the article's facts: `none`; `neighbourhood`, every record of the graph's
   * drugs with the entities those records name; or `full`, every record of the files.
   * `npm run seed -- --datasets` overrides it. @default "neighbourhood"
   */
  SEED_DATASETS: z.enum(['none', 'neighbourhood', 'full']).default('neighbourhood'),
  /** Answer introspection queries. @default true, false when NODE_ENV=production */
  INTROSPECTION: flag.optional(),
  /**
   * Suggest names in validation and variable errors ("Did you mean ...?": fields, arguments,
   * types, enum values). @default true, false when NODE_ENV=production
   */
  FIELD_SUGGESTIONS: flag.optional(),
  /** Deepest selection nesting accepted. @default 12 */
  MAX_DEPTH: positiveInt.default(12),
  /** Most aliases in one operation. @default 30 */
  MAX_ALIASES: positiveInt.default(30),
  /** Most directives in one operation. @default 20 */
  MAX_DIRECTIVES: positiveInt.default(20),
  /** Most tokens in one document. @default 2000 */
  MAX_TOKENS: positiveInt.default(2_000),
  /**
   * Most values an operation's answer could hold, by the cost model (`src/server/costModel.ts`:
   * list bounds times aliases); above it the operation is refused before it runs
   * (QUERY_TOO_COSTLY). One neighbourhood of depth 3 with every node's and edge's citation costs
   * about 59000; thirty of them, 1.8 million. @default 100000
   */
  MAX_COST: positiveInt.default(100_000),
  /**
   * Cost from which an operation is expensive and needs one of MAX_EXPENSIVE_OPERATIONS slots.
   * The explorer's neighbourhood and full nested batches are expensive; a drug lookup costs
   * under 1000. @default 10000
   */
  EXPENSIVE_COST: positiveInt.default(10_000),
  /**
   * Most expensive operations running at once; more wait their turn (EXPENSIVE_QUEUE_COST), and
   * cheap queries never wait for them, so they keep their latency. Their work is mostly
   * on the one JavaScript thread (decoding, resolving, serialising), so a second slot added no
   * expensive throughput under load and doubled the wait of cheap queries. @default 1
   */
  MAX_EXPENSIVE_OPERATIONS: positiveInt.default(1),
  /**
   * Most cost of expensive operations waiting for a slot, taking turns fairly between clients;
   * one more is refused at once with 503, `Retry-After: 1` and SERVER_BUSY, and so is one that
   * has waited QUERY_TIMEOUT_MS. @default 200000 (two operations at MAX_COST)
   */
  EXPENSIVE_QUEUE_COST: positiveInt.default(200_000),
  /**
   * Largest share of the time expensive operations may run: after one ran for d ms, the next
   * starts d * (1 - share) / share ms later, so that on a small machine cheap queries find the
   * CPU (and Neo4j) free part of the time. 1 lets them run back to back. @default 0.5
   */
  EXPENSIVE_TIME_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
  /** Largest answer, as JSON bytes; a larger one is replaced by RESPONSE_TOO_LARGE. @default 1048576 (1 MiB) */
  MAX_RESPONSE_BYTES: positiveInt.default(1_048_576),
  /** Largest request body accepted, in bytes. @default 65536 */
  MAX_BODY_BYTES: positiveInt.default(65_536),
  /**
   * Time a client has to send a request's headers; after it the connection is closed with 408.
   * @default 10000
   */
  HEADERS_TIMEOUT_MS: positiveMs.default(10_000),
  /**
   * Time a client has to send a whole request, headers and body; after it the connection is
   * closed with 408, so a body sent a byte at a time cannot hold a socket. @default 30000
   */
  REQUEST_TIMEOUT_MS: positiveMs.default(30_000),
  /** How long an idle keep-alive connection stays open. @default 5000 */
  KEEP_ALIVE_TIMEOUT_MS: positiveMs.default(5_000),
  /**
   * Most open client connections. When they are all open, the idle ones of the address holding
   * the most are closed to make room for a newcomer; only when none is idle is the newcomer
   * refused (503, SERVER_BUSY). @default 512
   */
  MAX_CONNECTIONS: positiveInt.default(512),
  /**
   * Most open connections from one client address; one more is answered 429 with Retry-After and
   * TOO_MANY_CONNECTIONS and closed, so that one client cannot hold the server's connections.
   * Trusted proxies (TRUSTED_PROXIES) are exempt. @default 64
   */
  MAX_CONNECTIONS_PER_CLIENT: positiveInt.default(64),
  /**
   * Cost (values an answer could hold, by the cost model) one client may have run in a second;
   * beyond it 429 with Retry-After and RATE_LIMITED. Answers from the response cache cost
   * nothing, and an operation costing more than this is charged this, so any operation under
   * MAX_COST can run. @default 200000
   */
  CLIENT_COST_PER_SECOND: positiveInt.default(200_000),
  /**
   * Proxies whose `X-Forwarded-For` names the client, for the limits per client: addresses, CIDR
   * ranges, or `loopback`, `linklocal`, `uniquelocal`, comma-separated. None by default: the
   * header is then ignored, since any client can write it. @default ""
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => {
        try {
          proxyAddr.compile(list);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be IP addresses, CIDR ranges, loopback, linklocal or uniquelocal, comma-separated' },
    ),
  /**
   * Execute operations through graphql-jit (compiled once per document) instead of
   * graphql-js's interpreter. @default false
   */
  COMPILED_EXECUTION: flag.default(false),
  /** Keep answers in memory, keyed by data version and operation. @default true */
  RESPONSE_CACHE: flag.default(true),
  /** Most answers the response cache holds. @default 2000 */
  RESPONSE_CACHE_MAX_ENTRIES: positiveInt.default(2_000),
  /**
   * Most heap the response cache's answers take, kept as JSON text (one byte a character, two if
   * the answer holds any outside Latin-1); an answer over a sixteenth of it is not kept. Part of
   * the memory budget that fits the heap limit (src/server/memoryBudget.ts). @default 33554432 (32 MiB)
   */
  RESPONSE_CACHE_MAX_BYTES: positiveInt.default(32 * 1024 * 1024),
  /**
   * How often each API process reads the graph's data version; after a reseed no answer of the
   * old version is served once this much time (plus one read) has passed. @default 2000
   */
  DATA_VERSION_POLL_MS: positiveMs.default(2_000),
  /**
   * How long a request that began reading just before a load announced its switch may go on
   * and still be answered from the old version: a loader waits DATA_VERSION_POLL_MS plus this
   * between announcing and committing (both must be the same for the loader and the API).
   * Longer lets slower requests finish and makes every load wait longer. @default 1000
   */
  SWITCH_GRACE_MS: positiveMs.default(1_000),
  /** `max-age` of the Cache-Control header on successful answers, in seconds. @default 60 */
  CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Answers and assets larger than this many bytes are compressed (gzip or brotli). @default 1024 */
  COMPRESSION_THRESHOLD_BYTES: z.coerce.number().int().min(0).default(1_024),
  /** Origins allowed by CORS, comma-separated, or "*" for any. @default "*" */
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((v) =>
      v.trim() === '*'
        ? '*'
        : v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    ),
});

type Parsed = z.infer<typeof ConfigSchema>;
export type Config = Omit<Parsed, 'GRAPHIQL' | 'INTROSPECTION' | 'FIELD_SUGGESTIONS' | 'SOURCE_MAPS' | 'PUBLIC_URL'> & {
  PUBLIC_URL: string;
  GRAPHIQL: boolean;
  INTROSPECTION: boolean;
  FIELD_SUGGESTIONS: boolean;
  SOURCE_MAPS: boolean;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Builds the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const config = result.data;
  const development = config.NODE_ENV !== 'production';
  return {
    ...config,
    PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    GRAPHIQL: config.GRAPHIQL ?? development,
    INTROSPECTION: config.INTROSPECTION ?? development,
    FIELD_SUGGESTIONS: config.FIELD_SUGGESTIONS ?? development,
    SOURCE_MAPS: config.SOURCE_MAPS ?? development,
  };
}
