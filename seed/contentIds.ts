/**
 * Content-derived ids
 *
 * Ids come from content, so the same data always gives the same graph:
 * - a statement's id is its claim (subject, predicate, object and the qualifiers that make it a
 *   different claim; for a literal, its value), so it stays the same when evidence is added,
 *   reworded or removed;
 * - a piece of evidence's id is everything its sentence says (the claim, its qualifiers and its
 *   citation), so the checks can refuse the same sentence given twice for one claim (the two
 *   would merge into one).
 */
import { createHash } from 'node:crypto';
import { PREDICATES } from '../src/model/predicates.js';
import type { Literal, Relation } from '../src/model/seedDocuments.js';

/** The first `length` hex digits of the SHA-256 of a value's JSON. */
export const contentHash = (value: unknown, length = 16) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);

/** A claim: what a statement id is made of. */
type Claim = Pick<Relation, 'subject' | 'predicate' | 'object' | 'qualifiers'>;

/** The qualifiers that tell one claim of a predicate from another, in a fixed order. */
const identityOf = (r: Claim) =>
  (PREDICATES[r.predicate].identity as readonly string[]).map((key) => r.qualifiers[key] ?? null);

/** The id of the statement a relation's sentence is evidence of. */
export const relationStatementId = (r: Claim) =>
  `fact:${contentHash([r.subject, r.predicate, r.object, ...identityOf(r)])}`;

/** The id of one sentence's evidence for a relation. */
export const relationEvidenceId = (r: Claim & { citation: object }) =>
  `cite:${contentHash([r.subject, r.predicate, r.object, r.qualifiers, r.citation])}`;

/**
 * The id of the statement a literal's sentence is evidence of: its subject, attribute and value
 * (qualifiers such as the agency that approved it are nuance of each sentence).
 */
export const literalStatementId = (l: Literal) =>
  `literal:${contentHash([l.subject, l.attribute, l.value, l.low, l.high, l.unit, l.comparator])}`;

/**
 * The id of one sentence's evidence for a literal. The comparator is left out, as it always was,
 * so two literals that differ only in it share an id; checkSeed refuses them as a duplicate.
 */
export const literalEvidenceId = (l: Literal) =>
  `cite:${contentHash([l.subject, l.attribute, l.value, l.low, l.high, l.unit, l.qualifiers, l.citation])}`;

/** The id of the sentence where the article uses one of an entity's synonyms. */
export const aliasEvidenceId = (entityId: string, name: string, locator: object) =>
  `cite:${contentHash([entityId, 'alias', name, locator])}`;

/** The id of the sentence that introduces an entity. */
export const entityEvidenceId = (e: { id: string; citation: object }) => `cite:${contentHash([e.id, e.citation])}`;
