/**
 * Seed documents
 *
 * The shape of every seed document, defined once. The TypeScript types of the loader and the
 * checks of the seed data are inferred from these schemas. A fact is valid only if its
 * predicate is known, its qualifiers fit that predicate, its endpoints are of the kinds the
 * predicate allows and its citation names a source (and, for an article, a locator).
 *
 * Dataset adapters (seed/datasets/) produce documents of the same kinds, whose citations are
 * records (a file of a kept dataset, a line, the row's key and the fields that matter) instead
 * of sentences; a YAML file cannot hold a record citation, as only the adapters read datasets.
 */
import { z } from 'zod';
import { Predicate } from './predicates.js';
import { isStorageName } from './storedShapes.js';
import { Attribute, EntityId, EntityKind, Hedge, IdentifierNamespace, SourceId, Unit } from './vocabulary.js';

/**
 * The most characters (UTF-16 code units, as String.length counts them) each text field may
 * hold, in one place. Each is several times the longest in the data today (in brackets), so real
 * text never meets it, while a pasted page or a generated megabyte is refused, with its file,
 * line and column, rather than loaded and served in every answer that names it.
 */
export const MAX_LENGTH = {
  /** An entity or source id (41). */
  id: 200,
  /** A name or a synonym of an entity (56). */
  name: 300,
  /** A section heading of the article (24). */
  section: 200,
  /** A statement, or why a sentence states no fact (135). */
  statement: 1_000,
  /** An entity's description (170). */
  description: 2_000,
  /** A qualifier's key (18). */
  qualifierKey: 100,
  /** A qualifier's text or an item of its list (105), a literal's text value (104). */
  qualifierValue: 1_000,
  /** A source's title or licence (47). */
  title: 500,
  /** A URL (67). */
  url: 2_000,
  /** An identifier's value in its registry (27). */
  identifier: 200,
} as const;

/** The refusal of a text over its field's maximum: how long it is, never what it says. */
const tooLong = (field: keyof typeof MAX_LENGTH, what: string) => ({
  error: (issue: { input?: unknown }) =>
    `too long: ${what} is at most ${MAX_LENGTH[field]} characters, this one has ${(issue.input as string).length} (MAX_LENGTH in src/model/seedDocuments.ts)`,
});
const text = (field: keyof typeof MAX_LENGTH, what: string) => z.string().max(MAX_LENGTH[field], tooLong(field, what));
const Id = EntityId.max(MAX_LENGTH.id, tooLong('id', 'an id'));
const SourceRef = SourceId.max(MAX_LENGTH.id, tooLong('id', 'an id'));
const Url = z.url().max(MAX_LENGTH.url, tooLong('url', 'a URL'));

