/**
 * Argument checks
 *
 * The one way a resolver refuses an argument, before any query runs: a GraphQL error with the
 * code BAD_USER_INPUT and a message saying what is allowed and what came.
 */
import { GraphQLError } from 'graphql';

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The value, if it is a whole number from `low` to `high`; else BAD_USER_INPUT naming the argument. */
export function inRange(name: string, value: number, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high)
    throw badInput(`${name} must be between ${low} and ${high}; got ${value}`);
  return value;
}

/**
 * The value, if it is one of `valid`; else BAD_USER_INPUT naming the argument, the value that
 * differs only in case when there is one, and every valid value.
 */
export function oneOf(name: string, value: string, valid: readonly string[]): string {
  if (valid.includes(value)) return value;
  const near = valid.find((v) => v.toLowerCase() === value.toLowerCase());
  throw badInput(
    `${name} ${JSON.stringify(value)} is not known${near ? `; did you mean ${near}?` : '.'} ` +
      `Valid values (meta.vocabularies lists their meanings): ${valid.join(', ')}`,
  );
}
