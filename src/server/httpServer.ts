/**
 * HTTP server
 *
 * The API behind node:http, as `npm start`, the benchmark and the tests run it. Before the API
 * sees a request:
 * - a request whose target or Host header does not make a URL (`Host: a b`, `Host: [::1`, a
 *   port above 65535, `GET *`) is answered 400 with a one-line reason, never a stack, and
 *   logged once, with its fields cut to a readable length;
 * - a method the path does not serve is answered 405 with `Allow`.
 * Clients get bounded time to send headers and the whole request (a body sent a byte at a time
 * cannot hold a socket), idle keep-alive connections close, and connections beyond a cap are
 * closed as soon as they are accepted. Answers and files above `compressionThresholdBytes` are
 * compressed with gzip or brotli, whichever the client prefers in `Accept-Encoding` (expressjs's
 * `compression`, which also sets `Vary: Accept-Encoding`); smaller ones go plain, where
 * compressing costs more than it saves.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import compression from 'compression';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Api } from './createApi.js';

export interface HttpServerOptions {
  /** Where malformed requests are logged. @default the API's logger */
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
  };
}

/** Methods served at the GraphQL endpoint (OPTIONS for CORS preflights) and everywhere else. */
const GRAPHQL_METHODS = ['GET', 'POST', 'OPTIONS'];
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

export function createHttpServer(api: Api, options: HttpServerOptions = {}): Server {
  const compress = compression({ threshold: options.compressionThresholdBytes ?? 1_024 });
  const warn = (fields: Record<string, unknown>, message: string) =>
    options.logger ? options.logger.warn(fields, message) : api.logger.warn(`${message} ${JSON.stringify(fields)}`);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
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
        warn(
          {
            reason,
            method: cut(request.method),
            target: cut(request.url),
            host: cut(request.headers.host),
            remoteAddress: request.socket.remoteAddress,
          },
          'malformed request',
        );
        refuse(response, 400, 'BAD_REQUEST', `malformed request: ${reason}`);
        return;
      }
      const path = request.url!.split('?')[0];
      const allowed = path === api.graphqlEndpoint ? GRAPHQL_METHODS : OTHER_METHODS;
      if (!allowed.includes(request.method ?? '')) {
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
      compress(request as never, response as never, () => void api(request, response));
    },
  );
  server.maxConnections = options.maxConnections ?? 512;
  return server;
}
