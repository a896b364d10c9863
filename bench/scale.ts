/**
 * `npm run bench:scale [-- --sizes 0,1000,10000,100000 --datasets full --seconds 5]` (not part of `npm test`)
 *
 * How cost grows with the graph. Each graph (bench/scaleGraphs.ts) is measured on a fresh local
 * Neo4j (bench/measureScale.ts): the baclofen data plus N synthetic drugs for each size N, then
 * the baclofen data plus the kept datasets' records for each scope (`--datasets`, comma-separated
 * scopes; empty for none). N = 0 is the baclofen-only graph the others are compared with.
 * Prints a row as each is measured, then a table, and writes bench/results/scale.json. At 100k
 * the validator needs about 5 GB of Node heap, which the npm script allows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DATASET_SCOPES, type DatasetScope } from '../seed/datasets/datasetDocuments.js';
import { HEAP_MB, measureGraph, PAGE_CACHE_MB, type ScaleRow } from './measureScale.js';
import { BASELINE, datasetsGraph, syntheticGraph } from './scaleGraphs.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    datasets: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string' },
  },
});
const list = (text: string) => text.split(',').filter((item) => item.trim() !== '');
const sizes = list(values.sizes ?? '0,1000,10000,100000').map(Number);
const scopes = list(values.datasets ?? 'full');
for (const scope of scopes) {
  if (!(DATASET_SCOPES as readonly string[]).includes(scope))
    throw new Error(`--datasets takes ${DATASET_SCOPES.join(', ')}, comma-separated; not ${scope}`);
}
const seconds = Number(values.seconds ?? 5);
const out = values.out ?? resolve(dirname(fileURLToPath(import.meta.url)), 'results/scale.json');

const graphs = [...sizes.map(syntheticGraph), ...scopes.map((scope) => datasetsGraph(scope as DatasetScope))];
const rows: ScaleRow[] = [];
for (const graph of graphs) {
  const baseline = rows.find((r) => r.graph === BASELINE);
  const row = await measureGraph(graph, seconds, baseline);
  rows.push(row);
  console.log(JSON.stringify(row));
}
console.table(rows);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, seconds, heapMb: HEAP_MB, pageCacheMb: PAGE_CACHE_MB, rows }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
