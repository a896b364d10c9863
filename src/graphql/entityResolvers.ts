/**
 * Entity resolvers
 *
 * The fields every entity has (the Entity interface), the generic `relations` and
 * `identifiers` fields, and the few fields of kinds other than Drug (an event's date and
 * participants, a brand's drug).
 */
import { fromSources, type SourcesArg } from './sourceFilter.js';
import { firstCitation, literalQualifiers, relationQualifiers, toCitation, toCitations } from '../model/citations.js';
import { qualifierSeenFrom } from '../model/statementReading.js';
import { toAliases } from '../model/aliases.js';
import { ownStatement, relationView, statementFields, viewId } from './statements.js';
import type { QualifierValue, StoredLiteral, StoredRelation } from '../model/storedShapes.js';
import { ENTITY_KINDS } from '../model/vocabulary.js';
import { eventDate } from '../model/eventDate.js';
import {
  ENTITY_INTERFACE_FIELDS,
  KIND_FIELDS,
  readsRow,
  type FieldRelationship,
  type KindWithFields,
} from '../model/drugFields.js';
import type { Context } from './context.js';
import type { RelationType, Resolvers } from './generated/resolvers.js';
import {
  entityValue,
  profileOf,
  relationValue,
  type Direction,
  type EntityValue,
  type RelationValue,
} from './values.js';

/** The cited relationships of an entity, optionally of some types and one direction. */
export async function relationsOf(
  value: EntityValue,
  context: Context,
  types?: readonly string[] | null,
  direction?: Direction | null,
): Promise<RelationValue[]> {
  const profile = await profileOf(value, context, { types: types ? [...types] : null });
  return profile.relations
    .filter((row) => !types || types.includes(row.type))
    .filter((row) => !direction || (direction === 'OUTGOING') === row.outgoing)
    .map((row) => relationValue(row, value));
}

/** The relationships a field of a kind reads, as its table entry (src/model/drugFields.ts) lists them. */
export async function fieldRelations<K extends Exclude<KindWithFields, 'Drug'>>(
  value: EntityValue,
  context: Context,
  kind: K,
  field: keyof (typeof KIND_FIELDS)[K],
): Promise<RelationValue[]> {
  const reads = (KIND_FIELDS[kind][field] as { relationships: readonly FieldRelationship[] }).relationships;
  const profile = await profileOf(value, context, { types: reads.map((r) => r.type) });
  return profile.relations
    .filter((row) => readsRow(reads, row.type, row.outgoing))
    .map((row) => relationValue(row, value));
}

export const other = (relation: RelationValue): EntityValue => entityValue(relation.row.node, relation.owner.sources);
export const citationOf = (relation: RelationValue) => firstCitation(relation.row.props, relation.owner.sources);
/**
 * A qualifier of the statement as read from the entity it was reached from: a typed view reads
 * true from its own side (src/model/statementReading.ts turns the wording round where needed).
 */
export function qualifier<T extends QualifierValue = string>(relation: RelationValue, key: string): T | null {
  const value = relation.row.props[key];
  if (value === null || value === undefined) return null;
  return qualifierSeenFrom(relation.type, key, value, relation.direction) as T;
}

/** A qualifier the model requires for this predicate; its absence means the graph is corrupt. */
export function requiredProp<T extends QualifierValue = string>(props: StoredRelation, key: string): T {
  const value = props[key] as T | null | undefined;
  if (value === null || value === undefined) throw new Error(`fact ${props.factId} lacks its ${key} qualifier`);
  return value;
}

export function required<T extends QualifierValue = string>(relation: RelationValue, key: string): T {
  requiredProp<T>(relation.row.props, key);
  return qualifier<T>(relation, key)!;
}

/** A pathway a drug or target modulates. */
export const pathwayEffect = (r: RelationValue) => ({
  pathway: other(r),
  effect: required(r, 'effect'),
  ...ownStatement(r),
});

export const relationType = (relation: { type: string }) => relation.type as RelationType;

export function quantityOf(props: StoredLiteral, owner: EntityValue) {
  return {
    attribute: props.attribute,
    value: props.numberValue ?? null,
    low: props.low ?? null,
    high: props.high ?? null,
    unit: props.unit ?? null,
    text: props.textValue ?? null,
    comparator: props.comparator ?? null,
    qualifiers: literalQualifiers(props),
    ...statementFields(props, props.id, owner.sources),
  };
}

