/**
 * Entity resolvers
 *
 * The fields every entity has (the Entity interface), the generic `relations` field, and the
 * few fields of kinds other than Drug (an event's date and participants, a brand's drug).
 */
import { literalQualifiers, relationQualifiers, toCitation, toCitations } from '../model/citations.js';
import { ownStatement, statementFields, viewId } from './statements.js';
import type { QualifierValue, StoredLiteral, StoredRelation } from '../model/storedShapes.js';
import { ENTITY_KINDS } from '../model/vocabulary.js';
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

export const other = (relation: RelationValue): EntityValue => entityValue(relation.row.node, relation.owner.sources);
export const citationOf = (relation: RelationValue) => toCitation(relation.row.props, relation.owner.sources);
export const qualifier = <T extends QualifierValue = string>(relation: RelationValue, key: string): T | null =>
  (relation.row.props[key] as T | null | undefined) ?? null;

/** A qualifier the model requires for this predicate; its absence means the graph is corrupt. */
export function requiredProp<T extends QualifierValue = string>(props: StoredRelation, key: string): T {
  const value = props[key] as T | null | undefined;
  if (value === null || value === undefined) throw new Error(`fact ${props.factId} lacks its ${key} qualifier`);
  return value;
}

export const required = <T extends QualifierValue = string>(relation: RelationValue, key: string): T =>
  requiredProp<T>(relation.row.props, key);

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

export const entityFields = {
  id: (v: EntityValue) => v.props.id,
  kind: (v: EntityValue) => v.props.kind,
  name: (v: EntityValue) => v.props.name,
  synonyms: (v: EntityValue) => v.props.synonyms ?? [],
  description: (v: EntityValue) => v.props.description,
  citation: (v: EntityValue) => toCitation(v.props, v.sources),
  relations: (v: EntityValue, args: { types?: string[] | null; direction?: Direction | null }, context: Context) =>
    relationsOf(v, context, args.types, args.direction),
};

const pad = (n: number) => String(n).padStart(2, '0');

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
    date: (v: EntityValue) =>
      v.props.year == null
        ? null
        : [v.props.year, v.props.month, v.props.day]
            .filter((p) => p !== null && p !== undefined)
            .map((p, i) => (i === 0 ? String(p) : pad(Number(p))))
            .join('-'),
    participants: async (v: EntityValue, _: unknown, context: Context) =>
      (await relationsOf(v, context, ['PARTICIPATED_IN'], 'INCOMING')).map((r) => ({
        entity: other(r),
        role: required(r, 'role'),
        ...ownStatement(r),
      })),
    properties: async (v: EntityValue, _: unknown, context: Context) =>
      (await profileOf(v, context, { literals: true })).literals.map((l) => quantityOf(l, v)),
  },
  Target: {
    ...entityFields,
    pathways: async (v: EntityValue, _: unknown, context: Context) =>
      (await relationsOf(v, context, ['MODULATES'], 'OUTGOING')).map(pathwayEffect),
  },
  Publication: {
    ...entityFields,
    authors: async (v: EntityValue, _: unknown, context: Context) =>
      (await relationsOf(v, context, ['AUTHORED'], 'INCOMING')).map(other),
    year: async (v: EntityValue, _: unknown, context: Context) => {
      const years = (await relationsOf(v, context, ['PARTICIPATED_IN'], 'OUTGOING'))
        .map((r) => r.row.node.year)
        .filter((y): y is number => typeof y === 'number');
      return years.length ? Math.min(...years) : null;
    },
  },
  Person: {
    ...entityFields,
    publications: async (v: EntityValue, _: unknown, context: Context) =>
      (await relationsOf(v, context, ['AUTHORED'], 'OUTGOING')).map(other),
  },
  Brand: {
    ...entityFields,
    drug: async (v: EntityValue, _: unknown, context: Context) => {
      const [brandOf] = await relationsOf(v, context, ['BRAND_OF'], 'OUTGOING');
      return brandOf ? other(brandOf) : null;
    },
  },
};
