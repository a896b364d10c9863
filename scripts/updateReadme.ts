/**
 * `npm run docs`: regenerates the README's counts table and cookbook answers from the data and
 * the running API code (on a Neo4j ensured and loaded as `npm start` does).
 */
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/neo4j/database.js';
import { ensureNeo4j } from '../src/neo4j/ensureNeo4j.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';
import { seedGraph } from '../seed/seedGraph.js';
import { README_PATH, updateReadme } from './readmeSections.js';

const config = loadConfig();
const neo4j = await ensureNeo4j(config);
const database = new Database(neo4j.connection, { queryTimeoutMs: config.QUERY_TIMEOUT_MS });
try {
  await seedGraph(database, { onlyIfChanged: true });
  await updateReadme(createApi(apiOptionsFrom(config, database, pino({ level: 'silent' }))));
  console.log(`updated ${README_PATH}`);
} finally {
  await database.close();
  await neo4j.stop();
}
