/**
 * Seed data model
 *
 * The shape of every seed document, defined once. The TypeScript types of the loader, the
 * exporter and the API's row mapping are inferred from these schemas. A fact is valid only if
 * its predicate is known, its qualifiers fit that predicate, its endpoints are of the kinds the
 * predicate allows and its citation names a source (and, for an article, a locator).
 */
import { z } from 'zod';

export const ENTITY_KINDS = [
  'Drug',
  'DrugClass',
  'Target',
  'Condition',
  'Effect',
  'Brand',
  'Route',
  'Organization',
  'Person',
  'Publication',
  'Pathway',
  'Event',
] as const;
export const EntityKind = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKind>;

/** Id prefix of each kind: `drug:baclofen`, `class:gabapentinoid`, ... */
export const ID_PREFIX: Record<EntityKind, string> = {
  Drug: 'drug',
  DrugClass: 'class',
  Target: 'target',
  Condition: 'condition',
  Effect: 'effect',
  Brand: 'brand',
  Route: 'route',
  Organization: 'org',
  Person: 'person',
  Publication: 'publication',
  Pathway: 'pathway',
  Event: 'event',
};

const slug = '[a-z0-9]+(?:-[a-z0-9]+)*';
export const EntityId = z.string().regex(new RegExp(`^[a-z]+:${slug}$`), 'an id is "prefix:slug", e.g. drug:baclofen');
export const SourceId = z.string().regex(new RegExp(`^source:${slug}$`), 'a source id is "source:slug"');

/** Words the source uses to soften a claim, kept as data so clients can filter on certainty. */
export const Hedge = z.enum([
  'believed',
  'postulated',
  'thought',
  'may',
  'likely',
  'appears',
  'suggested',
  'not conclusive',
  'unclear',
]);

const UNITS = ['g/mol', 'h', 'µM', 'year', 'USD', 'prescriptions', 'fold', 'rank'] as const;
/** Units a quantity may carry. An unknown unit is a data error that lists the known ones. */
export const Unit = z.enum(UNITS, {
  error: (issue) => `unknown unit ${JSON.stringify(issue.input)}: use one of ${UNITS.join(', ')}`,
});
export type Unit = z.infer<typeof Unit>;

export const Locator = z.strictObject({
  section: z.string().min(1),
  paragraph: z.number().int().positive(),
  sentence: z.number().int().positive(),
});
export type Locator = z.infer<typeof Locator>;

/**
 * A citation of an article sentence: where it is, and what it says in the project's words.
 * Nothing enters the graph uncited, so a missing citation gets a message saying what to add.
 */
export const ArticleCitation = z.strictObject(
  {
    ...Locator.shape,
    statement: z.string().min(10, 'a statement says the fact in a short sentence of our own'),
    hedge: Hedge.optional(),
  },
  {
    error: (issue) =>
      issue.input === undefined
        ? 'missing citation: add section, paragraph, sentence and statement of the sentence that states this'
        : undefined,
  },
);
export type ArticleCitation = z.infer<typeof ArticleCitation>;

/** Qualifier values are scalars or lists of scalars, so that they map onto Neo4j properties. */
const QualifierValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

const Stereoisomer = z.enum(['R', 'S', 'racemic']);

/**
 * Every relationship type, with the kinds it may join and the qualifiers it takes. Qualifier
 * schemas are strict: a misspelt qualifier is an error, not a silently ignored field.
 */
