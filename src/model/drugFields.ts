/**
 * Entity fields
 *
 * What each field of the API's entity types reads of an entity's profile, in one table per kind
 * (Drug's is the largest; the other kinds' are at the end): the
 * relationships (each with its type and which way it points from the drug, kept together as in
 * neo4j/graphql's relationship model), the literal attributes, or the registry identifiers. The
 * Drug resolvers read through this table and a lookup's selection scope adds up the entries of
 * the fields selected, so what is fetched and what is read cannot disagree. Fields not listed
 * (id, name, citation, ...) need only the drug's own properties.
 */
import type { Predicate } from './predicates.js';
import type { Attribute } from './vocabulary.js';

import type { Direction } from './statementReading.js';

export type { Direction };

/** A relationship a field reads: its type, and its direction from the drug (null: either way). */
export interface FieldRelationship {
  type: Predicate;
  direction: Direction | null;
}

export interface DrugFieldReads {
  /** The relationships read; 'any' is every type, both ways. */
  relationships?: readonly FieldRelationship[] | 'any';
  /** The literal attributes read; 'any' is all of them. */
  literals?: readonly Attribute[] | 'any';
  /** Whether the registry identifiers are read. */
  identifiers?: true;
  /** Whether a property of the drug's own is read besides its id, kind, name and date. */
  ownProperties?: true;
}

const outgoing = (type: Predicate) => ({ type, direction: 'OUTGOING' }) as const;
const incoming = (type: Predicate) => ({ type, direction: 'INCOMING' }) as const;
const eitherWay = (type: Predicate) => ({ type, direction: null }) as const;

/**
 * What the fields every kind has (the Entity interface) read beyond the entity itself; the Drug
 * table includes them, and the generic resolvers (src/graphql/entityResolvers.ts) read through it.
 */
export const ENTITY_INTERFACE_FIELDS = {
  identifiers: { identifiers: true },
} as const satisfies Record<string, DrugFieldReads>;

export const DRUG_FIELDS = {
  targets: { relationships: [outgoing('ACTS_ON'), outgoing('HAS_AFFINITY_FOR')] },
  nonTargets: { relationships: [outgoing('NO_SIGNIFICANT_AFFINITY_FOR')] },
  analogues: { relationships: [eitherWay('ANALOGUE_OF'), eitherWay('DERIVATIVE_OF')] },
  comparisons: { relationships: [eitherWay('COMPARED_WITH')] },
  indications: { relationships: [outgoing('INDICATED_FOR')] },
  notRecommendedFor: { relationships: [outgoing('NOT_RECOMMENDED_FOR')] },
  safetyAssessments: { relationships: [outgoing('SAFETY_IN')] },
  pathways: { relationships: [outgoing('MODULATES')] },
  listings: { relationships: [outgoing('LISTED_BY')] },
  contraindications: { relationships: [outgoing('AVOID_IN')] },
  effects: { relationships: [outgoing('CAUSES')] },
  interactions: { relationships: [outgoing('INTERACTS_WITH')] },
  routes: { relationships: [outgoing('ADMINISTERED_VIA')] },
  brands: { relationships: [incoming('BRAND_OF')] },
  classes: { relationships: [outgoing('MEMBER_OF')] },
  history: { relationships: [outgoing('PARTICIPATED_IN')] },
  research: { relationships: [outgoing('STUDIED_FOR')] },
  relations: { relationships: 'any' },
  // The reviewed list is a property of the drug's (disagreementsJson).
  disagreements: { relationships: 'any', ownProperties: true },
  pharmacokinetics: {
    literals: ['halfLife', 'absorption', 'distribution', 'biotransformation', 'excretion', 'dosingFrequency'],
  },
  chemistry: { literals: ['molecularWeight', 'solubility', 'appearance', 'odour'] },
  properties: { literals: 'any' },
  ...ENTITY_INTERFACE_FIELDS,
} as const satisfies Record<string, DrugFieldReads>;

export type DrugField = keyof typeof DRUG_FIELDS;

/** The Drug fields that read relationships of listed types. */
export type RelationshipField = {
  [F in DrugField]: (typeof DRUG_FIELDS)[F] extends { relationships: readonly FieldRelationship[] } ? F : never;
}[DrugField];

/** The Drug fields that read listed literal attributes or all of them. */
export type LiteralField = {
  [F in DrugField]: (typeof DRUG_FIELDS)[F] extends { literals: unknown } ? F : never;
}[DrugField];

/** The table's entry for a field, or undefined for a field that reads only the drug itself. */
export const drugFieldReads = (field: string): DrugFieldReads | undefined =>
  Object.hasOwn(DRUG_FIELDS, field) ? DRUG_FIELDS[field as DrugField] : undefined;

/**
 * The fields of the other entity kinds that read relationships or literals, in the same form.
 * How a statement reads from its object's side is the predicate's (src/model/statementReading.ts).
 */
export const KIND_FIELDS = {
  Drug: DRUG_FIELDS,
  Event: { participants: { relationships: [incoming('PARTICIPATED_IN')] }, properties: { literals: 'any' } },
  Target: { pathways: { relationships: [outgoing('MODULATES')] } },
  Publication: {
    authors: { relationships: [incoming('AUTHORED')] },
    year: { relationships: [outgoing('PARTICIPATED_IN')] },
  },
  Person: { publications: { relationships: [outgoing('AUTHORED')] } },
  Brand: { drug: { relationships: [outgoing('BRAND_OF')] } },
} as const satisfies Record<string, Record<string, DrugFieldReads>>;

export type KindWithFields = keyof typeof KIND_FIELDS;

/** Whether a relationship row of `type`, pointing out of the entity or not, is one `reads` lists. */
export const readsRow = (reads: readonly FieldRelationship[], type: string, outgoingRow: boolean) =>
  reads.some((r) => r.type === type && (r.direction === null || (r.direction === 'OUTGOING') === outgoingRow));
