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
  /** A dataset record's file (`drugcentral/targets.tsv`); absent for a sentence. */
  citeFile?: string | null;
  /** The record's line in that file (the header is line 1). */
  citeLine?: number | null;
  /** The record's key, e.g. `GeneID 781 x DB00230`. */
  citeRecordKey?: string | null;
  /** JSON text of the record's fields that bear on the claim (name -> value as the file writes it). */
  citeRecordFields?: string | null;
}

/** One sentence's evidence for a statement: its citation and the qualifiers that sentence gives. */
export interface StoredEvidence extends StoredCitation {
  citeId: string;
  citeQualifiers: Record<string, QualifierValue>;
}

/**
 * What every statement (relationship or literal) stores beside its first citation: all of its
 * evidence, as JSON text of StoredEvidence[] (Neo4j properties cannot hold maps). Its name keeps
 * the `cite` prefix of storage, so no qualifier (a research statement's `evidence`) can shadow it.
 */
export interface StoredStatement extends StoredCitation {
  citeEvidence?: string | null;
  /** How many pieces of evidence, and how many of them are direct readings. */
  evidenceCount?: number | null;
  directEvidenceCount?: number | null;
}

export interface StoredEntity extends StoredCitation {
  id: string;
  kind: EntityKind;
  name: string;
  synonyms: string[];
  /**
   * JSON text of StoredAlias[]: each synonym with the sentence where the article uses it (absent
   * in graphs loaded before aliases were cited).
   */
  aliasesJson?: string | null;
  description: string;
  /** The synonyms, and every name written with Greek letters spelt out as a search spells them. */
  synonymsText: string;
  brandNames: string;
  year?: number | null;
  month?: number | null;
  day?: number | null;
  /** The last year of an event that spans years. */
  endYear?: number | null;
  /** JSON text of StoredDisagreement[]: where sources disagree about it (absent when they don't). */
  disagreementsJson?: string | null;
}

/** A reviewed disagreement between sources: how they differ, and every statement on each side. */
export interface StoredDisagreement {
  id: string;
  note: string;
  /** Statement (fact) ids, of relationships from the subject. */
  statements: string[];
}

/** One synonym of an entity and its citation: the sentence where the article uses that name. */
export interface StoredAlias extends StoredCitation {
  name: string;
  citeId: string;
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
  /** A dataset's identifier: the file, line and key of the record it was read from. */
  citeFile?: string | null;
  citeLine?: number | null;
  citeRecordKey?: string | null;
}

export interface StoredSource {
  id: string;
  kind: 'article' | 'page' | 'registry' | 'dataset';
  title: string;
  url: string;
  licence: string;
  /** A dataset's: how to cite it, the date of its data, the attribution its licence asks for. */
  citation?: string | null;
  asOf?: string | null;
  attribution?: string | null;
  /** A dataset's origin: the repository, commit and folder its files were copied from. */
  originRepository?: string | null;
  originCommit?: string | null;
  originPath?: string | null;
}

/**
 * Property names the loader writes beside a relationship's qualifiers. A qualifier by one of
 * these names would be overwritten in storage, so seed data may not use them (a `cite` prefix is
 * reserved as a whole).
 */
export const STORAGE_NAMES = [
  'id',
  'factId',
  'qualifierKeys',
  'qualifiers',
  'evidenceCount',
  'directEvidenceCount',
  'contentHash',
] as const;

/** Whether a qualifier key would collide with what the loader stores. */
export const isStorageName = (key: string) =>
  /^cite[A-Z]/.test(key) || (STORAGE_NAMES as readonly string[]).includes(key);