export const PREDICATES = {
  ACTS_ON: {
    subject: ['Drug'],
    object: ['Target'],
    qualifiers: z.strictObject({
      action: z.enum(['agonist', 'antagonist', 'blocker', 'inhibitory ligand']),
      selectivity: z.enum(['selective', 'non-selective']).optional(),
      clinicallyRelevant: z.boolean().optional(),
    }),
  },
  HAS_AFFINITY_FOR: {
    subject: ['Drug'],
    object: ['Target'],
    qualifiers: z.strictObject({
      measure: z.enum(['Ki']),
      value: z.number().positive(),
      unit: Unit,
      stereoisomer: Stereoisomer,
    }),
  },
  NO_SIGNIFICANT_AFFINITY_FOR: {
    subject: ['Drug'],
    object: ['Target'],
    qualifiers: z.strictObject({}),
  },
  DERIVATIVE_OF: {
    subject: ['Drug'],
    object: ['Drug'],
    qualifiers: z.strictObject({
      position: z.enum(['beta']).optional(),
      substituent: z.string().optional(),
    }),
  },
  ANALOGUE_OF: {
    subject: ['Drug'],
    object: ['Drug'],
    qualifiers: z.strictObject({
      closeness: z.enum(['close']).optional(),
      difference: z.string().min(3),
    }),
  },
  COMPARED_WITH: {
    subject: ['Drug'],
    object: ['Drug'],
    qualifiers: z.strictObject({
      aspect: z.string().min(3),
      outcome: z.enum(['more potent', 'less potent', 'weaker', 'superior']),
      factor: z.number().positive().optional(),
      unit: Unit.optional(),
      basis: z.string().optional(),
      context: z.string().optional(),
    }),
  },
  MEMBER_OF: { subject: ['Drug'], object: ['DrugClass'], qualifiers: z.strictObject({}) },
  INDICATED_FOR: {
    subject: ['Drug'],
    object: ['Condition'],
    qualifiers: z.strictObject({
      status: z.enum(['approved', 'off-label', 'investigational', 'not recommended', 'used']),
      route: z.string().optional(),
      purpose: z.string().optional(),
      population: z.string().optional(),
    }),
  },
  AVOID_IN: {
    subject: ['Drug'],
    object: ['Condition'],
    qualifiers: z.strictObject({
      reason: z.string().min(3),
      safety: z.enum(['avoid', 'unclear', 'likely safe']).optional(),
    }),
  },
  CAUSES: {
    subject: ['Drug'],
    object: ['Effect'],
    qualifiers: z.strictObject({
      context: z.enum(['common', 'adverse', 'serious', 'withdrawal', 'overdose', 'abuse']),
      frequency: z.string().optional(),
      trigger: z.string().optional(),
    }),
  },
  INTERACTS_WITH: {
    subject: ['Drug'],
    object: ['Drug', 'DrugClass'],
    qualifiers: z.strictObject({
      effect: z.string().min(3),
      severity: z.string().optional(),
      recommendation: z.string().optional(),
    }),
  },
  ADMINISTERED_VIA: {
    subject: ['Drug'],
    object: ['Route'],
    qualifiers: z.strictObject({
      change: z.string().optional(),
      formulation: z.string().optional(),
    }),
  },
  BRAND_OF: { subject: ['Brand'], object: ['Drug'], qualifiers: z.strictObject({}) },
  STUDIED_FOR: {
    subject: ['Drug', 'DrugClass'],
    object: ['Condition'],
    qualifiers: z.strictObject({
      evidence: z.string().optional(),
      asOf: z.number().int().optional(),
      combinedWith: z.array(z.string()).optional(),
    }),
  },
  MODULATES: {
    subject: ['Drug', 'Target'],
    object: ['Pathway'],
    qualifiers: z.strictObject({ effect: z.string().min(3) }),
  },
  MEDIATES: {
    subject: ['Target'],
    object: ['Effect', 'Condition'],
    qualifiers: z.strictObject({ note: z.string().optional() }),
  },
  RESEMBLES: {
    subject: ['Effect', 'Condition'],
    object: ['Effect', 'Condition'],
    qualifiers: z.strictObject({}),
  },
  PARTICIPATED_IN: {
    subject: ['Drug', 'Organization', 'Person', 'Publication', 'Route'],
    object: ['Event'],
    qualifiers: z.strictObject({ role: z.string().min(2) }),
  },
  AUTHORED: { subject: ['Person'], object: ['Publication'], qualifiers: z.strictObject({}) },
  AFFILIATED_WITH: {
    subject: ['Person', 'Organization'],
    object: ['Organization'],
    qualifiers: z.strictObject({ role: z.string().optional() }),
  },
  LISTED_BY: {
    subject: ['Drug'],
    object: ['Organization'],
    qualifiers: z.strictObject({ list: z.string().min(3) }),
  },
} as const satisfies Record<
  string,
  { subject: readonly EntityKind[]; object: readonly EntityKind[]; qualifiers: z.ZodType }
>;
export type Predicate = keyof typeof PREDICATES;
export const Predicate = z.enum(Object.keys(PREDICATES) as [Predicate, ...Predicate[]]);

