/**
 * Stored shapes
 *
 * The properties of what the loader writes to Neo4j and the API reads back, defined once:
 * seed/toGraph.ts builds these, src/graph/*.ts read them. A relationship's qualifiers vary by
 * predicate, so relationship properties are the citation plus an open set of qualifiers.
 */
import type { EntityKind, IdentifierNamespace, Unit } from './vocabulary.js';

/** Citation fields stored on every cited node and relationship (Neo4j drops null properties). */
export interface StoredCitation {
  citeSource: string;
  citeSection?: string | null;
  citeParagraph?: number | null;
  citeSentence?: number | null;
  citeStatement: string;
  citeHedge?: string | null;
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
}

export type QualifierValue = string | number | boolean | string[];

export interface StoredRelation extends StoredCitation {
  factId: string;
  qualifierKeys: string[];
  [qualifier: string]: QualifierValue | null | undefined;
}

export interface StoredLiteral extends StoredCitation {
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
