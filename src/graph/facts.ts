/**
 * Facts
 *
 * The graph as cited facts, the shape of both the `facts` connection and the bulk export. Every
 * relationship between entities, literal and identifier is a fact, and so are each entity's own
 * name, synonyms and kind, and an event's date and end year (cited like the entity, but each
 * synonym to a sentence where the article uses it, src/model/aliases.ts). Facts are read from
 * Neo4j, never from the seed files, and sorted (subject first), so the same graph always gives
 * the same facts in the same order. Large reads go by pages (factPages.ts).
 */
import {
  factCitation,
  literalQualifierValues,
  registryFactCitation,
  relationQualifierValues,
  storedEvidence,
  type FactCitation,
} from '../model/citations.js';
import type {
  QualifierValue,
  StoredCitation,
  StoredEntity,
  StoredIdentifier,
  StoredLiteral,
  StoredRelation,
  StoredSource,
  StoredStatement,
} from '../model/storedShapes.js';
import { eventDate } from '../model/eventDate.js';
import type { EntityFact, Unit } from '../model/vocabulary.js';
import { storedAliases, synonymFactId } from '../model/aliases.js';
import type { Reader } from '../neo4j/database.js';
import { entityProjection } from './projections.js';

export interface ExportedFact {
  /** The statement's id (an identifier's key, or the entity id and predicate for its own facts). */
  id: string;
  subject: string;
  /** A relationship type, an attribute, `identifier:NAMESPACE`, or an entity's own (ENTITY_FACTS). */
  predicate: string;
  /** The other entity, for a relationship. */
  object?: string;
  /** The value, for everything but relationships and ranges. */
  value?: string | number;
  low?: number;
  high?: number;
  unit?: string;
  qualifiers: Record<string, QualifierValue>;
  /** The first of `citations`. */
  citation: FactCitation;
  /** Every sentence that states it (its evidence), first one first. */
  citations: FactCitation[];
}

export interface FactFilter {
  /** Only facts about this entity id. */
  subject?: string | null;
  /** Only facts with this predicate. */
  predicate?: string | null;
}

/** One row of the read: a fact family, its subject, and the stored properties it is made from. */
type FactRow = { subject: string } & (
  | { family: 'relation'; type: string; object: string; props: StoredRelation }
  | { family: 'literal'; type: null; object: null; props: StoredLiteral }
  | { family: 'identifier'; type: null; object: null; props: StoredIdentifier }
  | {
      family: 'entity';
      type: null;
      object: null;
      props: Pick<StoredEntity, 'kind' | 'name' | 'synonyms' | 'aliasesJson' | 'year' | 'month' | 'day' | 'endYear'> &
        StoredCitation;
    }
);

/**
 * One read for every family of fact, and the sources they cite: of the whole graph, or of some
 * subjects (looked up by id, so a page of a large graph reads only its own subjects).
 */
function factsCypher(bySubjects: boolean): string {
  const subject = (v: string) =>
    bySubjects ? `MATCH (${v}:Entity) WHERE ${v}.id IN $subjects ` : `MATCH (${v}:Entity) `;
  return `
CALL () { MATCH (s:Source) RETURN collect(properties(s)) AS sources }
CALL () {
  ${subject('a')}MATCH (a)-[r]->(b:Entity)
  RETURN 'relation' AS family, a.id AS subject, type(r) AS type, b.id AS object, properties(r) AS props
  UNION ALL
  ${subject('e')}MATCH (e)-[:HAS_LITERAL]->(l:Literal)
  RETURN 'literal' AS family, e.id AS subject, null AS type, null AS object, properties(l) AS props
  UNION ALL
  ${subject('e')}MATCH (e)-[:HAS_IDENTIFIER]->(i:Identifier)
  RETURN 'identifier' AS family, e.id AS subject, null AS type, null AS object, properties(i) AS props
  UNION ALL
  ${subject('e')}
  RETURN 'entity' AS family, e.id AS subject, null AS type, null AS object, ${entityProjection('e', 'full')} AS props
}
RETURN sources, collect({family: family, subject: subject, type: type, object: object, props: props}) AS rows`;
}
const ALL_FACTS = factsCypher(false);
const FACTS_OF_SUBJECTS = factsCypher(true);

