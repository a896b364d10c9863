/**
 * Persisted queries
 *
 * The store of automatic persisted queries (`@graphql-yoga/plugin-apq`): the text of each query
 * a client registered, by its SHA-256. Any client can register any query, so the store is
 * bounded by what it takes in heap, not by count alone: the plugin's default kept 1000 texts of
 * up to MAX_BODY_BYTES each (64 MB, or 128 MB of heap for text outside Latin-1). This one keeps
 * at most PERSISTED_QUERY_BYTES (each text counted as V8 stores it, plus its key), least
 * recently used first out; a client whose query was dropped gets PersistedQueryNotFound and
 * sends it again, as the protocol expects.
 */
import type { APQStore } from '@graphql-yoga/plugin-apq';
import { LRUCache } from 'lru-cache';
import { PERSISTED_QUERY_BYTES, stringHeapBytes } from './memoryBudget.js';
const MAX_QUERIES = 1_000;
const TTL_MS = 3_600_000;

export function createPersistedQueryStore(): APQStore & { readonly bytes: number } {
  const queries = new LRUCache<string, string>({
    max: MAX_QUERIES,
    maxSize: PERSISTED_QUERY_BYTES,
    sizeCalculation: (text, hash) => stringHeapBytes(text) + 2 * hash.length + 128,
    ttl: TTL_MS,
  });
  return {
    get: (hash) => queries.get(hash),
    set: (hash, text) => void queries.set(hash, text),
    get bytes() {
      return queries.calculatedSize;
    },
  };
}
