/**
 * Content-derived ids
 *
 * A fact's id is a hash of its content, so the same data always gives the same graph and the
 * same statement always gets the same id: the loader writes facts by these ids, and the checks
 * refuse two facts that would get one id (they would merge into one graph element).
 */
import { createHash } from 'node:crypto';
import type { Literal, Relation } from '../src/model/seedDocuments.js';

/** The first `length` hex digits of the SHA-256 of a value's JSON. */
export const contentHash = (value: unknown, length = 16) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);

/** A relationship's id is its content: the same statement always gets the same id. */
export const relationFactId = (r: Relation) =>
  `fact:${contentHash([r.subject, r.predicate, r.object, r.qualifiers, r.citation])}`;

/**
 * A literal's id is its content, like a relationship's. The comparator is left out (ids already
 * published stay as they are), so two literals that differ only in it share an id; checkSeed
 * refuses them as a duplicate rather than let the loader merge them into one node.
 */
export const literalId = (l: Literal) =>
  `literal:${contentHash([l.subject, l.attribute, l.value, l.low, l.high, l.unit, l.qualifiers, l.citation])}`;