const sortedEntries = (record: Record<string, QualifierValue>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Drops absent fields, so a fact carries only what it has (and its JSON stays short). */
function present(fact: ExportedFact): ExportedFact {
  return Object.fromEntries(
    Object.entries(fact).filter(([, v]) => v !== undefined && v !== null),
  ) as unknown as ExportedFact;
}

/** The first citation and every citation of a stored statement, as exported. */
function evidenceOf(props: StoredStatement): Pick<ExportedFact, 'citation' | 'citations'> {
  const citations = storedEvidence(props).map(factCitation);
  return { citation: citations[0]!, citations };
}

function toFacts(row: FactRow): ExportedFact[] {
  const { subject } = row;
  switch (row.family) {
    case 'relation':
      return [
        {
          id: row.props.factId,
          subject,
          predicate: row.type,
          object: row.object,
          qualifiers: sortedEntries(relationQualifierValues(row.props)),
          ...evidenceOf(row.props),
        },
      ];
    case 'literal': {
      const { props } = row;
      const qualifiers = literalQualifierValues(props);
      if (props.comparator) qualifiers.comparator = String(props.comparator);
      return [
        {
          id: String(props.id),
          subject,
          predicate: String(props.attribute),
          value: props.numberValue ?? props.textValue ?? undefined,
          low: props.low ?? undefined,
          high: props.high ?? undefined,
          unit: props.unit ?? undefined,
          qualifiers: sortedEntries(qualifiers),
          ...evidenceOf(props),
        },
      ];
    }
    case 'identifier': {
      const citation = registryFactCitation(row.props);
      return [
        {
          id: `identifier:${String(row.props.key)}`,
          subject,
          predicate: `identifier:${String(row.props.namespace)}`,
          value: String(row.props.value),
          qualifiers: {},
          citation,
          citations: [citation],
        },
      ];
    }
    case 'entity': {
      const { props } = row;
      const citation = factCitation(props);
      // A synonym cites the sentence where the article uses it (the entity's, in a graph loaded before aliases).
      const aliasCitations = new Map(storedAliases(props).map((a) => [a.name, factCitation(a)]));
      const cited = (fact: ExportedFact, at = citation): ExportedFact => ({ ...fact, citation: at, citations: [at] });
      const own = (predicate: EntityFact, value: string | number, unit?: Unit): ExportedFact => ({
        id: predicate === 'synonym' ? synonymFactId(subject, String(value)) : `${subject}#${predicate}`,
        subject,
        predicate,
        value,
        unit,
        qualifiers: {},
        citation,
        citations: [citation],
      });
      return [
        own('name', String(props.name)),
        ...((props.synonyms as string[] | null) ?? []).map((s) => cited(own('synonym', s), aliasCitations.get(s))),
        own('kind', String(props.kind)),
        ...dateFacts(props, own),
      ];
    }
  }
}

/**
 * An event's date facts: `date` (ISO text at the source's precision) and, for an event that
 * spans years, `endYear` in years. Other entities have no date and get none.
 */
function dateFacts(
  props: Pick<StoredEntity, 'year' | 'month' | 'day' | 'endYear'>,
  own: (predicate: EntityFact, value: string | number, unit?: Unit) => ExportedFact,
): ExportedFact[] {
  const date = eventDate(props);
  if (date === null) return [];
  return props.endYear == null ? [own('date', date)] : [own('date', date), own('endYear', props.endYear, 'year')];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Subject, predicate, then object or value (numbers by size), then the whole line as a tie-break. */
function compareFacts(a: ExportedFact, b: ExportedFact): number {
  const third = (f: ExportedFact) => f.object ?? f.value ?? f.low ?? '';
  const [x, y] = [third(a), third(b)];
  return (
    compareText(a.subject, b.subject) ||
    compareText(a.predicate, b.predicate) ||
    (typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y))) ||
    compareText(JSON.stringify(a), JSON.stringify(b))
  );
}

export interface FactsResult {
  facts: ExportedFact[];
  /** Properties of every source, so callers can show a citation's source without another read. */
  sources: StoredSource[];
}

/** The facts of the graph in export order, optionally about some subjects or of one predicate. */
export async function queryFacts(
  database: Reader,
  filter: { subjects?: string[] | null; predicate?: string | null } = {},
): Promise<FactsResult> {
  const [result] = await database.read<{ sources: StoredSource[]; rows: FactRow[] }>({
    name: 'export facts',
    cypher: filter.subjects ? FACTS_OF_SUBJECTS : ALL_FACTS,
    params: { subjects: filter.subjects ?? null },
  });
  const facts = (result?.rows ?? [])
    .flatMap(toFacts)
    .filter((fact) => !filter.predicate || fact.predicate === filter.predicate)
    .map(present)
    .sort(compareFacts);
  return { facts, sources: result?.sources ?? [] };
}

/** All the facts at once: for small graphs and tests; pages scale (factPages.ts). */
export async function readFacts(database: Reader, filter: FactFilter = {}): Promise<ExportedFact[]> {
  return (
    await queryFacts(database, { subjects: filter.subject ? [filter.subject] : null, predicate: filter.predicate })
  ).facts;
}
