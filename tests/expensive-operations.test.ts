/**
 * Expensive operations (issue 14): what an operation could return is bounded before it runs
 * (cost), after it runs (answer size) and across requests (how many expensive ones run at
 * once); every refusal carries a code, and an argument out of range is BAD_USER_INPUT naming
 * the argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/neo4j/database.js';
import { jsonPost, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);

beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function ask(target: typeof api, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await target.fetch('http://api/graphql', jsonPost(JSON.stringify({ query, variables })));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const CITATION = 'citation { statement url section hedge source { id title url licence } }';
const FULL_NEIGHBOURHOOD = `nodes { id kind name synonyms description ${CITATION} } edges { id source target type qualifiers { key value } ${CITATION} }`;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
/** Issue 14's probe: 8 KB of request asking for 5.7 MB of answer. */
const PROBE = aliases(30, `neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} }`);

describe('the cost limit', () => {
  it("refuses issue 14's 30 depth-3 neighbourhoods with QUERY_TOO_COSTLY before any query runs", async () => {
    const before = database.roundTrips;
    const answer = await ask(api, PROBE);
    expect(answer.body.errors).toHaveLength(1);
    const [refusal] = answer.body.errors!;
    expect(refusal).toMatchObject({
      message: expect.stringMatching(
        /^this operation could return up to \d+ values, over the limit of 100000: ask for fewer aliases, smaller lists \(first, maxHops, depth\) or fewer fields$/,
      ),
      extensions: { code: 'QUERY_TOO_COSTLY', maxCost: 100000 },
    });
    expect(refusal!.extensions!.cost).toBeGreaterThan(1_000_000);
    expect(database.roundTrips).toBe(before);
  });

  it('answers one of them whole', async () => {
    const answer = await ask(api, aliases(1, `neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} }`));
    expect(answer.body.errors).toBeUndefined();
    const neighbourhood = answer.body.data!.a0 as { nodes: unknown[]; edges: unknown[] };
    expect(neighbourhood.nodes.length).toBeGreaterThan(100);
    expect(neighbourhood.edges.length).toBeGreaterThan(100);
  });

  it('reads the variables: the same document is refused or answered by what they ask for', async () => {
    const query = `query($first: Int) { ${Array.from({ length: 30 }, (_, i) => `a${i}: search(query: "a", first: $first) { entity { id name description synonyms ${CITATION} } }`).join(' ')} }`;
    const small = await ask(testApi(database, { MAX_COST: '5000' }), query, { first: 1 });
    expect(small.body.errors).toBeUndefined();
    const large = await ask(testApi(database, { MAX_COST: '5000' }), query, { first: 50 });
    expect(large.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COSTLY');
  });
});

describe('arguments out of range', () => {
  it('are BAD_USER_INPUT naming the argument, literal or variable, not a cost', async () => {
    const literal = await ask(api, '{ search(query: "a", first: 2147483648) { score } }');
    expect(literal.body.errors).toEqual([
      expect.objectContaining({
        message:
          'invalid value for argument "first" of "search": Int cannot represent non 32-bit signed integer value: 2147483648',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    const variable = await ask(api, 'query($n: Int) { search(query: "a", first: $n) { score } }', { n: 2147483648 });
    expect(variable.body.errors![0]).toMatchObject({
      message:
        'Variable "$n" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const beyond = await ask(api, '{ search(query: "a", first: 500) { score } }');
    expect(beyond.body.errors![0]).toMatchObject({
      message: 'first must be between 1 and 50; got 500',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('refusals', () => {
  it('each carry a code', async () => {
    const deep = Array.from({ length: 14 }, () => 'analogues { drug {').join(' ') + ' id ' + '} }'.repeat(14);
    const bodies: [string, string][] = [
      ['QUERY_TOO_COSTLY', JSON.stringify({ query: PROBE })],
      ['QUERY_TOO_DEEP', JSON.stringify({ query: `{ drug(id: "x") { ${deep} } }` })],
      ['TOO_MANY_ALIASES', JSON.stringify({ query: aliases(31, 'meta { dataVersion }') })],
      ['TOO_MANY_DIRECTIVES', JSON.stringify({ query: `{ meta { dataVersion ${'@skip(if: false) '.repeat(21)}} }` })],
      ['TOO_MANY_TOKENS', JSON.stringify({ query: `{ ${'meta { dataVersion } '.repeat(600)} }` })],
      ['BAD_USER_INPUT', JSON.stringify({ query: '{ search(query: "a", first: 2147483648) { score } }' })],
      ['BAD_USER_INPUT', JSON.stringify({ query: '{ search(query: "a", kinds: [Drugg]) { score } }' })],
      ['GRAPHQL_VALIDATION_FAILED', JSON.stringify({ query: '{ drugg { id } }' })],
      ['GRAPHQL_PARSE_FAILED', JSON.stringify({ query: '{ meta { dataVersion }' })],
      ['BAD_REQUEST', JSON.stringify({ query: 'mutation { x }' })],
      ['BAD_REQUEST', '{"query": '],
      [
        'OPERATION_RESOLUTION_FAILURE',
        JSON.stringify({ query: 'query A { meta { dataVersion } }', operationName: 'B' }),
      ],
    ];
    for (const [code, body] of bodies) {
      const response = await api.fetch('http://api/graphql', jsonPost(body));
      const answer = (await response.json()) as Answer['body'];
      expect(answer.errors?.length, body.slice(0, 80)).toBeGreaterThan(0);
      for (const error of answer.errors!) expect(error.extensions?.code, body.slice(0, 80)).toBe(code);
    }
  });
});

describe('the answer size limit', () => {
  it('replaces an answer over the limit by RESPONSE_TOO_LARGE, and lets smaller ones through', async () => {
    const small = testApi(database, { MAX_RESPONSE_BYTES: '20000' });
    const big = await ask(small, `{ neighbourhood(id: "drug:baclofen", depth: 3) { ${FULL_NEIGHBOURHOOD} } }`);
    expect(big.body).toEqual({
      errors: [
        {
          message: 'the answer is larger than 20000 bytes; ask for fewer aliases, smaller lists or fewer fields',
          extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: 20000 },
        },
      ],
    });
    const lookup = await ask(small, '{ drug(name: "lioresal") { id } }');
    expect(lookup.body).toEqual({ data: { drug: { id: 'drug:baclofen' } } });
  });
});

describe('the expensive-work limit', () => {
  /** A database whose every read takes 300 ms longer, so that operations overlap for sure. */
  function slowDatabase(): Database {
    const slow = openDatabase();
    const read = slow.read.bind(slow);
    slow.read = (async (...args: Parameters<Database['read']>) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return read(...args);
    }) as Database['read'];
    return slow;
  }

  it('refuses an expensive operation the queue has no room for with 503 and Retry-After; cheap ones still run', async () => {
    const slow = slowDatabase();
    try {
      // No room to wait, and no rest between two: the queue and the time share are tests/fairness.test.ts's.
      const limited = testApi(slow, {
        MAX_EXPENSIVE_OPERATIONS: '1',
        EXPENSIVE_QUEUE_COST: '1',
        EXPENSIVE_TIME_SHARE: '1',
        RESPONSE_CACHE: 'false',
      });
      const expensive = `{ neighbourhood(id: "drug:baclofen", depth: 2) { ${FULL_NEIGHBOURHOOD} } }`;
      let firstAnswered = false;
      const first = ask(limited, expensive).finally(() => (firstAnswered = true));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [second, cheap] = await Promise.all([
        // Whether the first still held the slot when the refusal came: it was not waited for.
        ask(limited, expensive).then((answer) => ({ ...answer, whileFirstRan: !firstAnswered })),
        ask(limited, '{ drug(name: "lioresal") { id } }'),
      ]);
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(second.body.errors![0]).toMatchObject({
        message: expect.stringMatching(/^the server is busy with other expensive operations/),
        extensions: { code: 'SERVER_BUSY' },
      });
      expect(second.body.errors![0]!.extensions).not.toHaveProperty('http');
      expect(second.whileFirstRan).toBe(true);
      expect(cheap.body).toEqual({ data: { drug: { id: 'drug:baclofen' } } });

      expect((await first).body.errors).toBeUndefined();
      // The slot is free again once the first is answered.
      expect((await ask(limited, expensive)).body.errors).toBeUndefined();
    } finally {
      await slow.close();
    }
  });

  it('lets an answer from the response cache through while the slots are taken', async () => {
    const slow = slowDatabase();
    try {
      const limited = testApi(slow, { MAX_EXPENSIVE_OPERATIONS: '1' });
      const cached = `{ neighbourhood(id: "drug:ghb", depth: 2) { ${FULL_NEIGHBOURHOOD} } }`;
      // Wait for the data version to be known: nothing is cached before.
      for (let i = 0; i < 50 && (await ask(limited, cached)).headers.get('etag') === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await ask(limited, cached)).body.errors).toBeUndefined();
      const holding = ask(limited, `{ neighbourhood(id: "drug:baclofen", depth: 2) { ${FULL_NEIGHBOURHOOD} } }`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await ask(limited, cached);
      expect(again.status).toBe(200);
      expect(again.body.errors).toBeUndefined();
      expect((await holding).body.errors).toBeUndefined();
    } finally {
      await slow.close();
    }
  });
});
