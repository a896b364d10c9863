/**
 * RDF of the facts
 *
 * The graph's cited facts as RDF quads, for the release files and for the JSON-LD of an entity's
 * or a statement's page. One shape (docs/rdf.md has it with examples):
 *
 * - each fact's direct ("truthy") triple: `<entity> vocab:PREDICATE <entity>` for a relationship,
 *   `<entity> vocab:ATTRIBUTE value` for a literal (none for a range: it has no single value),
 *   rdfs:label, skos:altLabel and rdf:type for an entity's name, synonyms and kind, and
 *   `vocab:identifier:NAMESPACE "value"` for an identifier, with a link to what it names and, for
 *   a registry's identifier, to the record's page;
 * - each fact as an rdf:Statement at its statement URL, reifying that triple, with its qualifiers
 *   (`vocab:KEY value`), unit and range, and prov:wasDerivedFrom each piece of its evidence;
 * - each piece of evidence at `<statement URL>#<citation id>`: its source (prov:hadPrimarySource),
 *   the link to the very section or record (rdfs:seeAlso), the locator or the record, the claim
 *   in our words, hedge, reading, and what that sentence alone adds;
 * - each cited source, and each term of our vocabulary used, with its label, its meaning and how
 *   it relates to Wikidata's properties.
 *
 * Everything is named by an IRI (no blank nodes), so the RDF of a part of the graph merges with
 * the RDF of the whole, and the same facts always give the same quads in the same order.
 */
import { DataFactory, termToId, type Literal, type NamedNode, type Quad, type Quad_Object } from 'n3';
import type { ExportedFact } from '../graph/facts.js';
import { fromFactCitation, indexSources, type FactCitation } from '../model/citations.js';
import { ATTRIBUTE_MEANINGS, ENTITY_FACT_MEANINGS, PREDICATE_MEANINGS } from '../model/glossary.js';
import type { Predicate } from '../model/predicates.js';
import { entityUrl, pathSegment, statementUrl, vocabularyIri } from '../model/resourceUrls.js';
import type { QualifierValue, StoredSource } from '../model/storedShapes.js';
import { SHAPE_TERMS, MAPPING_PROPERTY, NAMESPACES, WIKIDATA_PROPERTIES, identifierLink } from './rdfVocabulary.js';

const { namedNode, literal, quad } = DataFactory;

const inNamespace = (prefix: keyof typeof NAMESPACES) => (local: string) => namedNode(`${NAMESPACES[prefix]}${local}`);
const rdf = inNamespace('rdf');
const rdfs = inNamespace('rdfs');
const xsd = inNamespace('xsd');
const skos = inNamespace('skos');
const prov = inNamespace('prov');
const dcterms = inNamespace('dcterms');
const wdt = inNamespace('wdt');

const IDENTIFIER = 'identifier:';
const MEANINGS: Record<string, string> = { ...PREDICATE_MEANINGS, ...ATTRIBUTE_MEANINGS, ...ENTITY_FACT_MEANINGS };

/** A number keeps the form it was read in: JSON-LD processors rewrite doubles, so a decimal where it can be one. */
function valueLiteral(value: string | number | boolean): Literal {
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'boolean') return literal(String(value), xsd('boolean'));
  if (Number.isSafeInteger(value)) return literal(String(value), xsd('integer'));
  const text = String(value);
  return literal(text, xsd(/e/i.test(text) ? 'double' : 'decimal'));
}

const DATE_TYPES: [RegExp, string][] = [
  [/^\d{4}$/, 'gYear'],
  [/^\d{4}-\d{2}$/, 'gYearMonth'],
  [/^\d{4}-\d{2}-\d{2}$/, 'date'],
];

/** An ISO date at the precision the source gives, typed by that precision. */
function dateLiteral(text: string): Literal {
  const type = DATE_TYPES.find(([pattern]) => pattern.test(text));
  return type ? literal(text, xsd(type[1])) : literal(text);
}

/** The quads being made, each once in the order first added, and the names they use. */
class Graph {
  readonly quads: Quad[] = [];
  private readonly seen = new Set<string>();
  /** Vocabulary terms used, with whether a fact has them as its predicate (they get a meaning). */
  readonly properties = new Map<string, boolean>();
  readonly kinds = new Set<string>();
  readonly sources = new Map<string, StoredSource>();
  private readonly sourceIds = new Map<string, string>();

