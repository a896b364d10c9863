/**
 * Statement reading
 *
 * How a statement reads from each of its ends. A statement is stated by its subject ("baclofen
 * is more potent than phenibut at GABAB"); seen from its object, a qualifier that words the
 * subject's side must be turned round to stay true ("phenibut is less potent than baclofen").
 * Each predicate whose qualifiers word one side names them here with their inverse; every other
 * qualifier (an aspect, a factor, a citation's locator) reads the same from both ends. Every
 * view of a statement from its object (the API's typed lists, conformance checks) reads through
 * this one table.
 */
import type { Predicate } from './predicates.js';
import type { QualifierValue } from './storedShapes.js';

/** Which way a relationship points, seen from the entity asked about. */
export type Direction = 'OUTGOING' | 'INCOMING';

/** An inverse wording: each value as the object would say it. */
type Inverse = Readonly<Record<string, string>>;

const both = (pairs: [string, string][]): Inverse =>
  Object.fromEntries(pairs.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]));

/** Per predicate, the qualifiers worded from the subject's side, with their inverse wording. */
export const INVERSE_WORDING: Partial<Record<Predicate, Readonly<Record<string, Inverse>>>> = {
  COMPARED_WITH: {
    outcome: both([
      ['more potent', 'less potent'],
      ['weaker', 'stronger'],
      ['superior', 'inferior'],
    ]),
  },
};

/** One qualifier's value as read from the end in `direction` (unchanged from the subject). */
export function qualifierSeenFrom(
  predicate: string,
  key: string,
  value: QualifierValue,
  direction: Direction,
): QualifierValue {
  if (direction === 'OUTGOING' || typeof value !== 'string') return value;
  const inverse = INVERSE_WORDING[predicate as Predicate]?.[key];
  if (!inverse) return value;
  const turned = inverse[value];
  if (turned === undefined) throw new Error(`${predicate} ${key} "${value}" has no inverse wording`);
  return turned;
}

/** A statement's qualifiers as read from the end in `direction`. */
export function qualifiersSeenFrom(
  predicate: string,
  qualifiers: Record<string, QualifierValue>,
  direction: Direction,
): Record<string, QualifierValue> {
  return Object.fromEntries(
    Object.entries(qualifiers).map(([key, value]) => [key, qualifierSeenFrom(predicate, key, value, direction)]),
  );
}

/** Whether some qualifier of this predicate reads differently from its object. */
export const readsDifferentlyFromObject = (predicate: string) => INVERSE_WORDING[predicate as Predicate] !== undefined;
