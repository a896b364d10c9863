/**
 * Response cache
 *
 * The data changes only when a new data version is loaded, so an answer can be kept until then.
 * the-guild's response-cache plugin does the caching; this module decides the key and the
 * store. The key is the data version, the operation in normal form and the values of the
 * variables it declares (src/server/operationKey.ts), so an answer read from one version is never
 * served for another, and a comment, whitespace or reordered fields cannot make a new entry.
 * Answers with errors are not kept. While no version is known (no graph, or the first read still
 * running) nothing is cached.
 *
 * Answers are kept as their JSON text, not as the objects graphql-js built: those took 3 to 12
 * times the heap of their JSON (scripts/measureHeap.ts), and a cache bounded by JSON bytes grew
 * the heap past V8's limit. A string costs its length in heap, twice that when it holds a
 * character outside Latin-1, and that is what the LRU counts against its budget of heap bytes.
 * A hit is sent as the kept text; its data is parsed back only if a plugin reads it
 * (src/server/keptData.ts), which on the way out none does. An answer
 * larger than a sixteenth of the budget is not kept, so that one answer cannot empty a small
 * cache; at the default budget every legal answer (MAX_RESPONSE_BYTES) can be kept: the largest
 * answers are the costliest to compute again, and they cost their size here.
 */
import { getOperationAST, type ExecutionResult } from 'graphql';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { DataVersionWatcher } from './dataVersionWatcher.js';
import type { DocumentSource } from './documentCaches.js';
import { isKeptData, isUnchangedKeptData, keptData } from './keptData.js';
import { stringHeapBytes } from './memoryBudget.js';
import { operationKey } from './operationKey.js';

export interface CacheLimits {
  /** Most answers kept. */
  maxEntries: number;
  /** Most heap bytes the kept answers take (their JSON text, as V8 stores it). */
  maxBytes: number;
}

/** What a kept answer costs besides its text: its headers, its key, the LRU's bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 1_024;

interface Kept {
  /** The answer's key parts: one variant of the operation is kept per slot. */
  variant: string;
  /** The body as yoga would send it: the result without its HTTP extensions. */
  text: string;
  /** The result's extensions as JSON, HTTP headers included (they become the response's headers). */
  extensions: string;
  /** The extensions in the body, as JSON. */
  rest: string;
  bytes: number;
}

type Stringified = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

/** The body yoga sends for `result` (which has no errors): its data and non-HTTP extensions. */
function bodyOf(result: ExecutionResult): { text: string; rest: string } {
  const { http: _http, ...rest } = (result.extensions ?? {}) as Record<string, unknown>;
  const extensions = Object.keys(rest).length ? rest : undefined;
  return { text: JSON.stringify({ ...result, extensions }), rest: JSON.stringify(extensions ?? null) };
}

/**
 * Lets yoga send `text` for `result` instead of serialising it again, as long as what it is
 * about to send is still that answer (a plugin may have replaced the data or added extensions,
 * as the plugin's own debug metadata does).
 */
function sendAs(result: Stringified, text: string, rest: string): void {
  const { data } = result;
  result.stringify = (sent) =>
    sent.data === data &&
    (!isKeptData(data) || isUnchangedKeptData(data)) &&
    !sent.errors &&
    JSON.stringify(sent.extensions ?? null) === rest
      ? text
      : JSON.stringify(sent);
}

const splitKey = (key: string) => {
  const dot = key.indexOf('.');
  return dot < 0 ? { slot: key, variant: '' } : { slot: key.slice(0, dot), variant: key.slice(dot + 1) };
};

export interface AnswerStore extends Cache {
  /** Whether an answer is kept under `key` (as the key builder made it). */
  holds(key: string): boolean;
  clear(): void;
  readonly size: number;
  readonly bytes: number;
}

/** An LRU store for the plugin. Entity bookkeeping is not needed: a new version empties it. */
export function createAnswerStore(limits: CacheLimits): AnswerStore {
  const answers = new LRUCache<string, Kept>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: (kept) => kept.bytes,
  });
  const largest = limits.maxBytes / 16;
  return {
    get(key) {
      const { slot, variant } = splitKey(key);
      const kept = answers.get(slot);
      if (!kept || kept.variant !== variant) return undefined;
      // Copies: plugins may change a result's data or headers, never the kept answer.
      const result: Stringified = { data: keptData(kept.text), extensions: JSON.parse(kept.extensions) };
      sendAs(result, kept.text, kept.rest);
      return result as never;
    },
    set(key, result) {
      const { slot, variant } = splitKey(key);
      const { text, rest } = bodyOf(result);
      const bytes = stringHeapBytes(text) + ENTRY_OVERHEAD_BYTES;
      sendAs(result as Stringified, text, rest);
      if (bytes > largest) return;
      answers.set(slot, { variant, text, extensions: JSON.stringify(result.extensions ?? {}), rest, bytes });
    },
    holds(key) {
      const { slot, variant } = splitKey(key);
      return answers.get(slot)?.variant === variant;
    },
    invalidate: () => answers.clear(),
    clear: () => answers.clear(),
    get size() {
      return answers.size;
    },
    get bytes() {
      return answers.calculatedSize;
    },
  };
}

/**
 * The response-cache plugin, keyed by the watcher's data version and the normalised operation.
 * `documents` are the parsed documents yoga keeps, so a repeated text is not parsed again here;
 * a new text is parsed with the same token limit as graphql-armor's. `onKey` hears each request's
 * key (src/server/answerReplay.ts replays a request whose key the store holds).
 */
export function useCaching(
  watcher: DataVersionWatcher,
  store: Cache,
  documents: DocumentSource,
  onKey: (request: Request, key: string, operationName: string | undefined) => void = () => {},
): Plugin {
  /** Requests given no key: not looked up, not kept. */
  const uncached = new WeakSet<Request>();
  return useResponseCache({
    // Public data and no users: one answer serves everyone.
    session: () => null,
    enabled: (request) => watcher.current !== null && !uncached.has(request),
    cache: store,
    // The release of a data version is written after the API starts: never keep an answer that lists it.
    ttlPerSchemaCoordinate: { 'Meta.releaseFiles': 0 },
    buildResponseCacheKey: ({ documentString, variableValues, operationName, request }) => {
      // Variables that are not an object fail coercion later; they must not share a key with none.
      const variablesOk =
        variableValues == null || (typeof variableValues === 'object' && !Array.isArray(variableValues));
      const document = variablesOk ? documents.parsed(documentString) : null;
      let key: ReturnType<typeof operationKey> = null;
      try {
        key = document && operationKey(document, operationName, variableValues, watcher.current);
      } catch {
        // A bug in the key must not fail the request: it is answered, uncached.
      }
      if (key) {
        const built = `${key.slot}.${key.variant}`;
        onKey(request, built, getOperationAST(document!, operationName)?.name?.value);
        return built;
      }
      uncached.add(request);
      return 'uncached';
    },
  });
}
