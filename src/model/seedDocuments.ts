/**
 * Seed documents
 *
 * The shape of every seed document, defined once. The TypeScript types of the loader and the
 * checks of the seed data are inferred from these schemas. A fact is valid only if its
 * predicate is known, its qualifiers fit that predicate, its endpoints are of the kinds the
 * predicate allows and its citation names a source (and, for an article, a locator).
 */
import { z } from 'zod';
import { Predicate } from './predicates.js';
import { isStorageName } from './storedShapes.js';
import { Attribute, EntityId, EntityKind, Hedge, IdentifierNamespace, SourceId, Unit } from './vocabulary.js';

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
    /**
     * `direct` (the default): the sentence says this. `inference`: the statement follows from the
     * sentence (or from it and its context) but the sentence does not say it in those words.
     */
    reading: z.enum(['direct', 'inference']).optional(),
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

/** Qualifiers by key; a key the loader uses for its own properties would be overwritten, so it is refused. */
const Qualifiers = z
  .record(z.string(), QualifierValue)
  .superRefine((qualifiers, context) => {
    for (const key of Object.keys(qualifiers).filter(isStorageName))
      context.addIssue({
        code: 'custom',
        path: [key],
        message: `"${key}" is a storage name and cannot be a qualifier; choose another key`,
      });
  })
  .default({});

/** A synonym the article uses outside the entity's own sentence: the name and that sentence. */
export const LocatedSynonym = z.strictObject({ name: z.string().min(1), ...Locator.shape });

/**
 * Another name of an entity, as the article uses it: a plain name occurs in the sentence the
 * entity cites; a name the article uses elsewhere carries the locator of a sentence where it
 * occurs (tests/unit/entity-aliases.test.ts checks both against the article's text).
 */
export const Synonym = z.union([z.string().min(1), LocatedSynonym], {
  error: (issue) => {
    const expected = 'a synonym is a name, or { name, section, paragraph, sentence } of a sentence where it occurs';
    const located = LocatedSynonym.safeParse(issue.input);
    const isObject = typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input);
    if (located.success || !isObject) return expected;
    const wrong = located.error.issues.map((i) => `${i.path.join('.') || 'synonym'}: ${i.message}`);
    return `${expected}; ${wrong.join('; ')}`;
  },
});
export type Synonym = z.infer<typeof Synonym>;

export const Entity = z.strictObject({
  id: EntityId,
  name: z.string().min(1),
  synonyms: z.array(Synonym).default([]),
  description: z.string().min(10),
  /** Events only: when it happened. */
  date: z
    .strictObject({
      year: z.number().int().min(1800).max(2100),
      month: z.number().int().min(1).max(12).optional(),
      day: z.number().int().min(1).max(31).optional(),
      /** The last year, for an event that spans years. */
      endYear: z.number().int().min(1800).max(2100).optional(),
    })
    .refine((d) => d.endYear === undefined || d.endYear > d.year, { message: 'endYear must come after year' })
    .optional(),
  citation: ArticleCitation,
});
export type Entity = z.infer<typeof Entity>;

export const Relation = z.strictObject({
  subject: EntityId,
  predicate: Predicate,
  object: EntityId,
  qualifiers: Qualifiers,
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
    qualifiers: Qualifiers,
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
