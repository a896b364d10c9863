/**
 * Document caches
 *
 * Parsed documents are kept by their text, so a repeated query is neither parsed nor validated
 * again (yoga's parser and validation cache, over these stores; validation results live as long
 * as their document). yoga's default keeps 1024 documents whatever their size, and a client
 * sending 8 KB queries, each with a new comment, filled it with over 700 MB. These keep at most
 * 1024 documents and DOCUMENT_CACHE_BYTES of heap, each document counted by its tokens and its
 * text (src/server/memoryBudget.ts); parse errors by their text, within ERROR_CACHE_BYTES.
 *
 * The response cache keys answers on the parsed operation; `parsed` gives it the kept document,
 * or parses a new text itself with graphql-armor's token limit (leaving the keeping to yoga, so
 * a text is kept only once it has passed armor's own parse).
 */
import { parse, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { DOCUMENT_CACHE_BYTES, ERROR_CACHE_BYTES, documentHeapBytes } from './memoryBudget.js';

const MAX_DOCUMENTS = 1_024;
const TTL_MS = 3_600_000;

export interface DocumentSource {
  /** The document of `text`, or null when it does not parse within the token limit. */
  parsed(text: string): DocumentNode | null;
}

export interface DocumentCaches extends DocumentSource {
  /** yoga's `parserAndValidationCache` option. */
  readonly yogaOptions: {
    documentCache: LRUCache<string, DocumentNode>;
    errorCache: LRUCache<string, object>;
    validationCache: true;
  };
  /** Heap the kept documents are counted at. */
  readonly bytes: number;
}

export function createDocumentCaches(maxTokens: number): DocumentCaches {
  const documentCache = new LRUCache<string, DocumentNode>({
    max: MAX_DOCUMENTS,
    maxSize: DOCUMENT_CACHE_BYTES,
    sizeCalculation: (document, text) => Math.max(1, Math.ceil(documentHeapBytes(document, text))),
    ttl: TTL_MS,
  });
  const errorCache = new LRUCache<string, object>({
    max: MAX_DOCUMENTS,
    maxSize: ERROR_CACHE_BYTES,
    // The error keeps the source: the text twice, and the message.
    sizeCalculation: (_, text) => 2 * text.length + 1_024,
    ttl: TTL_MS,
  });
  return {
    yogaOptions: { documentCache, errorCache, validationCache: true },
    get bytes() {
      return documentCache.calculatedSize;
    },
    parsed(text) {
      const kept = documentCache.get(text);
      if (kept) return kept;
      try {
        return parse(text, { maxTokens });
      } catch {
        return null;
      }
    },
  };
}
