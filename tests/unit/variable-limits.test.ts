/**
 * Variable limits: the walk that bounds a request's variables before anything else reads them
 * stops at the first bound passed, and cannot overflow the stack itself.
 */
import { describe, expect, it } from 'vitest';
import { MAX_VARIABLE_DEPTH, MAX_VARIABLE_VALUES, variablesProblem } from '../../src/server/useVariableLimits.js';

/** `levels` lists nested in a variable, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('variablesProblem', () => {
  it(`accepts ${MAX_VARIABLE_DEPTH} levels and refuses one more, in lists and objects alike`, () => {
    expect(variablesProblem({ a: nested(MAX_VARIABLE_DEPTH) })).toBeNull();
    expect(variablesProblem({ a: nested(MAX_VARIABLE_DEPTH + 1) })).toBe(
      `must be nested at most ${MAX_VARIABLE_DEPTH} levels deep`,
    );
    let object: unknown = 1;
    for (let i = 0; i < MAX_VARIABLE_DEPTH + 1; i++) object = { a: object };
    expect(variablesProblem({ a: object })).toMatch(/^must be nested/);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(variablesProblem({ a: nested(100_000) })).toMatch(/^must be nested/);
  });

  it(`accepts ${MAX_VARIABLE_VALUES} values and refuses one more`, () => {
    expect(variablesProblem({ ids: Array.from({ length: MAX_VARIABLE_VALUES - 1 }, () => 'x') })).toBeNull();
    expect(variablesProblem({ ids: Array.from({ length: MAX_VARIABLE_VALUES }, () => 'x') })).toBe(
      `must hold at most ${MAX_VARIABLE_VALUES} values`,
    );
  });

  it('has nothing to say about absent or scalar variables, which yoga checks', () => {
    for (const value of [undefined, null, 'x', 3]) expect(variablesProblem(value)).toBeNull();
    expect(variablesProblem({})).toBeNull();
  });
});
