/**
 * `npm run docs`: regenerates the README's counts and performance tables and docs/cookbook.md
 * (every recipe with its answer) from the data, the committed bench results and the running API
 * code (on a Neo4j ensured and loaded as `npm start` does).
 */
import { pino } from 'pino';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { COOKBOOK_PATH, README_PATH, updateReadme } from '../scripts/readmeSections.js';
import { loadConfig } from '../src/config.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';

const config = loadConfig();
const graph = await openLoadedGraph(config);
try {
  await updateReadme(createApi(apiOptionsFrom(config, graph.database, pino({ level: 'silent' }))));
  console.log(`updated ${README_PATH} and ${COOKBOOK_PATH}`);
} finally {
  await graph.close();
}
