/**
 * Memory budget
 *
 * Everything a client can make the API keep is bounded in bytes of heap, and the bounds leave
 * room under V8's heap limit (`--max-old-space-size=256` in `npm start`) for the process itself
 * and the answers being built. Sizes are counted as V8 stores things, measured by
 * scripts/measureHeap.ts with process.memoryUsage() after forced collections:
 *
 * | kept              | bound, default                    | each counted as                          |
 * | ----------------- | --------------------------------- | ---------------------------------------- |
 * | cached answers    | RESPONSE_CACHE_MAX_BYTES, 32 MiB  | its JSON: 1 B a char, 2 if any non-Latin-1 |
 * | parsed documents  | DOCUMENT_CACHE_BYTES, 16 MiB      | 400 B a token (measured 270-375) + 2 B a char |
 * | parse errors      | ERROR_CACHE_BYTES, 2 MiB          | 2 B a char + 1 KB                        |
 * | persisted queries | PERSISTED_QUERY_BYTES, 4 MiB      | 1 or 2 B a char + its key                |
 * | replayed answers  | REPLAY_BYTES, 4 MiB               | its bytes + its request's key + 1 KB     |
 *
 * That is 58 MiB at most (the replayed answers' bytes are Buffers, outside the heap). The API
 * takes 35 MB of heap after start-up, and an answer takes about 45 times its JSON while it is
 * built (the driver's records, graphql-js's objects, the text):
 * the 685 KB answer of the cache-busting soak peaked at 30-35 MB, so the largest legal one (1 MiB,
 * MAX_RESPONSE_BYTES) about 50 MB. Only expensive operations come near that size, and they run
 * MAX_EXPENSIVE_OPERATIONS (1) at a time; the rest of the 256 MB is for cheap operations in
 * flight and for the collector to work in. Before this budget, answers were kept as graphql-js
 * objects (3 to 12 times their JSON) under a bound of 64 MiB of JSON, which V8's limit could not
 * hold.
 */
import type { DocumentNode } from 'graphql';

/** Heap the parsed documents are counted at, in all. */
export const DOCUMENT_CACHE_BYTES = 16 * 1024 * 1024;
/** Heap the parse errors are counted at, in all. */
export const ERROR_CACHE_BYTES = 2 * 1024 * 1024;
/** Heap the persisted query texts are counted at, in all. */
export const PERSISTED_QUERY_BYTES = 4 * 1024 * 1024;

/** Bytes the answers kept for replay at the HTTP layer are counted at (src/server/answerReplay.ts). */
export const REPLAY_BYTES = 4 * 1024 * 1024;

/** Measured 270-375 bytes a token, comments included, for documents of 15 to 700 tokens. */
const BYTES_PER_TOKEN = 400;

/** The heap bytes V8 takes for a flat string of this text: one byte a character in Latin-1, else two. */
export function stringHeapBytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\xff]/.test(text) ? 2 * text.length : text.length;
}

/**
 * The heap a parsed document of `text` is counted at: its chain of tokens (every token, comments
 * included, stays linked to the document through its locations), and its text twice (the cache
 * key, and the source the locations point into, with copies of long comments).
 */
export function documentHeapBytes(document: DocumentNode, text: string): number {
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) tokens++;
  // Without locations there is no token chain; count the text as if it were all short tokens.
  if (!document.loc) tokens = Math.ceil(text.length / 4);
  return BYTES_PER_TOKEN * tokens + 2 * text.length;
}
