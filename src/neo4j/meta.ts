/**
 * The Meta node
 *
 * The loader stamps one `(:Meta {id: 'graph'})` node last in every load: the data version (a
 * content hash of the seed data), the load time and the counts it wrote. Its presence means a
 * load completed; its version is what readiness, `meta`, the export and the response cache key
 * read. This module is the only one that writes or reads it, so its properties and their
 * encoding (counts as JSON text) are decided here.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { StoredSource } from '../model/storedShapes.js';
import type { Reader } from './database.js';

/** What a load records: its data version and what it wrote, by node label and relationship type. */
export interface LoadStamp {
  version: string;
  nodeCounts: Record<string, number>;
  relationshipCounts: Record<string, number>;
}

/** The stamp of the last completed load, its time, and the sources loaded. */
export interface Meta extends LoadStamp {
  /** ISO 8601 date and time. */
  loadedAt: string;
  sources: StoredSource[];
}

/** The data version the graph holds, or null when no load has completed. */
export async function graphVersion(database: Reader): Promise<string | null> {
  const rows = await database.read<{ version: string }>({
    name: 'graph version',
    cypher: "MATCH (m:Meta {id: 'graph'}) RETURN m.version AS version",
  });
  return rows[0]?.version ?? null;
}

const META = `
MATCH (m:Meta {id: 'graph'})
RETURN m.version AS version, toString(m.loadedAt) AS loadedAt, m.nodeCounts AS nodeCounts,
       m.relationshipCounts AS relationshipCounts,
       COLLECT { MATCH (s:Source) RETURN properties(s) ORDER BY s.id } AS sources`;

interface MetaRow {
  version: string;
  loadedAt: string;
  nodeCounts: string;
  relationshipCounts: string;
  sources: StoredSource[];
}

/** What is loaded, with the sources (ordered by id), in one round trip; null when nothing is. */
export async function readMeta(database: Reader): Promise<Meta | null> {
  const [row] = await database.read<MetaRow>({ name: 'meta', cypher: META });
  if (!row) return null;
  return {
    ...row,
    nodeCounts: JSON.parse(row.nodeCounts) as Record<string, number>,
    relationshipCounts: JSON.parse(row.relationshipCounts) as Record<string, number>,
  };
}

/** Stamps the Meta node inside the load's (last) write transaction, so it commits with the load. */
export async function writeMeta(tx: ManagedTransaction, stamp: LoadStamp): Promise<void> {
  await tx.run(
    `MERGE (m:Meta {id: 'graph'})
     SET m.version = $version, m.loadedAt = datetime(), m.nodeCounts = $nodeCounts, m.relationshipCounts = $relationshipCounts`,
    {
      version: stamp.version,
      nodeCounts: JSON.stringify(stamp.nodeCounts),
      relationshipCounts: JSON.stringify(stamp.relationshipCounts),
    },
  );
}
