/**
 * `npm run bench:breakdown` (not part of `npm test`)
 *
 * Where one request's time goes, for W1 and W2, measured serially in-process on the loaded
 * graph: parsing and validating the document (uncached, as a first request pays it), the same
 * Cypher through the bare driver (database plus driver), and whole requests through the API,
 * with the time spent in Neo4j calls as the API counts it, and the same through graphql-jit
 * (COMPILED_EXECUTION). What is left is the GraphQL layer:
 * yoga's pipeline, resolvers, mapping rows to objects and serialising the JSON.
 */
import { parse, validate } from 'graphql';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createSchema } from '../src/graphql/schema.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
import { jsonPost } from '../scripts/jsonPost.js';
import { rawRead } from './rawRead.js';
import { WORKLOADS } from './workloads.js';

const ROUNDS = 300;
const config = loadConfig();
// As the API runs in production (SOURCE_MAPS off): the driver captures a stack for every query.
process.setSourceMapsEnabled(false);
const graph = await openLoadedGraph(config);
const { database } = graph;
const ensured = graph.neo4j;
const driver = neo4j.driver(
  ensured.connection.uri,
  neo4j.auth.basic(ensured.connection.user, ensured.connection.password),
  {
    disableLosslessIntegers: true,
  },
);
const schema = createSchema();
const mean = async (work: () => Promise<unknown> | unknown) => {
  for (let i = 0; i < 30; i++) await work();
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) await work();
  return Math.round(((performance.now() - started) / ROUNDS) * 100) / 100;
};

try {
  // The uncached path: with the response cache on, every repeat would be answered from memory.
  const api = createApi(apiOptionsFrom({ ...config, RESPONSE_CACHE: false }, database, pino({ level: 'silent' })));
  const jit = createApi(
    apiOptionsFrom({ ...config, RESPONSE_CACHE: false, COMPILED_EXECUTION: true }, database, pino({ level: 'silent' })),
  );
  const rows = [];
  for (const w of WORKLOADS) {
    const init = jsonPost(JSON.stringify({ query: w.ours }));
    const parseValidateMs = await mean(() => validate(schema, parse(w.ours)));
    const driverMs = w.raw
      ? await mean(() => rawRead(driver, ensured.connection.database, w.raw!.cypher, w.raw!.params))
      : null;
    const before = { trips: database.roundTrips };
    const requestMs = await mean(async () => (await api.fetch('http://bench/graphql', init)).text());
    const tripsPerRequest = (database.roundTrips - before.trips) / (ROUNDS + 30);
    const jitRequestMs = await mean(async () => (await jit.fetch('http://bench/graphql', init)).text());
    rows.push({
      workload: w.name,
      requestMs,
      jitRequestMs,
      parseValidateUncachedMs: parseValidateMs,
      cypherViaDriverMs: driverMs,
      graphqlLayerMs: driverMs === null ? null : Math.round((requestMs - driverMs) * 100) / 100,
      databaseShare: driverMs === null ? null : `${Math.round((driverMs / requestMs) * 100)}%`,
      roundTripsPerRequest: tripsPerRequest,
    });
  }
  console.table(rows);
} finally {
  await driver.close();
  await graph.close();
}
