/**
 * Citations and qualifiers
 *
 * Every form a citation takes, and every conversion between them, in one place: a seed
 * citation becomes the `cite*` properties stored on a node or relationship (the loader); those
 * become the API's Citation, an article citation deep-linking to its section, or the citation of
 * an exported fact; and an exported fact's citation becomes the API's Citation again (the
 * `facts` connection). Qualifiers are read from the same stored properties.
 *
 * A dataset record is cited through the same fields: no section, paragraph or sentence, and a
 * url to the record's line in the upstream repository at the commit the project's copy came
 * from, so a reader lands on the very row.
 */
import { isRecordCitation, type SeedCitation } from './seedDocuments.js';
import type {
  QualifierValue,
  StoredCitation,
  StoredIdentifier,
  StoredLiteral,
  StoredRelation,
  StoredEvidence,
  StoredSource,
  StoredStatement,
} from './storedShapes.js';

/** A citation as the API shows it: the source itself, where in it, and a link there. */
export interface Citation {
  /** The evidence's id; a registry record's is its identifier key. */
  id: string;
  source: StoredSource;
  section: string | null;
  paragraph: number | null;
  sentence: number | null;
  url: string;
  statement: string;
  hedge: string | null;
  reading: 'DIRECT' | 'INFERENCE';
  /** What this sentence alone adds to its statement (its own qualifiers). */
  qualifiers: Qualifier[];
  /** The dataset record this evidence is; null for a sentence or a registry. */
  record: CitationRecord | null;
}

/** A dataset record as a citation shows it; its id is its citation's, so a client cache keeps it apart. */
export interface CitationRecord {
  id: string;
  file: string;
  line: number;
  key: string;
  fields: Qualifier[];
}

/** The record a citation (by its id) shows. */
const citationRecord = (
  citationId: string,
  record: { file: string; line: number; key: string; fields: Record<string, string> },
): CitationRecord => ({ id: `${citationId}/record`, ...record, fields: toQualifiers(record.fields) });

/** The record of a stored dataset citation, or null for any other. */
function storedRecord(props: StoredCitation & { citeId: string }): CitationRecord | null {
  if (!props.citeFile) return null;
  return citationRecord(props.citeId, {
    file: props.citeFile,
    line: Number(props.citeLine),
    key: String(props.citeRecordKey),
    fields: JSON.parse(props.citeRecordFields || '{}') as Record<string, string>,
  });
}

/** Where an article states an exported fact, and the fact in the project's words. */
export interface ArticleFactCitation {
  id?: string;
  source: string;
  section: string;
  paragraph: number;
  sentence: number;
  statement: string;
  hedge?: string;
  /** Present when the sentence implies rather than says the fact. */
  reading?: 'inference';
  /** What this sentence alone says of the fact, when it is one of several. */
  qualifiers?: Record<string, QualifierValue>;
}

/** An exported registry identifier is cited by its record. */
export interface RegistryFactCitation {
  source: string;
  url: string;
}

/** Where a dataset states an exported fact: the record, its fields, and the fact in our words. */
export interface RecordFactCitation {
  id?: string;
  source: string;
  file: string;
  line: number;
  key: string;
  fields: Record<string, string>;
  statement: string;
  qualifiers?: Record<string, QualifierValue>;
}

export type FactCitation = ArticleFactCitation | RegistryFactCitation | RecordFactCitation;

export interface Qualifier {
  key: string;
  value: string;
}

export type SourceIndex = Map<string, StoredSource>;

export const indexSources = (sources: StoredSource[]): SourceIndex => new Map(sources.map((s) => [s.id, s]));

/** The citation properties stored on a node or relationship; the API reads the same names. */
export function storedCitation(source: string, citation: SeedCitation, id: string): StoredCitation {
  if (isRecordCitation(citation))
    return {
      citeId: id,
      citeSource: source,
      citeSection: null,
      citeParagraph: null,
      citeSentence: null,
      citeStatement: citation.statement,
      citeHedge: null,
      citeReading: null,
      citeFile: citation.file,
      citeLine: citation.line,
      citeRecordKey: citation.key,
      citeRecordFields: JSON.stringify(citation.fields),
    };
  return {
    citeId: id,
    citeSource: source,
    citeSection: citation.section,
    citeParagraph: citation.paragraph,
    citeSentence: citation.sentence,
    citeStatement: citation.statement,
    citeHedge: citation.hedge ?? null,
    citeReading: citation.reading === 'inference' ? 'inference' : null,
  };
}

