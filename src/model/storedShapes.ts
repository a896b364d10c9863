/**
 * Stored shapes
 *
 * The properties of what the loader writes to Neo4j and the API reads back, defined once:
 * seed/toGraph.ts builds these, src/graph/*.ts read them. A relationship's qualifiers vary by
 * predicate, so relationship properties are the citation plus an open set of qualifiers.
 */
import type { EntityKind, IdentifierNamespace, Unit } from './vocabulary.js';

export type QualifierValue = string | number | boolean | string[];

/**
 * Citation fields stored on every cited node and relationship (Neo4j drops null properties):
 * those of its first piece of evidence, so a reader wanting one citation needs no parsing.
 */
export interface StoredCitation {
  /** The evidence's id (absent in graphs loaded before statements had evidence). */
  citeId?: string | null;
  citeSource: string;
  citeSection?: string | null;
  citeParagraph?: number | null;
  citeSentence?: number | null;
  citeStatement: string;
  citeHedge?: string | null;
  /** 'inference' when the sentence implies the statement without saying it; absent: direct. */
  citeReading?: string | null;
}

/** One sentence's evidence for a statement: its citation and the qualifiers that sentence gives. */
export interface StoredEvidence extends StoredCitation {
  citeId: string;
  citeQualifiers: Record<string, QualifierValue>;
}

/**
 * What every statement (relationship or literal) stores beside its first citation: all of its
 * evidence, as JSON text of StoredEvidence[] (Neo4j properties cannot hold maps).
 */
export interface StoredStatement extends StoredCitation {
  evidence?: string | null;
  /** How many pieces of evidence, and how many of them are direct readings. */
  evidenceCount?: number | null;
  directEvidenceCount?: number | null;
}

export interface StoredEntity extends StoredCitation {
  id: string;
  kind: EntityKind;
  name: string;
  synonyms: string[];
  description: string;
  synonymsText: string;
  brandNames: string;
  year?: number | null;
  month?: number | null;
  day?: number | null;
  /** The last year of an event that spans years. */
  endYear?: number | null;
}

export interface StoredRelation extends StoredStatement {
  /** The statement's id. */
  factId: string;
  qualifierKeys: string[];
  [qualifier: string]: QualifierValue | null | undefined;
}

export interface StoredLiteral extends StoredStatement {
  /** The statement's id. */
  id: string;
  attribute: string;
  numberValue?: number | null;
  textValue?: string | null;
  low?: number | null;
  high?: number | null;
  unit?: Unit | null;
  comparator?: string | null;
  /** JSON text of the literal's qualifiers. */
  qualifiers: string;
}

export interface StoredIdentifier {
  key: string;
  namespace: IdentifierNamespace;
  value: string;
  url: string;
  citeSource: string;
}

export interface StoredSource {
  id: string;
  kind: 'article' | 'registry';
  title: string;
  url: string;
  licence: string;
}
