/**
 * HTTP server
 *
 * The API behind node:http, as `npm start`, the benchmark and the tests run it. Answers and
 * files above `compressionThresholdBytes` are compressed with gzip or brotli, whichever the
 * client prefers in `Accept-Encoding` (expressjs's `compression`, which also sets
 * `Vary: Accept-Encoding`); smaller ones go plain, where compressing costs more than it saves.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import compression from 'compression';
import type { Api } from './createApi.js';

export interface HttpServerOptions {
  /** Smallest body compressed, in bytes. @default 1024 */
  compressionThresholdBytes?: number;
}

export function createHttpServer(api: Api, options: HttpServerOptions = {}): Server {
  const compress = compression({ threshold: options.compressionThresholdBytes ?? 1_024 });
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    compress(request as never, response as never, () => void api(request, response));
  });
}
