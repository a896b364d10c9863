/**
 * The response cache's key (src/server/operationKey.ts): how a document is written cannot make
 * a new entry, what it asks for does; documents that validation would refuse differently get
 * no key; and no input makes building the key throw.
 */
import { Kind, parse, print, visit, type DocumentNode, type SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COOKBOOK } from '../../scripts/cookbook.js';
import { cacheBustingQuery } from '../../scripts/soakModes/cacheBusting.js';
import { EXAMPLE_QUERIES } from '../../src/server/exampleQueries.js';
import { operationKey, type OperationKey } from '../../src/server/operationKey.js';

const key = (query: string, variables: unknown = {}, operationName?: string, version = 'v1'): OperationKey | null =>
  operationKey(parse(query), operationName, variables, version);

/** Every document the project ships, each with the operation names it holds. */
const SHIPPED: { query: string; operationName?: string }[] = [
  ...COOKBOOK.map(({ query }) => ({ query })),
  ...['DrugByName', 'AnalogueAffinities', 'Batch'].map((operationName) => ({ query: EXAMPLE_QUERIES, operationName })),
  { query: cacheBustingQuery(0) },
];

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same document with the selections of every selection set in another order. */
function reordered(document: DocumentNode, seed: number): string {
  return print(
    visit(document, {
      SelectionSet: (node: SelectionSetNode) => ({ ...node, selections: shuffled(node.selections, seed++) }),
    }),
  );
}

