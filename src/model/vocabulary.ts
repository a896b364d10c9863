/**
 * Vocabulary
 *
 * The closed sets every layer names things by: entity kinds and their id prefixes, units,
 * hedges, literal attributes and registry namespaces. Labels and property values written to
 * Neo4j come from these sets, never from input, and the seed data is checked against them.
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

/**
 * An entity's own facts in `facts` and the export, cited like the entity (a synonym where the
 * article uses it): its names and kind, and an event's dates (`date` as ISO text at the source's
 * precision, `endYear` for a span).
 */
export const ENTITY_FACTS = ['name', 'synonym', 'kind', 'date', 'endYear'] as const;
export type EntityFact = (typeof ENTITY_FACTS)[number];

/**
 * Registries whose identifiers an entity may carry. Values are stored as the source writes them
 * (`CHEBI:2972`, `DOID:2377`, `781`), and every identifier brings its own resolvable url from the
 * record it was read from, so no url is built here.
 */
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
  'ENTREZ_GENE',
  'GENE_SYMBOL',
  'DOID',
  'MESH',
  'NDFRT',
  'UMLS',
] as const;
export const IdentifierNamespace = z.enum(IDENTIFIER_NAMESPACES);
export type IdentifierNamespace = z.infer<typeof IdentifierNamespace>;
