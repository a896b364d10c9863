/**
 * The cost model: what an operation's answer could hold, from the document and its variables,
 * with no database. Aliases add, lists multiply by their bounds, arguments beyond a resolver's
 * bound are costed at the bound, and hostile documents are costed quickly.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COOKBOOK } from '../../scripts/cookbook.js';
import { loadConfig } from '../../src/config.js';
import { createSchema } from '../../src/graphql/schema.js';
import { IDENTIFIER_NAMESPACES } from '../../src/model/vocabulary.js';
import { EXAMPLE_QUERIES } from '../../src/server/exampleQueries.js';
import { jsonLength } from '../../src/server/useAnswerSizeLimit.js';
import { costOf } from '../../src/server/useCostLimit.js';

const schema = createSchema();
/** The explorer page's operations (a browser module, untyped). */
const explorer = (await import('../../src/explorer/public/api.js' as string)) as Record<string, unknown>;
const defaults = loadConfig({});
const cost = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  costOf(schema, parse(query), operationName, variables);

const CITATION = 'citation { statement url section hedge source { id title url licence } }';
const FULL_NEIGHBOURHOOD = `nodes { id kind name synonyms description ${CITATION} } edges { id source target type qualifiers { key value } ${CITATION} }`;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('the cost of an operation', () => {
  it('counts every object and leaf, and multiplies lists by their bounds', () => {
    expect(cost('{ drug(name: "lioresal") { id name } }')).toBe(3);
    // 5 hits by `first`, each an object with an entity object holding one leaf.
    expect(cost('{ search(query: "x", first: 5) { entity { id } } }')).toBe(5 * (1 + 2));
    // The facts page holds `first` edges.
    expect(cost('{ facts(first: 7) { edges { cursor } } }')).toBe(1 + 7 * 2);
    // A batch holds one entry per input.
    expect(cost('{ drugs(ids: ["a", "b"], names: ["c"]) { id } }')).toBe(3 * 2);
  });

  it("bounds a path's nodes and hops by the maxHops of paths", () => {
    expect(cost('{ paths(from: "a", to: "b", first: 2, maxHops: 4) { nodes { id } hops { type } } }')).toBe(
      2 * (1 + 5 * 2 + 4 * 2),
    );
    // The schema's defaults: first 5, maxHops 3.
    expect(cost('{ paths(from: "a", to: "b") { length } }')).toBe(5 * 2);
  });

  it("adds aliases: issue 14's 30 depth-3 neighbourhoods cost 30 times one, far over the limit", () => {
    const one = cost(aliases(1, `neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} }`));
    const thirty = cost(aliases(30, `neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} }`));
    expect(thirty).toBe(30 * one);
    expect(one).toBeLessThan(defaults.MAX_COST);
    expect(thirty).toBeGreaterThan(10 * defaults.MAX_COST);
  });

  it('counts the whole neighbourhood read, however little is selected', () => {
    expect(cost('{ neighbourhood(id: "x") { centre { id } } }')).toBeGreaterThan(1_000);
  });

  it('costs a batch by identifier per value, at most the batch bound, and identifiers one per namespace', () => {
    expect(cost('{ entitiesByIdentifier(namespace: DOID, values: ["1", "2"]) { id } }')).toBe(2 * 2);
    const query = 'query($values: [String!]!) { entitiesByIdentifier(namespace: DOID, values: $values) { id } }';
    expect(cost(query, { values: Array.from({ length: 500 }, (_, i) => String(i)) })).toBe(100 * 2);
    expect(cost('{ entityByIdentifier(namespace: DOID, value: "2377") { identifiers { value } } }')).toBe(
      1 + IDENTIFIER_NAMESPACES.length * 2,
    );
  });

  it('reads arguments from variables, and costs a value beyond the bound at the bound', () => {
    const query = 'query($n: Int) { search(query: "x", first: $n) { score } }';
    expect(cost(query, { n: 3 })).toBe(3 * 2);
    // The resolver refuses 500 with BAD_USER_INPUT; the cost model must not refuse it first.
    expect(cost(query, { n: 500 })).toBe(50 * 2);
    expect(cost('{ search(query: "x", first: 2147483648) { score } }')).toBe(50 * 2);
  });

  it('honours @skip and @include', () => {
    const query =
      'query($big: Boolean!) { search(query: "x", first: 50) @include(if: $big) { score } meta { dataVersion } }';
    expect(cost(query, { big: false })).toBe(2);
    expect(cost(query, { big: true })).toBe(2 + 50 * 2);
  });

  it('on an interface, counts fragments on narrower types for the costliest type only', () => {
    const query = `{ entity(id: "x") { id ... on Drug { targets { action } } ... on Event { participants { role } } } }`;
    // id, plus the larger of Drug's targets (10 assumed, 2 each) and Event's participants (same).
    expect(cost(query)).toBe(1 + 1 + 10 * 2);
    const both = `{ entity(id: "x") { ... on Entity { id } ... on Drug { name } ... on Brand { name drug { id } } } }`;
    expect(cost(both)).toBe(1 + 1 + 1 + 2);
  });

  it('costs a fragment that doubles at every level, 40 levels deep, in milliseconds', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Drug { id }`
        : `fragment F${i} on Drug { a: analogues { drug { ...F${i + 1} } } b: analogues { drug { ...F${i + 1} } } }`,
    ).join('\n');
    const started = performance.now();
    const value = cost(`{ drug(id: "x") { ...F0 } }\n${fragments}`);
    // Walked once per fragment it takes 1-10 ms; walked once per path it would take 2^40 steps
    // (days). The bound lies far from both, so a loaded machine cannot make it flake.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(value).toBeGreaterThan(defaults.MAX_COST);
  });

  it('costs fragments on interfaces nested 40 deep in milliseconds', () => {
    let selection = 'id';
    for (let i = 0; i < 40; i++) selection = `... on Drug { relations { node { ${selection} } } } ... on Target { id }`;
    const started = performance.now();
    cost(`{ entity(id: "x") { ${selection} } }`);
    // 2-25 ms here; 2^40 steps walked path by path: the bound lies far from both.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('stops at a fragment cycle', () => {
    expect(cost('{ drug(id: "x") { ...A } } fragment A on Drug { analogues { drug { ...A } } }')).toBe(1 + 10 * 2);
  });

  it('is zero when no operation is chosen or a variable does not coerce', () => {
    expect(cost('query A { meta { dataVersion } } query B { meta { dataVersion } }')).toBe(0);
    expect(cost('query($n: Int) { search(query: "x", first: $n) { score } }', { n: 'ten' })).toBe(0);
  });

  it('lets every documented query through, and keeps lookups cheap', () => {
    for (const recipe of COOKBOOK) expect(cost(recipe.query), recipe.title).toBeLessThan(defaults.EXPENSIVE_COST);
    for (const name of ['DrugByName', 'AnalogueAffinities', 'Batch']) {
      expect(costOf(schema, parse(EXAMPLE_QUERIES), name, {})).toBeLessThan(defaults.EXPENSIVE_COST);
    }
    const variables = { id: 'drug:baclofen', query: 'bac', first: 10, from: 'a', to: 'b', maxHops: 5, target: 't' };
    const ids = Array.from({ length: 10 }, (_, i) => `drug:${i}`);
    // The explorer asks for fewer paths at the longest hop limit (pathsToAsk).
    const pathsToAsk = explorer.pathsToAsk as (maxHops: number) => number;
    const paths = { ...variables, first: pathsToAsk(variables.maxHops) };
    for (const [name, query] of Object.entries(explorer)) {
      if (typeof query === 'string')
        expect(cost(query, { ...(name === 'PATHS' ? paths : variables), ids }), name).toBeLessThan(defaults.MAX_COST);
    }
  });
});

describe('the length of an answer', () => {
  it('is its JSON length when no string needs escaping', () => {
    const answer = { drug: { id: 'drug:baclofen', year: 1962, ok: true, none: null, names: ['a', 'bc'] } };
    expect(jsonLength(answer, 10_000)).toBe(JSON.stringify(answer).length);
  });

  it('stops counting soon after the limit', () => {
    const huge = Array.from({ length: 100_000 }, () => 'x'.repeat(100));
    expect(jsonLength(huge, 1_000)).toBeLessThan(1_200);
  });
});