describe('the key of a document does not depend on how it is written', () => {
  it.each(SHIPPED)(
    'for a shipped document: comments, spacing and field order ($operationName)',
    ({ query, operationName }) => {
      const original = key(query, {}, operationName)!;
      expect(original).not.toBeNull();
      const printed = print(parse(query));
      const commented = `# a comment\n${printed.replace(/\n/g, ' # another\n ,, ')}\n# the end`;
      expect(key(commented, {}, operationName)).toEqual(original);
      expect(key(printed.replace(/\n\s*/g, '\r\n\t  ').replace(/ \{/g, '{'), {}, operationName)).toEqual(original);
      for (let seed = 1; seed <= 5; seed++) {
        expect(key(reordered(parse(query), seed), {}, operationName)!.slot).toBe(original.slot);
      }
    },
  );

  it('ignores the name of a lone operation and the names of its fragments', () => {
    const plain = key('{ drug(name: "x") { id name } }');
    expect(key('query Lookup { drug(name: "x") { id name } }')).toEqual(plain);
    expect(key('query Lookup { drug(name: "x") { id name } }', {}, 'Lookup')).toEqual(plain);
    const spread = key('query A { drug(name: "x") { ...F } } fragment F on Drug { id name }');
    expect(key('query B { drug(name: "x") { ...G } } fragment G on Drug { id name }')).toEqual(spread);
    expect(key('{ drug(name: "x") { ... on Drug { id name } } }')).toEqual(spread);
  });

  it('ignores the order of arguments, of variable definitions and of keys in values', () => {
    expect(key('{ facts(first: 5, subject: "drug:baclofen") { totalCount } }')).toEqual(
      key('{ facts(subject: "drug:baclofen", first: 5) { totalCount } }'),
    );
    const query = 'query($a: String, $b: Int) { facts(subject: $a, first: $b) { totalCount } }';
    const swapped = 'query($b: Int, $a: String) { facts(subject: $a, first: $b) { totalCount } }';
    expect(key(swapped, { b: 5, a: 'x' })).toEqual(key(query, { a: 'x', b: 5 }));
    expect(key('{ drug(name: """x""") { id } }')).toEqual(key('{ drug(name: "x") { id } }'));
  });

  it('ignores variables the operation does not declare', () => {
    const query = 'query($n: String!) { drug(name: $n) { id } }';
    expect(key(query, { n: 'x', nonce: 1 })).toEqual(key(query, { n: 'x' }));
    expect(key('{ drug(name: "x") { id } }', { nonce: 2 })).toEqual(key('{ drug(name: "x") { id } }'));
  });

  it('keeps the order of fields in the variant, which the answer follows', () => {
    const a = key('{ drug(name: "x") { id name } }')!;
    const b = key('{ drug(name: "x") { name id } }')!;
    expect(b.slot).toBe(a.slot);
    expect(b.variant).not.toBe(a.variant);
  });
});

describe('the key does depend on what is asked', () => {
  it.each([
    ['another alias', '{ other: drug(name: "x") { id } }'],
    ['another argument', '{ drug(name: "y") { id } }'],
    ['another field', '{ drug(name: "x") { name } }'],
    ['a directive', '{ drug(name: "x") { id @skip(if: true) } }'],
  ])('%s', (_, query) => {
    expect(key(query)!.slot).not.toBe(key('{ drug(name: "x") { id } }')!.slot);
  });

  it('on the values of declared variables, and on the data version', () => {
    const query = 'query($n: String!) { drug(name: $n) { id } }';
    expect(key(query, { n: 'y' })!.slot).not.toBe(key(query, { n: 'x' })!.slot);
    expect(key(query, { n: [1, 2] })!.slot).not.toBe(key(query, { n: [2, 1] })!.slot);
    expect(key(query, { n: 'x' }, undefined, 'v2')!.slot).not.toBe(key(query, { n: 'x' })!.slot);
  });

  it('on the operation chosen, and on the other operations of a document that holds several', () => {
    const two = 'query A { drug(name: "x") { id } } query B { drug(name: "y") { id } }';
    expect(key(two, {}, 'A')!.slot).not.toBe(key(two, {}, 'B')!.slot);
    expect(key(two, {}, 'A')!.slot).not.toBe(key('query A { drug(name: "x") { id } }')!.slot);
    expect(key(two.replace('query B', 'query C'), {}, 'A')!.slot).not.toBe(key(two, {}, 'A')!.slot);
  });
});

describe('no key, and so no caching, for documents validation refuses in other ways', () => {
  it.each([
    ['an unused fragment', '{ drug(name: "x") { id } } fragment F on Drug { id }'],
    ['an unknown fragment', '{ drug(name: "x") { ...F } }'],
    ['a fragment cycle', '{ drug(name: "x") { ...F } } fragment F on Drug { ...G } fragment G on Drug { ...F }'],
    ['a directive on a fragment definition', '{ drug(name: "x") { ...F } } fragment F on Drug @x { id }'],
    ['two fragments of one name', '{ drug(name: "x") { ...F } } fragment F on Drug { id } fragment F on Drug { name }'],
    ['a type definition', '{ drug(name: "x") { id } } type T { a: Int }'],
  ])('%s', (_, query) => {
    expect(key(query)).toBeNull();
  });

  it('an operation name the document does not hold', () => {
    expect(key('query A { drug(name: "x") { id } }', {}, 'B')).toBeNull();
    expect(key('{ drug(name: "x") { id } }', {}, 'A')).toBeNull();
    expect(key('query A { __typename } query B { __typename }')).toBeNull();
  });

  it('a fragment spread into a huge document', () => {
    const levels = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Drug { ...F${i + 1} ...F${i + 1} }`);
    const bomb = `{ drug(name: "x") { ...F0 } } ${levels.join(' ')} fragment F40 on Drug { id }`;
    expect(key(bomb)).toBeNull();
  });

  it('variables nested too deep or too long, however deep: no key and no exception', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const query = 'query($n: String) { drug(name: $n) { id } }';
    expect(key(query, { n: deep })).toBeNull();
    expect(key(query, { n: 'x'.repeat(70_000) })).toBeNull();
    // Undeclared ones are never read, however deep.
    expect(key(query, { n: 'x', other: deep })).not.toBeNull();
  });

  it('keeps every shipped document keyed: none of them is refused', () => {
    for (const { query, operationName } of SHIPPED) expect(key(query, {}, operationName)).not.toBeNull();
    expect(parse(cacheBustingQuery(3)).definitions[0]!.kind).toBe(Kind.OPERATION_DEFINITION);
  });
});
