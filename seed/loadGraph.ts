/**
 * Loading the graph
 *
 * Writes graph rows into Neo4j so that the graph equals the data: everything is MERGEd by a
 * content-derived id and stamped with the data version, then whatever carries another version
 * is deleted. All of it happens in one transaction, so a load that fails or is killed leaves
 * the previous graph as it was.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database, Statement } from '../src/neo4j/database.js';
import { ENTITY_KINDS, PREDICATES } from './model.js';
import type { GraphRows } from './toGraph.js';

const BATCH = 1_000;
/** Labels and relationship types come from the closed sets in model.ts, never from input. */
const SAFE_NAME = /^[A-Z][A-Za-z_]*$/;

export function schemaStatements(): Statement[] {
  const unique = (label: string, property: string): Statement => ({
    name: `constraint ${label}.${property}`,
    cypher: `CREATE CONSTRAINT ${label.toLowerCase()}_${property}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${property} IS UNIQUE`,
  });
  return [
    unique('Entity', 'id'),
    unique('Name', 'key'),
    unique('Identifier', 'key'),
    unique('Literal', 'id'),
    unique('Source', 'id'),
    unique('Meta', 'id'),
    {
      name: 'fulltext entity_search',
      cypher:
        "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.synonymsText, n.brandNames] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } }",
    },
    { name: 'index Entity.kind', cypher: 'CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)' },
    ...Object.keys(PREDICATES).map((type) => ({
      name: `index ${type}.factId`,
      cypher: `CREATE INDEX rel_${type.toLowerCase()}_fact IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.factId)`,
    })),
  ];
}

export async function applySchema(database: Database): Promise<void> {
  for (const statement of schemaStatements()) await database.runSchema(statement);
  await database.runSchema({ name: 'await indexes', cypher: 'CALL db.awaitIndexes(60)' });
}

export interface LoadSummary {
  version: string;
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  removed: { nodes: number; relationships: number };
}

async function inBatches<T>(tx: ManagedTransaction, cypher: string, rows: T[], params: Record<string, unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await tx.run(cypher, { ...params, rows: rows.slice(i, i + BATCH) });
}

export interface LoadOptions {
  onProgress?: (message: string) => void;
  /** Fault tests only: keep the transaction open this long before committing. */
  holdOpenMs?: number;
}

export async function loadGraph(database: Database, rows: GraphRows, options: LoadOptions = {}): Promise<LoadSummary> {
  const progress = options.onProgress ?? (() => {});
  const version = rows.version;
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};

  const removed = await database.writeTransaction('seed load', async (tx) => {
    progress('transaction open');
    await inBatches(
      tx,
      'UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s = row.props, s.version = $version',
      rows.sources,
      { version },
    );
    for (const kind of ENTITY_KINDS) {
      const list = rows.entities.get(kind) ?? [];
      if (!SAFE_NAME.test(kind)) throw new Error(`unsafe label ${kind}`);
      await inBatches(
        tx,
        `UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e = row.props, e.version = $version, e:${kind}`,
        list,
        { version },
      );
      nodes[kind] = list.length;
    }
    progress(`entities written (${Object.values(nodes).reduce((a, b) => a + b, 0)})`);
    await inBatches(
      tx,
      `UNWIND $rows AS row MATCH (e:Entity {id: row.entity})
       MERGE (n:Name {key: row.key}) SET n.version = $version
       MERGE (n)-[r:NAMES]->(e) SET r.version = $version`,
      rows.names,
      { version },
    );
    await inBatches(
      tx,
      `UNWIND $rows AS row MATCH (e:Entity {id: row.subject})
       MERGE (i:Identifier {key: row.key}) SET i = row.props, i.version = $version
       MERGE (e)-[r:HAS_IDENTIFIER]->(i) SET r.version = $version`,
      rows.identifiers,
      { version },
    );
    await inBatches(
      tx,
      `UNWIND $rows AS row MATCH (e:Entity {id: row.subject})
       MERGE (l:Literal {id: row.id}) SET l = row.props, l.version = $version
       MERGE (e)-[r:HAS_LITERAL]->(l) SET r.version = $version`,
      rows.literals,
      { version },
    );
    for (const [type, list] of rows.relations) {
      if (!SAFE_NAME.test(type)) throw new Error(`unsafe relationship type ${type}`);
      await inBatches(
        tx,
        `UNWIND $rows AS row MATCH (a:Entity {id: row.subject}) MATCH (b:Entity {id: row.object})
         MERGE (a)-[r:${type} {factId: row.factId}]->(b) SET r = row.props, r.version = $version`,
        list,
        { version },
      );
      relationships[type] = list.length;
    }
    progress(
      `facts written (${rows.literals.length} literals, ${Object.values(relationships).reduce((a, b) => a + b, 0)} relations)`,
    );

    const staleRelationships = await tx.run(
      'MATCH (:Entity|Name|Literal|Identifier)-[r]->() WHERE r.version <> $version DELETE r RETURN count(r) AS n',
      { version },
    );
    const staleNodes = await tx.run(
      'MATCH (n:Entity|Name|Literal|Identifier|Source) WHERE n.version <> $version DETACH DELETE n RETURN count(n) AS n',
      { version },
    );
    nodes.Source = rows.sources.length;
    nodes.Name = new Set(rows.names.map((n) => n.key)).size;
    nodes.Identifier = rows.identifiers.length;
    nodes.Literal = rows.literals.length;
    await tx.run(
      `MERGE (m:Meta {id: 'graph'})
       SET m.version = $version, m.loadedAt = datetime(), m.nodeCounts = $nodeCounts, m.relationshipCounts = $relationshipCounts`,
      { version, nodeCounts: JSON.stringify(nodes), relationshipCounts: JSON.stringify(relationships) },
    );
    if (options.holdOpenMs) {
      progress(`holding the transaction open for ${options.holdOpenMs} ms`);
      await new Promise((r) => setTimeout(r, options.holdOpenMs));
    }
    return {
      nodes: Number(staleNodes.records[0]?.get('n') ?? 0),
      relationships: Number(staleRelationships.records[0]?.get('n') ?? 0),
    };
  });
  progress('committed');
  return { version, nodes, relationships, removed };
}
