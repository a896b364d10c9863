import neo4j from 'neo4j-driver';
import { loadConfig } from '../src/config.js';
import { openLoadedGraph } from '../seed/openLoadedGraph.js';
const config = loadConfig();
const graph = await openLoadedGraph(config);
const c = graph.neo4j.connection as any;
const driver = neo4j.driver(c.uri, neo4j.auth.basic(c.user, c.password), { disableLosslessIntegers: true });
const q = (cypher: string, params: any = {}) => driver.executeQuery(cypher, params, { database: config.NEO4J_DATABASE, routing: 'READ' });
const base = `MATCH (c:Entity {id: 'drug:baclofen'})
WITH c, COLLECT { MATCH (c)-[r]-(n:Entity) RETURN DISTINCT n } AS level1
WITH c, level1, COLLECT { UNWIND level1 AS m MATCH (m)-[r]-(n:Entity) RETURN DISTINCT n } AS level2
WITH c, COLLECT { UNWIND level1 + level2 AS n WITH DISTINCT n WHERE n <> c RETURN n ORDER BY n.kind, n.name LIMIT 500 } AS reached
WITH c, [c] + reached AS members `;
const maps = base + `RETURN [n IN members | n {.id, .kind, .name}] AS nodes, COLLECT { UNWIND members AS x MATCH (x)-[r]->(y:Entity) WHERE y IN members RETURN {type: type(r), startId: x.id, endId: y.id, factId: r.factId} ORDER BY x.id, type(r), y.id, r.factId } AS edges`;
const lists = base + `RETURN [n IN members | [n.id, n.kind, n.name]] AS nodes, COLLECT { UNWIND members AS x MATCH (x)-[r]->(y:Entity) WHERE y IN members RETURN [type(r), x.id, y.id, r.factId] ORDER BY x.id, type(r), y.id, r.factId } AS edges`;
const edgeLists = base + `RETURN [n IN members | n {.id, .kind, .name}] AS nodes, COLLECT { UNWIND members AS x MATCH (x)-[r]->(y:Entity) WHERE y IN members RETURN [type(r), x.id, y.id, r.factId] ORDER BY x.id, type(r), y.id, r.factId } AS edges`;
const r = await q(maps);
const row = r.records[0]!;
console.log('nodes', row.get('nodes').length, 'edges', row.get('edges').length, 'json', JSON.stringify(row.toObject()).length);
for (const [name, cy] of [['maps', maps], ['lists', lists], ['edgeLists', edgeLists], ['maps', maps], ['lists', lists], ['edgeLists', edgeLists], ['maps', maps], ['lists', lists], ['edgeLists', edgeLists]] as const) {
  const t = performance.now(); const cpu = process.cpuUsage();
  for (let i = 0; i < 200; i++) await q(cy);
  const u = process.cpuUsage(cpu);
  console.log(name, ((performance.now() - t) / 200).toFixed(2), 'ms wall', ((u.user + u.system) / 1000 / 200).toFixed(2), 'ms client CPU');
}
await driver.close(); await graph.close();
