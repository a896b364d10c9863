/**
 * One row of `npm run bench:scale`
 *
 * On a fresh local Neo4j of the same memory for every graph: the graph's data go through the
 * real validator and loader, each timed; then the API, in its own process as `npm start` runs
 * it but with its response cache off (repeats would be cache hits, the same on any graph),
 * answers W1 (nested lookup) and W3 (search) under load, after one answer of each has been
 * checked for errors. `baseline`, the baclofen-only graph's row when it was measured first,
 * gives the rate of the load beyond its fixed cost (schema, planning on a cold JVM).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { prepareSeed } from '../seed/seedGraph.js';
import { applySchema, loadGraph } from '../seed/loadGraph.js';
import { Database } from '../src/neo4j/database.js';
import { startLocalNeo4j } from '../src/neo4j/localNeo4j.js';
import { rssMb, startApiProcess } from '../scripts/apiProcess.js';
import type { ScaleGraph } from './scaleGraphs.js';
import { WORKLOADS } from './workloads.js';

// The same memory for every graph: a first load goes in batches, so its heap does not grow with
// the graph, and the page cache holds the largest graph's store (about 1.5 GB at 100k drugs).
export const HEAP_MB = 2_048;
export const PAGE_CACHE_MB = 2_048;
const CONNECTIONS = 8;

export interface ScaleRow {
  graph: string;
  /** Drug nodes in the graph. */
  drugs: number;
  /** Nodes of every label. */
  nodes: number;
  /** Statements: relationships between entities and literals. */
  statements: number;
  /** Rows loaded: entities, statements and identifiers. */
  facts: number;
  validateSeconds: number;
  loadSeconds: number;
  factsPerSecond: number;
  /** Facts per second beyond the baclofen-only load, when that was measured first. */
  addedFactsPerSecond: number | null;
  w1P50Ms: number;
  w1P99Ms: number;
  w1Rps: number;
  /** Bytes of one W1 answer. */
  w1Bytes: number;
  w3P50Ms: number;
  w3P99Ms: number;
  w3Rps: number;
  w3Bytes: number;
  /** Resident memory of the API process after the measurements. */
  apiRssMb: number;
  errors: number;
}

const w1 = WORKLOADS.find((w) => w.name === 'W1')!.ours;
const w3 = WORKLOADS.find((w) => w.name === 'W3')!.ours;
const tenths = (x: number) => Math.round(x * 10) / 10;
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((n, k) => n + k, 0);

/** The size of one answer to `query`, which must have data for every field and no errors. */
async function checkAnswer(url: string, query: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
  if (!response.ok || answer.errors || !answer.data || Object.values(answer.data).some((v) => v === null)) {
    throw new Error(`${url} answered ${response.status} to ${query}: ${text.slice(0, 2_000)}`);
  }
  return Buffer.byteLength(text);
}

async function latency(url: string, query: string, seconds: number) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections: CONNECTIONS,
    duration: seconds,
  });
  return {
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

export async function measureGraph(graph: ScaleGraph, seconds: number, baseline?: ScaleRow): Promise<ScaleRow> {
  const work = mkdtempSync(join(tmpdir(), `drug-facts-scale-${graph.name.replace(/\W+/g, '-')}-`));
  try {
    return await measureIn(work, graph, seconds, baseline);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measureIn(work: string, graph: ScaleGraph, seconds: number, baseline?: ScaleRow): Promise<ScaleRow> {
  const dataDirs = graph.dataDirs(work);
  const neo4j = await startLocalNeo4j({ dataDir: join(work, 'neo4j'), heapMb: HEAP_MB, pageCacheMb: PAGE_CACHE_MB });
  const connection = { uri: neo4j.uri, user: 'neo4j', password: 'unused', database: 'neo4j' };
  const database = new Database(connection, { queryTimeoutMs: 600_000 });
  try {
    const validated = performance.now();
    const rows = prepareSeed(dataDirs, { datasets: graph.datasets });
    const validateSeconds = (performance.now() - validated) / 1000;
    await applySchema(database);
    const loaded = performance.now();
    const summary = await loadGraph(database, rows);
    const loadSeconds = (performance.now() - loaded) / 1000;
    const statements = sum(summary.relationships) + summary.nodes.Literal!;
    const facts = statements + rows.identifiers.length + [...rows.entities.values()].reduce((k, l) => k + l.length, 0);
    // Every request reaches Neo4j (a cached answer would cost the same on any graph), and one
    // client runs at full speed: what CLIENT_COST_PER_SECOND is there to stop, so it is lifted.
    const api = await startApiProcess(connection, { RESPONSE_CACHE: 'false', CLIENT_COST_PER_SECOND: '1000000000' });
    try {
      const w1Bytes = await checkAnswer(api.url, w1);
      const w3Bytes = await checkAnswer(api.url, w3);
      // A fresh JVM that has just committed a large transaction needs a while (JIT, GC) to settle.
      for (let i = 0; i < 3; i++) await latency(api.url, w1, seconds);
      const lookup = await latency(api.url, w1, seconds);
      await latency(api.url, w3, seconds);
      const search = await latency(api.url, w3, seconds);
      return {
        graph: graph.name,
        drugs: summary.nodes.Drug!,
        nodes: sum(summary.nodes),
        statements,
        facts,
        validateSeconds: tenths(validateSeconds),
        loadSeconds: tenths(loadSeconds),
        factsPerSecond: Math.round(facts / loadSeconds),
        addedFactsPerSecond: baseline
          ? Math.round((facts - baseline.facts) / (loadSeconds - baseline.loadSeconds))
          : null,
        w1P50Ms: lookup.p50Ms,
        w1P99Ms: lookup.p99Ms,
        w1Rps: lookup.requestsPerSecond,
        w1Bytes,
        w3P50Ms: search.p50Ms,
        w3P99Ms: search.p99Ms,
        w3Rps: search.requestsPerSecond,
        w3Bytes,
        apiRssMb: rssMb(api.child.pid!),
        errors: lookup.errors + search.errors,
      };
    } finally {
      await api.stop();
    }
  } finally {
    await database.close();
    await neo4j.stop();
  }
}
