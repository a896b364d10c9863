/**
 * Answer replay
 *
 * A cached answer should cost little more than writing its bytes. Through yoga, a response-cache
 * hit still builds a fetch Request, runs every plugin's hooks, finds the key from the parsed
 * operation and copies the kept answer into a Response: more CPU than the whole of a plain
 * HTTP answer. So the HTTP server (src/server/httpServer.ts) answers a repeat itself. Once the
 * response cache holds a request's answer, the answer's final headers and bytes are kept here
 * under the request as it came: method, target, body, and the headers that shape an answer
 * (Accept, Content-Type, Origin). The same request again is answered from them, as yoga would
 * have answered it: its own `x-request-id`, a 304 when it sends the tag, compression as asked,
 * and its log line.
 *
 * Only what the response cache keeps is replayed (never an error, never `Meta.releaseFiles`),
 * and an entry is served only while the response cache still holds that answer under the
 * current data version: a new version, an eviction or a cleared cache end it, and the request
 * goes through yoga again. With the response cache off nothing is replayed (the cold path is
 * yoga's). Entries are bounded in number and bytes (src/server/memoryBudget.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { LRUCache } from 'lru-cache';
import type { DataVersionWatcher } from './dataVersionWatcher.js';
import { notModifiedHeaders, tagListed } from './entityTags.js';
import { REPLAY_BYTES } from './memoryBudget.js';
import { logOperation } from './useErrorsAndLogs.js';
import { requestIdFrom } from './useRequestId.js';

/** Longest request body replayed; a longer request goes to yoga as it came. */
const MAX_REQUEST_BYTES = 16 * 1024;
/** Longest answer replayed (bytes). */
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_ENTRIES = 256;

/** What the HTTP server passes yoga with a request it may replay next time. */
export interface ReplayContext {
  replayKey?: string;
}

interface Entry {
  /** The response cache's key of the answer, and the data version it was read from. */
  cacheKey: string;
  version: string;
  operationName: string | undefined;
  etag: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface AnswerReplay {
  /** Longest body of a request that may be replayed: the server reads such a body before yoga does. */
  readonly maxRequestBytes: number;
  /** The key of a request to the GraphQL endpoint (`body` read already, for a POST). */
  keyOf(request: IncomingMessage, body: Buffer | null): string;
  /** Answers the request from its entry, if it has a live one; false leaves it to yoga. */
  serve(request: IncomingMessage, response: ServerResponse, key: string): boolean;
  /** Keeps the final answer of a request whose answer the response cache holds (last plugin). */
  readonly plugin: Plugin;
  /** Answers replayed so far. */
  readonly served: number;
}

export interface ReplayOptions {
  watcher: DataVersionWatcher;
  logger: Pick<Logger, 'info' | 'debug'>;
  /** Whether the response cache holds an answer under this key now. */
  holds(cacheKey: string): boolean;
  /** The response cache's key for a request yoga saw, and its operation's name. */
  cacheKeyOf(request: Request): { key: string; operationName: string | undefined } | undefined;
  /** Longest request body accepted (MAX_BODY_BYTES). */
  maxBodyBytes: number;
}

const JSON_ANSWER = /^application\/(graphql-response\+)?json/;

export function createAnswerReplay(options: ReplayOptions): AnswerReplay {
  const { watcher, logger, holds, cacheKeyOf } = options;
  const entries = new LRUCache<string, Entry>({
    max: MAX_ENTRIES,
    maxSize: REPLAY_BYTES,
    sizeCalculation: (entry, key) => entry.body.length + key.length + 1_024,
  });
  let served = 0;
  const live = (entry: Entry | undefined): entry is Entry =>
    entry !== undefined && watcher.current === entry.version && holds(entry.cacheKey);
  return {
    maxRequestBytes: Math.min(MAX_REQUEST_BYTES, options.maxBodyBytes),
    keyOf(request, body) {
      const { headers } = request;
      // latin1 maps bytes to characters one to one: two bodies share a key only if they are equal.
      const parts = [request.method, request.url, headers.accept, headers['content-type'], headers.origin];
      return `${parts.map((part) => part ?? '').join('\n')}\n${body?.toString('latin1') ?? ''}`;
    },
    serve(request, response, key) {
      const entry = entries.get(key);
      if (!live(entry)) return false;
      const started = performance.now();
      const requestId = requestIdFrom(request.headers['x-request-id'] as string | undefined);
      if (tagListed(request.headers['if-none-match'], entry.etag)) {
        response.writeHead(304, { ...notModifiedHeaders(entry.headers, entry.etag), 'x-request-id': requestId });
        response.end();
      } else {
        response.writeHead(200, { ...entry.headers, 'x-request-id': requestId, 'content-length': entry.body.length });
        response.end(entry.body);
      }
      served += 1;
      logOperation(logger, 'info', {
        requestId,
        operationName: entry.operationName,
        durationMs: performance.now() - started,
        dbTimeMs: 0,
        roundTrips: 0,
        errors: [],
      });
      return true;
    },
    plugin: {
      async onResponse({ request, response, serverContext }) {
        const key = (serverContext as ReplayContext | undefined)?.replayKey;
        const etag = response.headers.get('etag');
        if (key === undefined || response.status !== 200 || etag === null || live(entries.get(key))) return;
        if (!JSON_ANSWER.test(response.headers.get('content-type') ?? '')) return;
        const body = Buffer.from(await response.clone().arrayBuffer());
        const cached = cacheKeyOf(request);
        const version = watcher.current;
        // Checked after the read: the version may have changed meanwhile.
        if (!cached || version === null || !holds(cached.key) || body.length > MAX_ANSWER_BYTES) return;
        const headers = Object.fromEntries(
          [...response.headers].filter(([name]) => name !== 'x-request-id' && name !== 'content-length'),
        );
        entries.set(key, { cacheKey: cached.key, version, operationName: cached.operationName, etag, headers, body });
      },
    },
    get served() {
      return served;
    },
  };
}

const replays = new WeakMap<object, AnswerReplay>();

/** Registers the replay of an API (the API's response cache is on). */
export function registerReplay(api: object, replay: AnswerReplay): void {
  replays.set(api, replay);
}

/** The replay of an API, or undefined when its response cache is off. */
export function answerReplayOf(api: object): AnswerReplay | undefined {
  return replays.get(api);
}