/** The registry a stored identifier cites; a missing one means the graph is corrupt. */
function registryOf(v: EntityValue, id: string) {
  const source = v.sources.get(id);
  if (!source) throw new Error(`identifier cites unknown source ${id}`);
  return source;
}

/** An entity's registry identifiers, by namespace then value, each with the registry it was read from. */
export async function identifiersOf(v: EntityValue, context: Context) {
  return (await profileOf(v, context, ENTITY_INTERFACE_FIELDS.identifiers)).identifiers.map((i) => ({
    id: `identifier:${i.key}`,
    namespace: i.namespace,
    value: i.value,
    url: i.url,
    source: registryOf(v, i.citeSource),
  }));
}

export const entityFields = {
  id: (v: EntityValue) => v.props.id,
  kind: (v: EntityValue) => v.props.kind,
  name: (v: EntityValue) => v.props.name,
  synonyms: (v: EntityValue) => v.props.synonyms ?? [],
  aliases: (v: EntityValue) => toAliases(v.props, v.sources),
  description: (v: EntityValue) => v.props.description,
  citation: (v: EntityValue) => toCitation(v.props, v.sources),
  relations: async (
    v: EntityValue,
    args: SourcesArg & { types?: string[] | null; direction?: Direction | null },
    context: Context,
  ) => {
    const kept = fromSources(args, v.sources);
    return (await relationsOf(v, context, args.types, args.direction)).filter((r) => kept(r.row.props));
  },
  identifiers: (v: EntityValue, _: unknown, context: Context) => identifiersOf(v, context),
};

export const entityResolvers: Resolvers = {
  Entity: { __resolveType: (v: EntityValue) => v.props.kind },
  ...Object.fromEntries(ENTITY_KINDS.filter((k) => k !== 'Drug').map((kind) => [kind, { ...entityFields }])),
  Relation: {
    id: (r: RelationValue) => viewId(r.row.props.factId, r.direction),
    statementId: (r: RelationValue) => r.row.props.factId,
    type: relationType,
    node: other,
    qualifiers: (r: RelationValue) => relationQualifiers(r.row.props),
    citation: citationOf,
    citations: (r: RelationValue) => toCitations(r.row.props, r.owner.sources),
  },
  Event: {
    ...entityFields,
    year: (v: EntityValue) => v.props.year ?? null,
    month: (v: EntityValue) => v.props.month ?? null,
    day: (v: EntityValue) => v.props.day ?? null,
    endYear: (v: EntityValue) => v.props.endYear ?? null,
    date: (v: EntityValue) => eventDate(v.props),
    participants: async (v: EntityValue, _: unknown, context: Context) =>
      (await fieldRelations(v, context, 'Event', 'participants')).map((r) => ({
        entity: other(r),
        role: required(r, 'role'),
        ...relationView(r),
      })),
    properties: async (v: EntityValue, _: unknown, context: Context) =>
      (await profileOf(v, context, { literals: true })).literals.map((l) => quantityOf(l, v)),
  },
  Target: {
    ...entityFields,
    pathways: async (v: EntityValue, _: unknown, context: Context) =>
      (await fieldRelations(v, context, 'Target', 'pathways')).map(pathwayEffect),
  },
  Publication: {
    ...entityFields,
    authors: async (v: EntityValue, _: unknown, context: Context) =>
      (await fieldRelations(v, context, 'Publication', 'authors')).map(other),
    year: async (v: EntityValue, _: unknown, context: Context) => {
      const years = (await fieldRelations(v, context, 'Publication', 'year'))
        .map((r) => r.row.node.year)
        .filter((y): y is number => typeof y === 'number');
      return years.length ? Math.min(...years) : null;
    },
  },
  Person: {
    ...entityFields,
    publications: async (v: EntityValue, _: unknown, context: Context) =>
      (await fieldRelations(v, context, 'Person', 'publications')).map(other),
  },
  Brand: {
    ...entityFields,
    drug: async (v: EntityValue, _: unknown, context: Context) => {
      const [brandOf] = await fieldRelations(v, context, 'Brand', 'drug');
      return brandOf ? other(brandOf) : null;
    },
  },
};
