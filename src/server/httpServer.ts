/**
 * HTTP server
 *
 * The API behind node:http, as `npm start`, the benchmark and the tests run it. Before the API
 * sees a request:
 * - a request whose target or Host header does not make a URL (`Host: a b`, `Host: [::1`, a
 *   port above 65535, `GET *`) is answered 400 with a one-line reason, never a stack, and
 *   logged by the throttled log (the first whole, with its fields cut to a readable length,
 *   then a line a minute with the count), so a flood of them cannot flood the log;
 * - a method the path does not serve is answered 405 with `Allow`, counted the same way.
 * Clients get bounded time to send headers and the whole request (a body sent a byte at a time
 * cannot hold a socket), idle keep-alive connections close, and one client cannot hold the
 * server's connections (src/server/connectionLimits.ts: a cap per address, and a full server
 * closes the biggest holder's idle connections rather than refuse a newcomer); who the client
 * is (src/server/clientAddress.ts) travels with each request, for the cost per second per
 * client. Answers and files above `compressionThresholdBytes` are
 * compressed with gzip or brotli, whichever the client prefers in `Accept-Encoding` (expressjs's
 * `compression`, which also sets `Vary: Accept-Encoding`); smaller ones go plain, where
 * compressing costs more than it saves. A repeat of an answer the response cache keeps is
 * answered here, without yoga (src/server/answerReplay.ts): for that, the body of a small POST
 * to the GraphQL endpoint is read here and handed to yoga with the request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import compression from 'compression';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Api } from './createApi.js';
import { clientAddressOf, trustedProxies } from './clientAddress.js';
import { limitConnections } from './connectionLimits.js';
import { ThrottledLog } from './throttledLog.js';
import { MCP_PATH } from '../mcp/useMcp.js';
import { answerReplayOf } from './answerReplay.js';

export interface HttpServerOptions {
  /** Where malformed requests and refused methods are counted (see `ThrottledLog`). @default the API's logger */
  logger?: Pick<Logger, 'warn'>;
  /** Smallest body compressed, in bytes. @default 1024 */
  compressionThresholdBytes?: number;
  /** Time to send the headers, in ms (at most `requestTimeoutMs`). @default 10000 */
  headersTimeoutMs?: number;
  /** Time to send the whole request, in ms. @default 30000 */
  requestTimeoutMs?: number;
  /** Idle time before a keep-alive connection is closed, in ms. @default 5000 */
  keepAliveTimeoutMs?: number;
  /** Most open connections. @default 512 */
  maxConnections?: number;
  /** Most open connections from one client address (src/server/connectionLimits.ts). @default 64 */
  maxConnectionsPerClient?: number;
  /** Proxies whose X-Forwarded-For names the client (src/server/clientAddress.ts). @default none */
  trustedProxies?: readonly string[];
}

/** The server's options from the configuration. */
export function httpServerOptionsFrom(config: Config, logger: Logger): HttpServerOptions {
  return {
    logger,
    compressionThresholdBytes: config.COMPRESSION_THRESHOLD_BYTES,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: config.MAX_CONNECTIONS,
    maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT,
    trustedProxies: config.TRUSTED_PROXIES,
  };
}

/** Methods served at the GraphQL endpoint (OPTIONS for CORS preflights) and everywhere else. */
const GRAPHQL_METHODS = ['GET', 'POST', 'OPTIONS'];
/** MCP's Streamable HTTP (src/mcp/useMcp.ts) is stateless: JSON-RPC by POST, no GET stream. */
const MCP_METHODS = ['POST', 'OPTIONS'];
const OTHER_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Longest piece of a malformed request that is logged. */
const LOGGED_CHARACTERS = 200;

const cut = (text: string | undefined) =>
  text === undefined || text.length <= LOGGED_CHARACTERS
    ? text
    : `${text.slice(0, LOGGED_CHARACTERS)}... (${text.length} characters)`;

