/**
 * `npm run seed [-- --data DIR ...] [--datasets none|neighbourhood|full] [--check-only] [--hold-open-ms N]`
 *
 * Validates the seed data (read and checked once) and, unless `--check-only`, ensures a Neo4j
 * (NEO4J_URI, or the local one) and loads it. Prints progress and a summary table; exits
 * non-zero, having written nothing, on any data problem. A second run started while one is
 * loading waits for it ("another load holds the graph"), then loads its own data. `--datasets`
 * chooses which records of the kept datasets are loaded beside the article's facts (SEED_DATASETS
 * by default, itself `none` unless set).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/neo4j/database.js';
import { ensureNeo4j } from '../src/neo4j/ensureNeo4j.js';
import { switchNoticeMs } from '../src/neo4j/meta.js';
import { DATASET_SCOPES, type DatasetScope } from '../seed/datasets/datasetDocuments.js';
import { DEFAULT_DATA_DIR, prepareSeed, seedGraph } from '../seed/seedGraph.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', multiple: true },
    'hold-open-ms': { type: 'string' },
    'check-only': { type: 'boolean' },
    datasets: { type: 'string' },
  },
});

/** The dataset scope: the flag, else SEED_DATASETS. */
function datasetScope(): DatasetScope {
  const raw = values.datasets;
  if (raw === undefined) return loadConfig().SEED_DATASETS;
  if (!(DATASET_SCOPES as readonly string[]).includes(raw))
    throw new Error(`--datasets takes ${DATASET_SCOPES.join(', ')}, not "${raw}"`);
  return raw as DatasetScope;
}

/** Fault tests only: milliseconds to keep the load transaction open before committing. */
function holdOpenMs(): number | undefined {
  const raw = values['hold-open-ms'];
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new Error(`--hold-open-ms takes a whole number of milliseconds, not "${raw}"`);
  return Number(raw);
}

async function main(): Promise<void> {
  const started = Date.now();
  const holdOpen = holdOpenMs();
  const dataDirs = values.data ?? [DEFAULT_DATA_DIR];
  const datasets = datasetScope();
  const rows = prepareSeed(dataDirs, { datasets });
  console.log(`seed data is valid (version ${rows.version})`);
  if (datasets !== 'none') console.log(`with the datasets' records: ${datasets}`);
  if (values['check-only']) return;
  const config = loadConfig();
  const neo4j = await ensureNeo4j(config);
  const database = new Database(neo4j.connection, { queryTimeoutMs: config.QUERY_TIMEOUT_MS });
  try {
    const summary = await seedGraph(database, {
      rows,
      holdOpenMs: holdOpen,
      switchNoticeMs: switchNoticeMs(config),
      onProgress: (message) => console.log(`seed: ${message}`),
    });
    if (!summary) return;
    console.log(`\nloaded data version ${summary.version} into ${neo4j.connection.uri} in ${Date.now() - started} ms`);
    console.table({ ...summary.nodes });
    console.table({ ...summary.relationships });
    console.log(`removed: ${summary.removed.nodes} stale nodes, ${summary.removed.relationships} stale relationships`);
    console.log(`${summary.writes} rows written or deleted, in ${summary.mode}`);
  } finally {
    await database.close();
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