/** Literal properties an entity may have; each value is cited like a relationship. */
export const ATTRIBUTES = [
  'molecularWeight',
  'halfLife',
  'solubility',
  'appearance',
  'odour',
  'absorption',
  'distribution',
  'biotransformation',
  'excretion',
  'dosingFrequency',
  'approvalYear',
  'genericAvailability',
  'prescriptionRank',
  'prescriptionCount',
  'abusePotential',
  'replacementInterval',
  'amount',
  'csfConcentrationRatio',
  'translatedTitle',
  'nationality',
  'profession',
  'mechanism',
  'property',
] as const;
export const Attribute = z.enum(ATTRIBUTES);
export type Attribute = z.infer<typeof Attribute>;

export const Entity = z.strictObject({
  id: EntityId,
  name: z.string().min(1),
  synonyms: z.array(z.string().min(1)).default([]),
  description: z.string().min(10),
  /** Events only: when it happened. */
  date: z
    .strictObject({
      year: z.number().int().min(1800).max(2100),
      month: z.number().int().min(1).max(12).optional(),
      day: z.number().int().min(1).max(31).optional(),
    })
    .optional(),
  citation: ArticleCitation,
});
export type Entity = z.infer<typeof Entity>;

export const Relation = z.strictObject({
  subject: EntityId,
  predicate: Predicate,
  object: EntityId,
  qualifiers: z.record(z.string(), QualifierValue).default({}),
  citation: ArticleCitation,
});
export type Relation = z.infer<typeof Relation>;

/** A literal: either a number with its unit, a range (low/high) with its unit, or a text. */
export const Literal = z
  .strictObject({
    subject: EntityId,
    attribute: Attribute,
    value: z.union([z.number(), z.string().min(1)]).optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    unit: Unit.optional(),
    comparator: z.enum(['about', 'more than', 'less than', 'at least']).optional(),
    qualifiers: z.record(z.string(), QualifierValue).default({}),
    citation: ArticleCitation,
  })
  .refine((l) => (l.value === undefined) !== (l.low === undefined && l.high === undefined), {
    message: 'a literal has either value, or low and high',
  })
  .refine((l) => l.low === undefined || l.high === undefined || l.low <= l.high, {
    message: 'low must not exceed high',
  })
  .refine((l) => typeof l.value !== 'number' || l.unit !== undefined, {
    message: 'a number needs a unit',
    path: ['unit'],
  });
export type Literal = z.infer<typeof Literal>;

export const Source = z.strictObject({
  id: SourceId,
  kind: z.enum(['article', 'registry']),
  title: z.string().min(1),
  url: z.url(),
  licence: z.string().min(1),
});
export type Source = z.infer<typeof Source>;

export const IDENTIFIER_NAMESPACES = [
  'PUBCHEM_CID',
  'DRUGBANK',
  'CHEBI',
  'CHEMBL',
  'ATC',
  'RXCUI',
  'UNII',
  'CAS',
  'INCHIKEY',
  'WIKIDATA',
] as const;
export const IdentifierNamespace = z.enum(IDENTIFIER_NAMESPACES);
export type IdentifierNamespace = z.infer<typeof IdentifierNamespace>;

/** An identifier in a public registry, cited to that registry's record. */
export const Identifier = z.strictObject({
  subject: EntityId,
  namespace: IdentifierNamespace,
  value: z.string().min(1),
  source: SourceId,
  url: z.url(),
});
export type Identifier = z.infer<typeof Identifier>;

// ---- Document kinds: one schema per kind of file under seed/data. ----

export const SourcesDocument = z.strictObject({ sources: z.array(Source).min(1) });

export const EntitiesDocument = z.strictObject({
  kind: EntityKind,
  source: SourceId,
  entities: z.array(Entity).min(1),
});

export const FactsDocument = z.strictObject({
  source: SourceId,
  relations: z.array(Relation).default([]),
  literals: z.array(Literal).default([]),
});

export const IdentifiersDocument = z.strictObject({ identifiers: z.array(Identifier).min(1) });

/** Every sentence of an article, by locator, and why a sentence states no fact where it doesn't. */
export const LocatorsDocument = z.strictObject({
  source: SourceId,
  locators: z.array(Locator.extend({ noFact: z.string().min(10, 'say why the sentence states no fact').optional() })),
});

export type SourcesDocument = z.infer<typeof SourcesDocument>;
export type EntitiesDocument = z.infer<typeof EntitiesDocument>;
export type FactsDocument = z.infer<typeof FactsDocument>;
export type IdentifiersDocument = z.infer<typeof IdentifiersDocument>;
export type LocatorsDocument = z.infer<typeof LocatorsDocument>;
