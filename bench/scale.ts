/**
 * `npm run bench:scale [-- --sizes 0,1000,10000,100000 --seconds 5]` (not part of `npm test`)
 *
 * How cost grows with the graph. For each size N, on a fresh local Neo4j: the baclofen data
 * plus N synthetic drugs (bench/synthetic.ts) go through the real validator and loader, timed;
 * then the API, in its own process, answers W1 (nested lookup) and W3 (search) under load.
 * N = 0 is the baclofen-only graph the others are compared with; a load's fixed cost (schema,
 * planning on a cold JVM) is taken out of the rate beyond it. Prints a table and writes
 * bench/results/scale.json. At 100k the validator needs about 5 GB of Node heap, which the npm
 * script allows.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEFAULT_DATA_DIR, prepareSeed } from '../seed/seedGraph.js';
import { applySchema, loadGraph } from '../seed/loadGraph.js';
import { Database } from '../src/neo4j/database.js';
import { startLocalNeo4j } from '../src/neo4j/localNeo4j.js';
import { startApiProcess } from '../scripts/apiProcess.js';
import { writeSyntheticGraph } from './synthetic.js';
import { WORKLOADS } from './workloads.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, seconds: { type: 'string' }, out: { type: 'string' } },
});
const sizes = (values.sizes ?? '0,1000,10000,100000').split(',').map(Number);
const seconds = Number(values.seconds ?? 5);
const out = values.out ?? resolve(dirname(fileURLToPath(import.meta.url)), 'results/scale.json');

async function latency(url: string, query: string) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: 8,
    duration: seconds,
  });
  return {
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

const HEAP_MB = 2_048;
const PAGE_CACHE_MB = 2_048;
const w1 = WORKLOADS.find((w) => w.name === 'W1')!.ours;
const w3 = WORKLOADS.find((w) => w.name === 'W3')!.ours;
const rows: ({ drugs: number; facts: number; loadSeconds: number } & Record<string, number | null>)[] = [];
for (const n of sizes) {
  const work = mkdtempSync(join(tmpdir(), `drug-facts-scale-${n}-`));
  const dataDirs = [DEFAULT_DATA_DIR];
  if (n > 0) {
    writeSyntheticGraph(join(work, 'data'), n);
    dataDirs.push(join(work, 'data'));
  }
  // The same memory at every size: a first load goes in batches, so its heap does not grow with
  // N, and the page cache holds the largest graph's store (about 1.5 GB at 100k).
  const neo4j = await startLocalNeo4j({ dataDir: join(work, 'neo4j'), heapMb: HEAP_MB, pageCacheMb: PAGE_CACHE_MB });
  const connection = { uri: neo4j.uri, user: 'neo4j', password: 'unused', database: 'neo4j' };
  const database = new Database(connection, { queryTimeoutMs: 600_000 });
  try {
    const validated = performance.now();
    const graph = prepareSeed(dataDirs);
    const validateSeconds = (performance.now() - validated) / 1000;
    await applySchema(database);
    const loaded = performance.now();
    await loadGraph(database, graph);
    const loadSeconds = (performance.now() - loaded) / 1000;
    const facts =
      [...graph.relations.values()].reduce((k, list) => k + list.length, 0) +
      graph.literals.length +
      graph.identifiers.length +
      [...graph.entities.values()].reduce((k, list) => k + list.length, 0);
    // One client at full speed: what CLIENT_COST_PER_SECOND is there to stop, so it is lifted.
    const api = await startApiProcess(connection, { CLIENT_COST_PER_SECOND: '1000000000' });
    try {
      // A fresh JVM that has just committed a large transaction needs a while (JIT, GC) to settle.
      for (let i = 0; i < 3; i++) await latency(api.url, w1);
      const lookup = await latency(api.url, w1);
      await latency(api.url, w3);
      const search = await latency(api.url, w3);
      const row = {
        drugs: n,
        facts,
        validateSeconds: Math.round(validateSeconds * 10) / 10,
        loadSeconds: Math.round(loadSeconds * 10) / 10,
        factsPerSecond: Math.round(facts / loadSeconds),
        /** Facts per second beyond the baclofen-only load, when that was measured first. */
        addedFactsPerSecond:
          rows[0]?.drugs === 0 ? Math.round((facts - rows[0].facts) / (loadSeconds - rows[0].loadSeconds)) : null,
        w1P50Ms: lookup.p50Ms,
        w1P99Ms: lookup.p99Ms,
        w1Rps: lookup.requestsPerSecond,
        w3P50Ms: search.p50Ms,
        w3P99Ms: search.p99Ms,
        w3Rps: search.requestsPerSecond,
        errors: lookup.errors + search.errors,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    } finally {
      await api.stop();
    }
  } finally {
    await database.close();
    await neo4j.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
console.table(rows);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, seconds, heapMb: HEAP_MB, pageCacheMb: PAGE_CACHE_MB, rows }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
