/**
 * Naming an entity
 *
 * Tools take an entity as its id (`drug:baclofen`, `target:gaba-b-receptor`) or, for a drug, as
 * any of its names, synonyms or brand names (`Lioresal`), resolved by the API exactly as
 * `drug(name:)` resolves them (case, accents and Greek letters ignored). Anything else is not
 * guessed at: the model is told it is not in the graph and to search for the id.
 */
import type { GraphReader } from './graphReader.js';
import type { EntityRef } from './shapes.js';
import { notInGraph } from './toolError.js';

const RESOLVE = `
query McpResolveEntity($id: ID!, $name: String!) {
  entity(id: $id) { id kind name }
  drug(name: $name) { id kind name }
}`;

/** The entity an id or a drug name names, or NOT_IN_GRAPH. */
export async function resolveEntity(reader: GraphReader, reference: string): Promise<EntityRef> {
  const found = await reader.read<{ entity: EntityRef | null; drug: EntityRef | null }>(RESOLVE, {
    id: reference,
    name: reference,
  });
  const entity = found.entity ?? found.drug;
  if (entity) return entity;
  throw notInGraph(
    `"${reference}"`,
    reader.knownVersion,
    'It is neither an entity id (such as drug:baclofen) nor a name of a drug in the graph: call search_entities to find the id.',
  );
}
