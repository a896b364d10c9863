/**
 * The stores a client can fill (src/server/memoryBudget.ts): answers kept as their JSON text and
 * counted at the heap V8 gives that text, parsed documents counted by their tokens and text,
 * persisted queries by their text; each stays within its budget however many entries a client
 * makes, and a kept answer comes back as it went in.
 */
import { parse, type ExecutionResult } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { createDocumentCaches } from '../../src/server/documentCaches.js';
import {
  DOCUMENT_CACHE_BYTES,
  PERSISTED_QUERY_BYTES,
  documentHeapBytes,
  stringHeapBytes,
} from '../../src/server/memoryBudget.js';
import { createPersistedQueryStore } from '../../src/server/persistedQueries.js';
import { isKeptData } from '../../src/server/keptData.js';
import { createAnswerStore } from '../../src/server/useCaching.js';

type Sent = ExecutionResult & { stringify?: (result: ExecutionResult) => string };

const answer = (n: number, text = 'x'.repeat(1_000)): ExecutionResult => ({
  data: { drug: { id: `drug:${n}`, description: text } },
  extensions: { http: { headers: { 'x-data-version': 'v1' } } },
});

describe('the answer store', () => {
  it('gives back a kept answer with its headers, and sends it as the text it kept', async () => {
    const store = createAnswerStore({ maxEntries: 10, maxBytes: 1_000_000 });
    await store.set('slot.variant', answer(1), [], Infinity);
    const kept = (await store.get('slot.variant')) as Sent;
    expect(kept.data).toEqual(answer(1).data);
    expect(kept.extensions).toEqual(answer(1).extensions);
    // What yoga passes its stringifier: the result without its HTTP extensions.
    const body = kept.stringify!({ ...kept, extensions: undefined });
    expect(JSON.parse(body)).toEqual({ data: answer(1).data });
    // A plugin that changed the answer is served its change, not the kept text.
    const changed = { ...kept, data: { other: true } };
    expect(JSON.parse(kept.stringify!({ ...changed, extensions: undefined }))).toEqual({ data: { other: true } });
  });

  it('sends a hit without parsing it back, parses it when a plugin reads it, and sends a change as changed', async () => {
    const store = createAnswerStore({ maxEntries: 10, maxBytes: 1_000_000 });
    await store.set('slot.variant', answer(1), [], Infinity);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const hit = (await store.get('slot.variant')) as Sent;
      // As yoga does: a copy without the HTTP extensions, then the stringifier.
      const body = hit.stringify!({ ...hit, extensions: undefined });
      expect(parse.mock.calls.filter(([text]) => String(text).length > 1_000)).toEqual([]);
      expect(isKeptData(hit.data)).toBe(true);
      expect(JSON.parse(body)).toEqual({ data: answer(1).data });
      // Read, it is the answer's data; changed at its top level, the change is what is sent.
      expect(Object.keys(hit.data!)).toEqual(['drug']);
      expect(hit.data).toEqual(answer(1).data);
      (hit.data as Record<string, unknown>).drug = null;
      expect(JSON.parse(hit.stringify!({ ...hit, extensions: undefined }))).toEqual({ data: { drug: null } });
      // The kept text is untouched: the next hit is the answer again.
      expect(((await store.get('slot.variant')) as Sent).data).toEqual(answer(1).data);
    } finally {
      parse.mockRestore();
    }
  });

  it('keeps one variant of a slot: another field order replaces the answer instead of adding one', async () => {
    const store = createAnswerStore({ maxEntries: 10, maxBytes: 1_000_000 });
    await store.set('slot.a', answer(1), [], Infinity);
    await store.set('slot.b', answer(2), [], Infinity);
    expect(store.size).toBe(1);
    expect(await store.get('slot.a')).toBeUndefined();
    expect(((await store.get('slot.b')) as Sent).data).toEqual(answer(2).data);
  });

  it('counts text outside Latin-1 twice, as V8 stores it, and never holds more than its budget', async () => {
    expect(stringHeapBytes('abc é')).toBe(5);
    expect(stringHeapBytes('abc α')).toBe(10);
    const maxBytes = 200_000;
    const store = createAnswerStore({ maxEntries: 10_000, maxBytes });
    for (let n = 0; n < 1_000; n++) {
      await store.set(`slot${n}.v`, answer(n, (n % 2 ? 'α' : 'a').repeat(5_000)), [], Infinity);
      expect(store.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(store.size).toBeGreaterThan(10);
    // The latest answers are the ones kept.
    expect(await store.get('slot999.v')).toBeDefined();
    expect(await store.get('slot0.v')).toBeUndefined();
  });

  it('does not keep an answer over a sixteenth of its budget, yet still sends it as serialised once', async () => {
    const store = createAnswerStore({ maxEntries: 10, maxBytes: 160_000 });
    const big = answer(1, 'a'.repeat(20_000)) as Sent;
    await store.set('big.v', big, [], Infinity);
    expect(store.size).toBe(0);
    expect(JSON.parse(big.stringify!({ data: big.data }))).toEqual({ data: big.data });
  });
});

describe('the document caches', () => {
  it('count a document by its tokens and text, and stay within their budget', () => {
    const query = (n: number) =>
      `# ${n} ${'c'.repeat(2_000)}\n{ ${Array.from({ length: 200 }, (_, i) => `a${i}_${n}: __typename`).join(' ')} }`;
    expect(documentHeapBytes(parse(query(0)), query(0))).toBeGreaterThan(400 * 600);
    const caches = createDocumentCaches(2_000);
    const { documentCache } = caches.yogaOptions;
    for (let n = 0; n < 300; n++) {
      documentCache.set(query(n), parse(query(n)));
      expect(caches.bytes).toBeLessThanOrEqual(DOCUMENT_CACHE_BYTES);
    }
    expect(documentCache.size).toBeLessThan(300);
  });

  it('parse a new text within the token limit, and give a kept document back as it is', () => {
    const caches = createDocumentCaches(10);
    expect(caches.parsed('{ a b c }')).not.toBeNull();
    expect(caches.parsed('{ a b c d e f g h i j k l }')).toBeNull();
    expect(caches.parsed('{ a ')).toBeNull();
    const kept = parse('{ a }');
    caches.yogaOptions.documentCache.set('{ a }', kept);
    expect(caches.parsed('{ a }')).toBe(kept);
  });
});

describe('the persisted query store', () => {
  it('keeps what fits in its budget, least recently used out first', () => {
    const store = createPersistedQueryStore();
    const text = (n: number) => `# ${n}\n{ __typename } ${'#'.repeat(60_000)}`;
    for (let n = 0; n < 200; n++) {
      store.set(`hash${n}`, text(n));
      expect(store.bytes).toBeLessThanOrEqual(PERSISTED_QUERY_BYTES);
    }
    expect(store.get('hash199')).toBe(text(199));
    expect(store.get('hash0')).toBeUndefined();
  });
});
