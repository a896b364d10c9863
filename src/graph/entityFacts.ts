/**
 * An entity's facts
 *
 * What the page of one entity shows: the statements it is the subject of (its name, kind,
 * identifiers, relationships and literals) and the relationships other entities state of it,
 * each as the export gives it, with every piece of evidence.
 */
import type { StoredSource } from '../model/storedShapes.js';
import type { Reader } from '../neo4j/database.js';
import { queryFacts, type ExportedFact } from './facts.js';

const SUBJECTS_POINTING_AT = `
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (a:Entity)-[]->(e)
RETURN e.id AS id, collect(DISTINCT a.id) AS subjects`;

export interface EntityFacts {
  own: ExportedFact[];
  incoming: ExportedFact[];
  sources: StoredSource[];
}

/** The entity's facts, or null when no entity has this id. */
export async function entityFacts(database: Reader, id: string): Promise<EntityFacts | null> {
  const [row] = await database.read<{ id: string; subjects: string[] }>({
    name: 'entity page',
    cypher: SUBJECTS_POINTING_AT,
    params: { id },
  });
  if (!row) return null;
  const { facts, sources } = await queryFacts(database, { subjects: [id, ...row.subjects.filter((s) => s !== id)] });
  return {
    own: facts.filter((f) => f.subject === id),
    incoming: facts.filter((f) => f.subject !== id && f.object === id),
    sources,
  };
}
