/**
 * Response cache
 *
 * The data changes only when a new data version is loaded, so an answer can be kept until then.
 * the-guild's response-cache plugin does the caching; this module decides the key and the
 * store. The key is the data version plus the operation (document, variables, operation name),
 * so an answer read from one version is never served for another; the store is an LRU bounded
 * both in entries and in bytes (the answer's JSON length), emptied whenever the watcher sees a
 * new version. Answers with errors are not kept. While no version is known (no graph, or the
 * first read still running) nothing is cached.
 */
import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { DataVersionWatcher } from './dataVersionWatcher.js';

export interface CacheLimits {
  /** Most answers kept. */
  maxEntries: number;
  /** Most bytes of answers kept, measured as JSON text. */
  maxBytes: number;
}

/** An LRU store for the plugin. Entity bookkeeping is not needed: a new version empties it. */
export function createAnswerStore(limits: CacheLimits): Cache & { clear(): void; readonly size: number } {
  const answers = new LRUCache<string, object>({
    max: limits.maxEntries,
    maxSize: limits.maxBytes,
    sizeCalculation: (answer) => Math.max(1, JSON.stringify(answer).length),
  });
  return {
    get: (key) => answers.get(key) as never,
    set: (key, answer) => {
      answers.set(key, answer);
    },
    invalidate: () => answers.clear(),
    clear: () => answers.clear(),
    get size() {
      return answers.size;
    },
  };
}

/** The response-cache plugin, keyed by the watcher's data version. */
export function useCaching(watcher: DataVersionWatcher, store: Cache): Plugin {
  return useResponseCache({
    // Public data and no users: one answer serves everyone.
    session: () => null,
    enabled: () => watcher.current !== null,
    cache: store,
    buildResponseCacheKey: ({ documentString, variableValues, operationName }) =>
      Promise.resolve(
        createHash('sha256')
          .update(JSON.stringify([watcher.current, documentString, variableValues ?? {}, operationName ?? null]))
          .digest('base64url'),
      ),
  });
}
