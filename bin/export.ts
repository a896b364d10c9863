/**
 * `npm run export -- --out FILE`
 *
 * Writes the graph as JSON Lines, one cited fact per line. Like `npm start`, it first ensures a
 * Neo4j (NEO4J_URI, or a local one that it stops again) and loads the seed data unless the graph
 * already holds its version, so the file is the data of this checkout as the API serves it.
 */
import { parseArgs } from 'node:util';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { loadConfig } from '../src/config.js';
import { exportGraph } from '../src/graph/exportGraph.js';
import { graphVersion } from '../src/neo4j/meta.js';

/** A read of the whole graph is not an API request; it may take longer than one. */
const EXPORT_TIMEOUT_MS = 60_000;

const { values } = parseArgs({ options: { out: { type: 'string' } } });

async function main(): Promise<void> {
  const out = values.out;
  if (!out) throw new Error('say where to write the facts: npm run export -- --out FILE');
  const config = loadConfig();
  console.log(config.NEO4J_URI ? `using Neo4j at ${config.NEO4J_URI}` : 'starting a local Neo4j (neo4j-local/)');
  const graph = await openLoadedGraph(config, { queryTimeoutMs: Math.max(config.QUERY_TIMEOUT_MS, EXPORT_TIMEOUT_MS) });
  try {
    console.log(
      graph.summary
        ? `loaded data version ${graph.summary.version}`
        : 'the graph already holds the current data version',
    );
    const count = await exportGraph(graph.database, out);
    console.log(`wrote ${count} facts (data version ${await graphVersion(graph.database)}) to ${out}`);
  } finally {
    await graph.close();
  }
}

main().catch((error: unknown) => {
  console.error(`npm run export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