/** Why the request cannot be turned into a URL, or null when it can. */
function malformed(request: IncomingMessage): string | null {
  const target = request.url ?? '';
  if (!target.startsWith('/')) return 'the request target must be a path starting with /';
  const host = request.headers.host;
  if (host === undefined) return null;
  try {
    new URL(`http://${host}${target}`);
    return null;
  } catch {
    return 'the Host header is not a valid host[:port]';
  }
}

function refuse(response: ServerResponse, status: number, code: string, message: string, headers = {}): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/** Reads a request's body whole (its length is bounded by the caller); a failed read answers nothing. */
function readBody(request: IncomingMessage, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  // An aborted upload ends here; node closes the socket.
  request.on('error', () => {});
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
}

export function createHttpServer(api: Api, options: HttpServerOptions = {}): Server {
  const compress = compression({ threshold: options.compressionThresholdBytes ?? 1_024 });
  const warn = (fields: Record<string, unknown>, message: string) =>
    options.logger ? options.logger.warn(fields, message) : api.logger.warn(`${message} ${JSON.stringify(fields)}`);
  const refusals = new ThrottledLog({ info: warn, warn, error: warn });
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const trust = trustedProxies(options.trustedProxies ?? []);
  const replay = answerReplayOf(api);
  const server = createServer(
    {
      requestTimeout,
      // node refuses a headers timeout longer than the request timeout.
      headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout),
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      // How often the two timeouts above are checked; node's default is every 30 s.
      connectionsCheckingInterval: 1_000,
    },
    (request: IncomingMessage, response: ServerResponse) => {
      const reason = malformed(request);
      if (reason) {
        refusals.note('malformed request', {
          reason,
          method: cut(request.method),
          target: cut(request.url),
          host: cut(request.headers.host),
          remoteAddress: request.socket.remoteAddress,
        });
        refuse(response, 400, 'BAD_REQUEST', `malformed request: ${reason}`);
        return;
      }
      const path = request.url!.split('?')[0];
      const allowed = path === api.graphqlEndpoint ? GRAPHQL_METHODS : path === MCP_PATH ? MCP_METHODS : OTHER_METHODS;
      if (!allowed.includes(request.method ?? '')) {
        refusals.note('METHOD_NOT_ALLOWED', { method: cut(request.method), path: cut(path) }, 'request refused');
        refuse(
          response,
          405,
          'METHOD_NOT_ALLOWED',
          `${cut(request.method)} is not served here; use ${allowed.join(', ')}`,
          {
            allow: allowed.join(', '),
          },
        );
        return;
      }
      // The client's address travels in the server context, for the cost-per-second limit.
      const clientAddress = clientAddressOf(request, trust);
      const handle = (replayKey?: string) =>
        compress(request as never, response as never, () => {
          if (replayKey !== undefined && replay!.serve(request, response, replayKey)) return;
          void api(request, response, { clientAddress, replayKey });
        });
      if (!replay || path !== api.graphqlEndpoint) return handle();
      if (request.method === 'GET') return handle(replay.keyOf(request, null));
      const length = Number(request.headers['content-length']);
      if (request.method !== 'POST' || !(length > 0 && length <= replay.maxRequestBytes)) return handle();
      readBody(request, (body) => {
        // yoga reads a body given this way instead of the stream (@whatwg-node/server).
        (request as IncomingMessage & { body?: Buffer }).body = body;
        handle(replay.keyOf(request, body));
      });
    },
  );
  limitConnections(server, {
    maxConnections: options.maxConnections ?? 512,
    maxPerClient: options.maxConnectionsPerClient ?? 64,
    trust,
    onRefuse: (code, fields) => refusals.note(code, fields, 'connection refused'),
    onEvict: (fields) => refusals.note('idle connections closed', fields, 'idle connections closed to make room'),
  });
  server.on('close', () => refusals.flush());
  return server;
}