  constructor(
    readonly base: string,
    private readonly known: Map<string, StoredSource>,
  ) {}

  add(subject: NamedNode, predicate: NamedNode, object: Quad_Object): void {
    const made = quad(subject, predicate, object);
    const key = `${termToId(subject)} ${termToId(predicate)} ${termToId(object)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(made);
  }

  property(term: string, predicateOfFact = false): NamedNode {
    this.properties.set(term, predicateOfFact || (this.properties.get(term) ?? false));
    return namedNode(vocabularyIri(this.base, term));
  }

  kind(term: string): NamedNode {
    this.kinds.add(term);
    return namedNode(vocabularyIri(this.base, term));
  }

  entity(id: string): NamedNode {
    return namedNode(entityUrl(this.base, id));
  }

  /** A cited source, named by its own URL; two sources at one URL would merge, so they are refused. */
  source(id: string): StoredSource {
    const source = this.known.get(id);
    if (!source) throw new Error(`a fact cites the unknown source ${id}: pass every source the facts cite`);
    const other = this.sourceIds.get(source.url);
    if (other !== undefined && other !== id)
      throw new Error(`sources ${other} and ${id} share the URL ${source.url}, which names a source in RDF`);
    this.sourceIds.set(source.url, id);
    this.sources.set(id, source);
    return source;
  }
}

/** The direct triple's predicate and object; no object for a range. */
function directTriple(fact: ExportedFact, g: Graph): { predicate: NamedNode; object: Quad_Object | null } {
  const value = fact.value === undefined ? null : fact.value;
  switch (fact.predicate) {
    case 'name':
      return { predicate: rdfs('label'), object: literal(String(value)) };
    case 'synonym':
      return { predicate: skos('altLabel'), object: literal(String(value)) };
    case 'kind':
      return { predicate: rdf('type'), object: g.kind(String(value)) };
    case 'date':
      return { predicate: g.property('date', true), object: dateLiteral(String(value)) };
    case 'endYear':
      return { predicate: g.property('endYear', true), object: literal(String(value), xsd('gYear')) };
  }
  const predicate = g.property(fact.predicate, true);
  if (fact.object !== undefined) return { predicate, object: g.entity(fact.object) };
  return { predicate, object: value === null ? null : valueLiteral(value) };
}

/** Qualifiers as `vocab:KEY value`; a list as one triple per item. */
function qualifierQuads(node: NamedNode, qualifiers: Record<string, QualifierValue>, g: Graph): void {
  for (const [key, value] of Object.entries(qualifiers))
    for (const item of Array.isArray(value) ? value : [value]) g.add(node, g.property(key), valueLiteral(item));
}

/** One piece of evidence, as the API shows it (the same id, link and words), under its statement. */
function evidenceQuads(fact: ExportedFact, citation: FactCitation, position: number, statement: NamedNode, g: Graph) {
  const source = g.source(citation.source);
  const shown = fromFactCitation({ ...fact, citation }, new Map([[source.id, source]]));
  const node = namedNode(`${statement.value}#${pathSegment(shown.id || `evidence-${position + 1}`)}`);
  g.add(statement, prov('wasDerivedFrom'), node);
  if (shown.id) g.add(node, dcterms('identifier'), literal(shown.id));
  g.add(node, prov('hadPrimarySource'), namedNode(source.url));
  g.add(node, rdfs('seeAlso'), namedNode(shown.url));
  g.add(node, g.property('statement'), literal(shown.statement));
  g.add(node, g.property('reading'), literal(shown.reading.toLowerCase()));
  if (shown.section !== null) g.add(node, g.property('section'), literal(shown.section));
  if (shown.paragraph !== null) g.add(node, g.property('paragraph'), valueLiteral(shown.paragraph));
  if (shown.sentence !== null) g.add(node, g.property('sentence'), valueLiteral(shown.sentence));
  if (shown.hedge !== null) g.add(node, g.property('hedge'), literal(shown.hedge));
  if ('qualifiers' in citation && citation.qualifiers) qualifierQuads(node, citation.qualifiers, g);
  if (!('file' in citation)) return;
  g.add(node, g.property('file'), literal(citation.file));
  g.add(node, g.property('line'), valueLiteral(citation.line));
  g.add(node, g.property('key'), literal(citation.key));
  for (const [name, value] of Object.entries(citation.fields)) {
    const field = namedNode(`${node.value}/${pathSegment(name)}`);
    g.add(node, g.property('recordField'), field);
    g.add(field, g.property('fieldName'), literal(name));
    g.add(field, rdf('value'), literal(value));
  }
}

function factQuadsOf(fact: ExportedFact, g: Graph): void {
  const subject = g.entity(fact.subject);
  const statement = namedNode(statementUrl(g.base, fact.id));
  const { predicate, object } = directTriple(fact, g);
  g.add(subject, dcterms('identifier'), literal(fact.subject));
  if (object) g.add(subject, predicate, object);
  if (fact.predicate.startsWith(IDENTIFIER)) {
    const link = identifierLink(fact.predicate.slice(IDENTIFIER.length), String(fact.value));
    if (link) g.add(subject, skos(link.match === 'exact' ? 'exactMatch' : 'closeMatch'), namedNode(link.iri));
    // A registry's record is a page about the entity itself (a dataset's is a line of a file).
    const record = fact.citation;
    if ('url' in record && g.source(record.source).kind === 'registry')
      g.add(subject, rdfs('seeAlso'), namedNode(record.url));
  }
  g.add(statement, rdf('type'), rdf('Statement'));
  g.add(statement, dcterms('identifier'), literal(fact.id));
  g.add(statement, rdf('subject'), subject);
  g.add(statement, rdf('predicate'), predicate);
  if (object) g.add(statement, rdf('object'), object);
  if (fact.low !== undefined) g.add(statement, g.property('low'), valueLiteral(fact.low));
  if (fact.high !== undefined) g.add(statement, g.property('high'), valueLiteral(fact.high));
  if (fact.unit !== undefined) g.add(statement, g.property('unit'), literal(fact.unit));
  qualifierQuads(statement, fact.qualifiers, g);
  fact.citations.forEach((citation, position) => evidenceQuads(fact, citation, position, statement, g));
}

function sourceQuads(source: StoredSource, g: Graph): void {
  const node = namedNode(source.url);
  g.add(node, dcterms('identifier'), literal(source.id));
  g.add(node, dcterms('title'), literal(source.title));
  g.add(node, dcterms('license'), literal(source.licence));
  g.add(node, g.property('sourceKind'), literal(source.kind));
  if (source.citation) g.add(node, dcterms('bibliographicCitation'), literal(source.citation));
  if (source.asOf) g.add(node, dcterms('date'), dateLiteral(source.asOf));
  if (source.attribution) g.add(node, g.property('attribution'), literal(source.attribution));
}

/** Each vocabulary term used: what it is, its label, its meaning, and its Wikidata counterpart. */
function termQuads(g: Graph): void {
  for (const [term, predicateOfFact] of [...g.properties]) {
    const node = namedNode(vocabularyIri(g.base, term));
    g.add(node, rdf('type'), rdf('Property'));
    g.add(node, rdfs('label'), literal(term));
    const meaning = predicateOfFact ? MEANINGS[term] : SHAPE_TERMS[term];
    if (meaning) g.add(node, rdfs('comment'), literal(meaning));
    const mapping = predicateOfFact ? WIKIDATA_PROPERTIES[term as Predicate] : undefined;
    if (mapping) g.add(node, namedNode(MAPPING_PROPERTY[mapping.kind]), wdt(mapping.property));
  }
  for (const kind of g.kinds) {
    const node = namedNode(vocabularyIri(g.base, kind));
    g.add(node, rdf('type'), rdfs('Class'));
    g.add(node, rdfs('label'), literal(kind));
  }
}

/**
 * The RDF of some facts (the whole graph's, or one entity's or statement's), with the sources
 * they cite and the vocabulary they use, named under `base` (the API's PUBLIC_URL).
 */
export function factQuads(facts: ExportedFact[], sources: StoredSource[], base: string): Quad[] {
  const g = new Graph(base, indexSources(sources));
  for (const fact of facts) factQuadsOf(fact, g);
  for (const source of g.sources.values()) sourceQuads(source, g);
  termQuads(g);
  return g.quads;
}
