/**
 * The Meta node
 *
 * The loader stamps one `(:Meta {id: 'graph'})` node last in every load: the data version (a
 * content hash of the seed data), the load time and the counts it wrote. Its presence means a
 * load completed; its version is what readiness, `meta` and the response cache key read.
 */
import type { Reader } from '../neo4j/database.js';

/** The data version the graph holds, or null when no load has completed. */
export async function graphVersion(database: Reader): Promise<string | null> {
  const rows = await database.read<{ version: string }>({
    name: 'graph version',
    cypher: "MATCH (m:Meta {id: 'graph'}) RETURN m.version AS version",
  });
  return rows[0]?.version ?? null;
}