/** Every piece of evidence of a stored statement, first one first; one for an element without a list. */
export function storedEvidence(props: StoredStatement): StoredEvidence[] {
  if (props.citeEvidence) return JSON.parse(props.citeEvidence) as StoredEvidence[];
  return [{ ...props, citeId: props.citeId ?? '', citeQualifiers: {} }];
}

/** Link to the section of an article: "Lead" is the top of the page. */
export function sectionUrl(source: StoredSource, section: string | null): string {
  if (!section || section === 'Lead') return source.url;
  return `${source.url}#${encodeURIComponent(section.replace(/ /g, '_'))}`;
}

/**
 * Link to a dataset record: its line in the upstream repository at the recorded commit (the
 * project's copy is byte for byte that file). A source without an origin links to itself.
 */
export function recordUrl(source: StoredSource, file: string, line: number): string {
  if (!source.originRepository || !source.originCommit) return source.url;
  const name = file.slice(file.lastIndexOf('/') + 1);
  const path = (source.originPath ?? '').replace(/^\/+|\/+$/g, '');
  return `${source.originRepository.replace(/\/+$/, '')}/blob/${source.originCommit}/${path ? `${path}/` : ''}${name}#L${line}`;
}

function sourceOf(id: string, sources: SourceIndex): StoredSource {
  const source = sources.get(id);
  if (!source) throw new Error(`fact cites unknown source ${id}`);
  return source;
}

/** The API's Citation of a stored node or relationship (its first evidence), or of one evidence. */
export function toCitation(
  props: StoredCitation & { citeQualifiers?: Record<string, QualifierValue> },
  sources: SourceIndex,
): Citation {
  const source = sourceOf(props.citeSource, sources);
  const section = props.citeSection ?? null;
  if (!props.citeId)
    throw new Error(`a stored citation of ${props.citeSource} lacks its id: the query read too little`);
  return {
    id: props.citeId,
    source,
    section,
    paragraph: props.citeParagraph ?? null,
    sentence: props.citeSentence ?? null,
    url: props.citeFile ? recordUrl(source, props.citeFile, Number(props.citeLine)) : sectionUrl(source, section),
    statement: props.citeStatement,
    hedge: props.citeHedge ?? null,
    reading: props.citeReading === 'inference' ? 'INFERENCE' : 'DIRECT',
    qualifiers: toQualifiers(props.citeQualifiers ?? {}),
    record: storedRecord({ ...props, citeId: props.citeId }),
  };
}

/** The API's citations of a stored statement: all of its evidence, first one first. */
export const toCitations = (props: StoredStatement, sources: SourceIndex): Citation[] =>
  storedEvidence(props).map((evidence) => toCitation(evidence, sources));

/**
 * The first citation of a stored statement, as its evidence list gives it (with what that
 * sentence says beyond the statement), so `citation` and `citations[0]` are one object.
 */
export const firstCitation = (props: StoredStatement, sources: SourceIndex): Citation =>
  toCitation(storedEvidence(props)[0]!, sources);

/** The exported citation of a stored node or relationship (a hedge only when there is one). */
export function articleFactCitation(
  props: StoredCitation & { citeQualifiers?: Record<string, QualifierValue> },
): ArticleFactCitation {
  const qualifiers = props.citeQualifiers ?? {};
  return {
    ...(props.citeId ? { id: String(props.citeId) } : {}),
    source: String(props.citeSource),
    section: String(props.citeSection),
    paragraph: Number(props.citeParagraph),
    sentence: Number(props.citeSentence),
    statement: String(props.citeStatement),
    ...(props.citeHedge ? { hedge: String(props.citeHedge) } : {}),
    ...(props.citeReading === 'inference' ? { reading: 'inference' as const } : {}),
    ...(Object.keys(qualifiers).length ? { qualifiers } : {}),
  };
}

