/**
 * The @neo4j/graphql peer as its own HTTP server (graphql-yoga, like ours), so both are
 * measured the same way: `node --import tsx bench/peer/server.ts --port P` with NEO4J_* set.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../src/config.js';
import { PEER_TYPE_DEFS } from './typeDefs.js';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const config = loadConfig();
// Like our API in production: stack traces unmapped (neo4j-driver captures one per query).
process.setSourceMapsEnabled(config.SOURCE_MAPS);
const driver = neo4j.driver(config.NEO4J_URI!, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD));
const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
const yoga = createYoga({
  schema,
  graphiql: false,
  logging: false,
  context: () => ({ sessionConfig: { database: config.NEO4J_DATABASE } }),
});
const server = createServer(yoga);
server.listen(Number(values.port), '127.0.0.1', () => console.log(`PEER_READY ${values.port}`));
process.on('SIGTERM', () => server.close(() => void driver.close().then(() => process.exit(0))));