export const Locator = z.strictObject({
  section: text('section', 'a section').min(1),
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
    statement: text('statement', 'a statement').min(10, 'a statement says the fact in a short sentence of our own'),
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

/** The project's copy of one dataset file: `<folder>/<upstream name>`, e.g. drugcentral/targets.tsv. */
export const DatasetFile = z
  .string()
  .regex(/^[a-z0-9-]+\/[A-Za-z0-9._-]+\.tsv$/, 'a dataset file is "<folder>/<upstream name>.tsv"');

/**
 * A citation of one row of a dataset the project keeps a copy of (seed/sources/): the file, the
 * row's line in it (the header is line 1), the row's key (`GeneID 781 x DB00230`), the row's
 * fields that bear on the claim, exactly as the file writes them, and the claim in our words.
 */
export const RecordCitation = z.strictObject({
  file: DatasetFile,
  line: z.number().int().min(2),
  key: text('identifier', 'a record key').min(1),
  fields: z.record(text('qualifierKey', "a field's name"), text('qualifierValue', "a field's value")).default({}),
  statement: text('statement', 'a statement').min(10, 'a statement says the fact in a short sentence of our own'),
});
export type RecordCitation = z.infer<typeof RecordCitation>;

/** Where an identifier was read in a dataset: a record citation without a statement of its own. */
export const RecordReference = RecordCitation.omit({ statement: true });
export type RecordReference = z.infer<typeof RecordReference>;

/** A sentence of an article or a record of a dataset. */
export type SeedCitation = ArticleCitation | RecordCitation;
export const isRecordCitation = (citation: SeedCitation): citation is RecordCitation => 'file' in citation;

/** Qualifier values are scalars or lists of scalars, so that they map onto Neo4j properties. */
const QualifierText = text('qualifierValue', "a qualifier's text");
const QualifierValue = z.union([QualifierText, z.number(), z.boolean(), z.array(QualifierText)]);

/** Qualifiers by key; a key the loader uses for its own properties would be overwritten, so it is refused. */
const Qualifiers = z
  .record(text('qualifierKey', "a qualifier's key"), QualifierValue)
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
export const LocatedSynonym = z.strictObject({ name: text('name', 'a synonym').min(1), ...Locator.shape });

/**
 * Another name of an entity, as the article uses it: a plain name occurs in the sentence the
 * entity cites; a name the article uses elsewhere carries the locator of a sentence where it
 * occurs (tests/unit/entity-aliases.test.ts checks both against the article's text).
 */
export const Synonym = z.union([text('name', 'a synonym').min(1), LocatedSynonym], {
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
  id: Id,
  name: text('name', 'a name').min(1),
  synonyms: z.array(Synonym).default([]),
  description: text('description', 'a description').min(10),
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
  subject: Id,
  predicate: Predicate,
  object: Id,
  qualifiers: Qualifiers,
  citation: ArticleCitation,
});
export type Relation = z.infer<typeof Relation>;

/** A literal: either a number with its unit, a range (low/high) with its unit, or a text. */
export const Literal = z
  .strictObject({
    subject: Id,
    attribute: Attribute,
    value: z.union([z.number(), text('qualifierValue', "a literal's text").min(1)]).optional(),
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

/**
 * A source: an article (cited by locator), a public page found with the search tool (cited by
 * locator too: its facts link the datasets' genes to the article's targets, so they load only
 * with the datasets), a registry (by the url of its record) or a dataset (by record). A dataset names where its files came from (repository, commit, path), how to cite
 * it, the date its data is from, any attribution its licence requires, and the folder under
 * seed/sources/ that holds the project's copy.
 */
export const Source = z
  .strictObject({
    id: SourceRef,
    kind: z.enum(['article', 'page', 'registry', 'dataset']),
    title: text('title', 'a title').min(1),
    url: Url,
    licence: text('title', 'a licence').min(1),
    citation: text('title', 'how to cite it').min(10).optional(),
    asOf: z
      .string()
      .regex(/^\d{4}(-\d{2}){0,2}$/, 'asOf is a date: YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
    attribution: text('title', 'an attribution').min(10).optional(),
    origin: z
      .strictObject({
        repository: Url,
        commit: z.string().regex(/^[0-9a-f]{40}$/, 'a commit is 40 hexadecimal digits'),
        path: text('url', 'a path').min(1),
      })
      .optional(),
    folder: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  })
  .refine((s) => s.kind !== 'dataset' || Boolean(s.origin && s.asOf && s.citation && s.folder), {
    message: 'a dataset names its origin, asOf date, citation and folder',
  })
  .refine((s) => s.kind === 'dataset' || !(s.origin ?? s.folder), {
    message: 'only a dataset has an origin and a folder',
  });
export type Source = z.infer<typeof Source>;

/** An identifier in a public registry, cited to that registry's record. */
export const Identifier = z.strictObject({
  subject: Id,
  namespace: IdentifierNamespace,
  value: text('identifier', 'an identifier').min(1),
  source: SourceRef,
  url: Url,
  /** A dataset's identifier: the record it was read from. */
  record: RecordReference.optional(),
});
export type Identifier = z.infer<typeof Identifier>;

/** An entity a dataset introduces, cited to the record that names it. */
export const DatasetEntity = Entity.extend({ citation: RecordCitation });
export type DatasetEntity = z.infer<typeof DatasetEntity>;

/** A claim a dataset record states. */
export const DatasetRelation = Relation.extend({ citation: RecordCitation });
export type DatasetRelation = z.infer<typeof DatasetRelation>;

/**
 * A reviewed match of a dataset identifier with an entity of the graph, and why; a rejected one
 * says why the two are not the same thing, so that nobody adds the match later.
 */
export const Match = z.strictObject({
  namespace: IdentifierNamespace,
  value: text('identifier', 'an identifier').min(1),
  entity: Id,
  reason: text('statement', 'a reason').min(10, 'say why they are (or are not) the same thing'),
});
export type Match = z.infer<typeof Match>;

/**
 * A reviewed disagreement between sources about one subject: the statements that do not agree
 * (each named by predicate and object; every statement of that claim is meant) and, in our
 * words, how they differ. Both sides stay served, each with its own sources.
 */
export const Disagreement = z.strictObject({
  subject: Id,
  statements: z
    .array(z.strictObject({ predicate: Predicate, object: Id }))
    .min(2, 'a disagreement is between at least two statements'),
  note: text('statement', 'how the statements differ').min(10, 'say how the statements differ'),
});
export type Disagreement = z.infer<typeof Disagreement>;

// ---- Document kinds: one schema per kind of file under seed/data. ----

export const SourcesDocument = z.strictObject({ sources: z.array(Source).min(1) });

export const EntitiesDocument = z.strictObject({
  kind: EntityKind,
  source: SourceRef,
  entities: z.array(Entity).min(1),
});

export const FactsDocument = z.strictObject({
  source: SourceRef,
  relations: z.array(Relation).default([]),
  literals: z.array(Literal).default([]),
});

export const IdentifiersDocument = z.strictObject({ identifiers: z.array(Identifier).min(1) });

/** seed/data/disagreements.yaml: where sources disagree (they load with the datasets). */
export const DisagreementsDocument = z.strictObject({ disagreements: z.array(Disagreement).min(1) });
export type DisagreementsDocument = z.infer<typeof DisagreementsDocument>;

/** seed/data/mappings.yaml: dataset ids matched with the graph's entities, and matches refused. */
export const MappingsDocument = z.strictObject({
  mappings: z.array(Match).default([]),
  rejected: z.array(Match).default([]),
});

/** What an adapter makes of a dataset's rows: documents of the YAML kinds, with record citations. */
export const DatasetEntitiesDocument = EntitiesDocument.extend({ entities: z.array(DatasetEntity).min(1) });
export const DatasetFactsDocument = FactsDocument.extend({ relations: z.array(DatasetRelation).default([]) });

/** Every sentence of an article, by locator, and why a sentence states no fact where it doesn't. */
export const LocatorsDocument = z.strictObject({
  source: SourceRef,
  locators: z.array(
    Locator.extend({ noFact: text('statement', 'a reason').min(10, 'say why the sentence states no fact').optional() }),
  ),
});

export type SourcesDocument = z.infer<typeof SourcesDocument>;
export type EntitiesDocument = z.infer<typeof EntitiesDocument>;
export type FactsDocument = z.infer<typeof FactsDocument>;
export type IdentifiersDocument = z.infer<typeof IdentifiersDocument>;
export type LocatorsDocument = z.infer<typeof LocatorsDocument>;
export type MappingsDocument = z.infer<typeof MappingsDocument>;
export type DatasetEntitiesDocument = z.infer<typeof DatasetEntitiesDocument>;
export type DatasetFactsDocument = z.infer<typeof DatasetFactsDocument>;