/** The exported citation of a stored dataset record. */
export function recordFactCitation(
  props: StoredCitation & { citeQualifiers?: Record<string, QualifierValue> },
): RecordFactCitation {
  const qualifiers = props.citeQualifiers ?? {};
  return {
    ...(props.citeId ? { id: String(props.citeId) } : {}),
    source: String(props.citeSource),
    file: String(props.citeFile),
    line: Number(props.citeLine),
    key: String(props.citeRecordKey),
    fields: JSON.parse(props.citeRecordFields || '{}') as Record<string, string>,
    statement: String(props.citeStatement),
    ...(Object.keys(qualifiers).length ? { qualifiers } : {}),
  };
}

/** The exported citation of a stored sentence or record, whichever it is. */
export const factCitation = (
  props: StoredCitation & { citeQualifiers?: Record<string, QualifierValue> },
): ArticleFactCitation | RecordFactCitation =>
  props.citeFile ? recordFactCitation(props) : articleFactCitation(props);

/** The exported citation of a stored identifier: its registry record. */
export function registryFactCitation(props: StoredIdentifier): RegistryFactCitation {
  return { source: String(props.citeSource), url: String(props.url) };
}

/**
 * The API's Citation of an exported fact. A registry record states no sentence, so its
 * statement says what the record holds.
 */
export function fromFactCitation(
  fact: { subject: string; predicate: string; value?: string | number; citation: FactCitation },
  sources: SourceIndex,
): Citation {
  const source = sources.get(fact.citation.source) as StoredSource;
  if ('file' in fact.citation) {
    const { qualifiers, fields, key, file, line, ...c } = fact.citation;
    if (!c.id) throw new Error(`an exported record citation of ${fact.subject} lacks its id`);
    return {
      ...c,
      id: c.id,
      source,
      section: null,
      paragraph: null,
      sentence: null,
      url: recordUrl(source, file, line),
      hedge: null,
      reading: 'DIRECT',
      qualifiers: toQualifiers(qualifiers ?? {}),
      record: citationRecord(c.id, { file, line, key, fields }),
    };
  }
  if ('url' in fact.citation) {
    return {
      id: `identifier:${fact.predicate.replace('identifier:', '')}:${String(fact.value)}`,
      source,
      section: null,
      paragraph: null,
      sentence: null,
      url: fact.citation.url,
      statement: `${fact.subject} has ${fact.predicate.replace('identifier:', '')} ${String(fact.value)} in ${source.title}.`,
      hedge: null,
      reading: 'DIRECT',
      qualifiers: [],
      record: null,
    };
  }
  const { qualifiers, ...c } = fact.citation;
  return {
    ...c,
    id: c.id ?? '',
    source,
    url: sectionUrl(source, c.section),
    hedge: c.hedge ?? null,
    reading: c.reading === 'inference' ? 'INFERENCE' : 'DIRECT',
    qualifiers: toQualifiers(qualifiers ?? {}),
    record: null,
  };
}

/** Qualifiers of a relationship by key, in the order of its stored key list. */
export function relationQualifierValues(props: StoredRelation): Record<string, QualifierValue> {
  const keys = props.qualifierKeys ?? [];
  return Object.fromEntries(
    keys.filter((key) => props[key] !== undefined && props[key] !== null).map((key) => [key, props[key]!]),
  );
}

/** Qualifiers of a literal by key, stored as JSON text. */
export function literalQualifierValues(props: StoredLiteral): Record<string, QualifierValue> {
  return JSON.parse(props.qualifiers || '{}') as Record<string, QualifierValue>;
}

const asText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** Qualifiers as the API shows them: a list is one text, its items joined by commas. */
export const toQualifiers = (values: Record<string, QualifierValue>): Qualifier[] =>
  Object.entries(values).map(([key, value]) => ({ key, value: asText(value) }));

export const relationQualifiers = (props: StoredRelation): Qualifier[] => toQualifiers(relationQualifierValues(props));

export const literalQualifiers = (props: StoredLiteral): Qualifier[] => toQualifiers(literalQualifierValues(props));
