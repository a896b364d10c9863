/**
 * Shapes shared by the tools
 *
 * The API's own types, as the tools select them: an entity named by reference, a statement in
 * the shape of the bulk export (`Fact`), a statement seen from one entity (`Relation`) and an
 * entity's identifier in a registry or dataset (`Identifier`), each with the GraphQL selection that reads it and the zod shape that checks it. Results keep
 * the API's field names, so an answer through MCP reads like the same answer through GraphQL.
 */
import { z } from 'zod';
import { ENTITY_KINDS } from '../model/vocabulary.js';
import { PREDICATES } from '../model/predicates.js';
import {
  CitationShape,
  QualifierShape,
  renderCitation,
  renderQualifiers,
  SourceShape,
  type Citation,
} from './citations.js';

export const EntityKindShape = z.enum(ENTITY_KINDS);
export const RelationTypeShape = z.enum(Object.keys(PREDICATES) as [string, ...string[]]);

export const EntityRefShape = z.object({ id: z.string(), kind: EntityKindShape, name: z.string() });
export type EntityRef = z.infer<typeof EntityRefShape>;

/** The fields of a `Fact` the tools select. */
export const FACT_FIELDS =
  'id subject predicate object value low high unit qualifiers { key value } citations { ...McpCitation }';

export const FactShape = z.object({
  id: z.string().describe('The statement id (fact:..., literal:...), or an entity fact or identifier key'),
  subject: z.string(),
  predicate: z.string(),
  object: z.string().nullable(),
  value: z.string().nullable().describe('The value as JSON text, for literals'),
  low: z.number().nullable(),
  high: z.number().nullable(),
  unit: z.string().nullable(),
  qualifiers: z.array(QualifierShape),
  citations: z.array(CitationShape).describe('Every sentence that states it; empty only for registry identifiers'),
});
export type Fact = z.infer<typeof FactShape>;

/** The fields of a `Relation` the tools select. */
export const RELATION_FIELDS =
  'id statementId type direction node { id kind name } qualifiers { key value } citations { ...McpCitation }';

export const RelationShape = z.object({
  id: z.string(),
  statementId: z.string(),
  type: RelationTypeShape,
  direction: z.enum(['OUTGOING', 'INCOMING']),
  node: EntityRefShape,
  qualifiers: z.array(QualifierShape),
  citations: z.array(CitationShape),
});
export type Relation = z.infer<typeof RelationShape>;

/** The fields of an `Identifier` the tools select. */
export const IDENTIFIER_FIELDS = 'id namespace value url source { id title url licence kind }';

export const IdentifierShape = z.object({
  id: z.string().describe('identifier:<NAMESPACE>:<value>'),
  namespace: z.string().describe('The registry or dataset namespace: DRUGBANK, ENTREZ_GENE, DOID, MESH, ...'),
  value: z.string().describe('As the registry writes it: DB00181, 781, DOID:2377'),
  url: z.string().describe('The registry record, or the dataset line that states it'),
  source: SourceShape.describe('The registry or dataset it is cited to'),
});
export type Identifier = z.infer<typeof IdentifierShape>;

/** "- ENTREZ_GENE 781: <url> (Hetionet v1.0 (nodes), CC0 1.0)". */
export function renderIdentifier(identifier: Identifier): string {
  const { namespace, value, url, source } = identifier;
  return `- ${namespace} ${value}: ${url} (${source.title}, ${source.licence})`;
}

/** "1 path", "3 paths". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The evidence lines under a claim, indented. */
export function renderEvidence(citations: readonly Citation[], indent = '    '): string {
  return citations.map((c) => `${indent}${renderCitation(c)}`).join('\n');
}

/** A fact and its evidence: "drug:baclofen HAS halfLife 2-6 h [literal:...]". */
export function renderFact(fact: Fact): string {
  const what =
    fact.object ??
    (fact.low !== null || fact.high !== null ? `${fact.low ?? ''}-${fact.high ?? ''}` : (fact.value ?? ''));
  const unit = fact.unit ? ` ${fact.unit}` : '';
  const head = `- ${fact.subject} ${fact.predicate} ${what}${unit}${renderQualifiers(fact.qualifiers)} [${fact.id}]`;
  return fact.citations.length ? `${head}\n${renderEvidence(fact.citations)}` : head;
}

/** A relation read from the entity asked about, and its evidence. */
export function renderRelation(relation: Relation, from: string): string {
  const arrow =
    relation.direction === 'OUTGOING'
      ? `${from} ${relation.type} ${relation.node.name}`
      : `${relation.node.name} ${relation.type} ${from}`;
  return `- ${arrow}${renderQualifiers(relation.qualifiers)} [${relation.statementId}]\n${renderEvidence(relation.citations)}`;
}
