/**
 * Resolver values
 *
 * What resolvers pass around where an SDL type is more than plain data; codegen maps those
 * types onto these (scripts/resolverTypes.ts), and nothing here imports the generated types, so
 * the two never import each other. An entity is its stored properties, the sources its
 * citations resolve against and, once fetched, its profile: fields that need more than the
 * properties fetch the profile through the request's loader (`profileOf`).
 */
import type { FactPage } from '../graph/factPages.js';
import type { FactFilter } from '../graph/facts.js';
import { covers, type Profile, type ProfileScope, type RelationRow } from '../graph/profiles.js';
import type { Citation, SourceIndex } from '../model/citations.js';
import type { Direction } from '../model/drugFields.js';
import type { Predicate } from '../model/predicates.js';
import type { StoredEntity, StoredRelation } from '../model/storedShapes.js';
import type { Context } from './context.js';

export type { Direction };

export interface EntityValue {
  props: StoredEntity;
  sources: SourceIndex;
  profile?: Profile;
}

/** A relationship seen from `owner`, the entity whose profile it came from. */
export interface RelationValue {
  type: string;
  direction: Direction;
  row: RelationRow;
  owner: EntityValue;
}

/** A neighbourhood edge; qualifiers and citation are made from its stored properties when asked. */
export interface GraphEdgeValue {
  id: string;
  source: string;
  target: string;
  type: Predicate;
  props: StoredRelation;
  sources: SourceIndex;
}

/** A research statement; the drugs it was combined with are looked up only when asked for. */
export interface ResearchValue {
  id: string;
  condition: EntityValue;
  evidence: string | null;
  asOf: number | null;
  /** Drug ids. */
  combinedWith: string[];
  citation: Citation;
  citations: Citation[];
}

/** A page of `facts`, and the filter its total is counted with when asked for. */
export interface FactConnectionValue {
  filter: FactFilter;
  page: FactPage;
}

/** An entity from its properties (a neighbour, a search hit) or from its fetched profile. */
export function entityValue(props: StoredEntity, sources: SourceIndex, profile?: Profile): EntityValue {
  return { props, sources, profile };
}

export function relationValue(row: RelationRow, owner: EntityValue): RelationValue {
  return { type: row.type, direction: row.outgoing ? 'OUTGOING' : 'INCOMING', row, owner };
}

/** The entity's profile, fetched in full unless the one at hand covers what is `needed`. */
export async function profileOf(
  value: EntityValue,
  context: Context,
  needed: Partial<ProfileScope> = {},
): Promise<Profile> {
  if (value.profile && covers(value.profile.scope, needed)) return value.profile;
  const loaded = await context.profiles.load(String(value.props.id));
  if (!loaded) throw new Error(`entity ${String(value.props.id)} vanished during the request`);
  value.profile = loaded;
  return loaded;
}
