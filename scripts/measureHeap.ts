/**
 * `node --expose-gc --import tsx scripts/measureHeap.ts` (NEO4J_URI, or a local Neo4j started
 * and loaded as `npm start` does)
 *
 * Measures what src/server/memoryBudget.ts counts on, with process.memoryUsage() after forced
 * collections: the heap of parsed documents by token, of answers as graphql-js builds them and
 * as the response cache keeps them (JSON text), the heap an answer takes while it is built, and
 * the heap of the API after start-up. Prints one line for each.
 */
import { releaseShelf } from '../src/release/releaseShelf.js';
import { execute, parse } from 'graphql';
import { pino } from 'pino';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/graphql/context.js';
import { createSchema } from '../src/graphql/schema.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';
import { stringHeapBytes } from '../src/server/memoryBudget.js';
import { cacheBustingQuery } from './soakModes/cacheBusting.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const graph = await openLoadedGraph(loadConfig(), { seed: true });
try {
  const api = createApi(
    apiOptionsFrom(loadConfig({ NODE_ENV: 'production' }), graph.database, pino({ level: 'warn' })),
  );
  await api.fetch('http://api/graphql?query={__typename}');
  console.log(`the API after start-up and one request: heap ${mb(heap())}`);

  const documents = {
    'a lookup': (n: number) => `# ${n}\n{ drug(name: "lioresal") { id name } }`,
    '30 aliased lookups': (n: number) =>
      `{ ${Array.from({ length: 30 }, (_, i) => `a${i}_${n}: drug(name: "x") { id name brands { name } }`).join(' ')} }`,
    'the 15 facts pages': (n: number) => cacheBustingQuery(n),
    'a 30 KB comment': (n: number) => `# ${n} ${'x'.repeat(30_000)}\n{ drug(name: "lioresal") { id } }`,
  };
  // Flat strings, as texts read from a request are; a measurement repeated once warm.
  const flat = (text: string) => Buffer.from(text).toString();
  for (const [name, make] of Object.entries(documents)) {
    for (let n = 0; n < 50; n++) parse(make(n));
    // Enough of them that the heap they take dwarfs what a collection frees by chance (code).
    const count = Math.ceil(20e6 / (100 * make(0).length));
    const texts = Array.from({ length: count }, (_, n) => flat(make(n)));
    const before = heap();
    const parsed = texts.map((text) => parse(text));
    const bytes = heap() - before;
    let tokens = 0;
    for (const document of parsed) for (let t = document.loc?.startToken ?? null; t; t = t.next) tokens++;
    const chars = texts.reduce((n, t) => n + t.length, 0);
    console.log(
      `parsed documents, ${name}: ${Math.round(bytes / tokens)} bytes a token, ${(bytes / chars).toFixed(1)} times the text`,
    );
    // Emptied, not left to go out of scope: the next round's `before` would still hold them.
    parsed.length = 0;
    texts.length = 0;
  }

  const schema = createSchema();
  const answers = {
    'a lookup': '{ drug(name: "lioresal") { id name brands { name } } }',
    'targets with citations':
      '{ drug(name: "lioresal") { id name targets { target { name } action affinities { value unit } citation { statement url } } } }',
    'the 15 facts pages': cacheBustingQuery(0),
  };
  for (const [name, query] of Object.entries(answers)) {
    const count = name === 'the 15 facts pages' ? 10 : 3_000;
    const document = parse(query);
    const run = () =>
      execute({
        schema,
        document,
        contextValue: createContext(graph.database, 'measure', {
          publicUrl: 'http://localhost',
          releases: releaseShelf('.releases'),
        }),
      });
    for (let i = 0; i < 5; i++) await run();
    const results = [];
    const before = heap();
    for (let i = 0; i < count; i++) results.push(await run());
    const objects = heap() - before;
    const texts = results.map((result) => JSON.stringify(result));
    results.length = 0;
    const afterTexts = heap();
    const json = texts.reduce((n, t) => n + t.length, 0);
    const counted = texts.reduce((n, t) => n + stringHeapBytes(t), 0);
    console.log(
      `answers, ${name} (${Math.round(json / count)} B of JSON): as graphql-js objects ${(objects / json).toFixed(2)} ` +
        `times the JSON; as kept text ${((afterTexts - before) / json).toFixed(2)} times (counted ${(counted / json).toFixed(2)})`,
    );
    texts.length = 0;
  }

  const settled = heap();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
  const response = await api.fetch('http://api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '1' },
    body: JSON.stringify({ query: cacheBustingQuery(1, 'alias') }),
  });
  const length = (await response.text()).length;
  clearInterval(sampler);
  console.log(`one answer of ${mb(length)} being built: heap peaked ${mb(peak - settled)} over the settled heap`);
  await api.dispose();
} finally {
  await graph.close();
}
