/**
 * `npm run release -- [--out DIR] [--force]`
 *
 * Writes a release of the graph's data version into DIR/<version>/ (DIR defaults to RELEASE_DIR):
 * JSON Lines, CSV tables, N-Triples, JSON-LD and a manifest with each file's SHA-256
 * (docs/releases.md). Like `npm run export`, it first ensures a Neo4j and loads the seed data
 * unless the graph already holds its version. A whole release of that version is left as it is
 * unless --force.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { loadConfig } from '../src/config.js';
import { writeRelease } from '../src/release/writeRelease.js';

/** A read of the whole graph is not an API request; it may take longer than one. */
const RELEASE_TIMEOUT_MS = 60_000;

const { values } = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean', default: false } } });

/** Stopped while writing (`npm start` stops its release on SIGTERM): leaves none of its files behind. */
function removeOwnPartialsOnStop(outDir: string): void {
  const stop = (signal: NodeJS.Signals) => {
    const own = `.partial-${process.pid}`;
    for (const name of existsSync(outDir) ? readdirSync(outDir) : [])
      if (name.startsWith('.') && name.endsWith(own)) rmSync(join(outDir, name), { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const outDir = values.out ?? config.RELEASE_DIR;
  removeOwnPartialsOnStop(outDir);
  console.log(config.NEO4J_URI ? `using Neo4j at ${config.NEO4J_URI}` : 'starting a local Neo4j (neo4j-local/)');
  // SEED_ON_START=false (as npm start runs it) releases the graph as it is, never reloading it.
  const graph = await openLoadedGraph(config, {
    seed: config.SEED_ON_START,
    queryTimeoutMs: Math.max(config.QUERY_TIMEOUT_MS, RELEASE_TIMEOUT_MS),
  });
  try {
    console.log(
      graph.summary
        ? `loaded data version ${graph.summary.version}`
        : 'the graph already holds the current data version',
    );
    const { dir, manifest, written } = await writeRelease(graph.database, {
      outDir,
      baseUrl: config.PUBLIC_URL,
      force: values.force,
    });
    const { statements, citations, triples } = manifest.counts;
    console.log(
      written
        ? `wrote release ${manifest.dataVersion} to ${dir}: ${statements} statements, ${citations} citations, ${triples} triples in ${manifest.files.length} files and manifest.json`
        : `release ${manifest.dataVersion} is already in ${dir} and every file matches its manifest; nothing written (--force writes it again)`,
    );
  } finally {
    await graph.close();
  }
}

main().catch((error: unknown) => {
  console.error(`npm run release failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
