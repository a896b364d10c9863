/**
 * Hostile and broken requests: each is refused with a 4xx or a GraphQL error that says why,
 * the server stays healthy, and the graph (counts and data version) is unchanged.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphVersion } from '../src/neo4j/meta.js';
import { graphCounts, graphql, jsonPost, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
let before: { counts: { nodes: number; relationships: number }; version: string | null };

beforeAll(async () => {
  await useStandardGraph(database);
  before = { counts: await graphCounts(database), version: await graphVersion(database) };
});

afterAll(async () => {
  expect(await graphCounts(database)).toEqual(before.counts);
  expect(await graphVersion(database)).toBe(before.version);
  await database.close();
});

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await api.fetch('http://api/graphql', jsonPost(body, headers));
  const text = await response.text();
  return {
    status: response.status,
    body: text,
    json: () => JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown },
  };
}

async function expectHealthy() {
  const { data } = await graphql<{ drug: { id: string } }>(api, '{ drug(name: "baclofen") { id } }');
  expect(data!.drug.id).toBe('drug:baclofen');
}

function firstError(result: Awaited<ReturnType<typeof post>>) {
  const body = result.json();
  expect(body.errors?.length).toBeGreaterThan(0);
  return body.errors![0]!;
}

describe('abusive operations are refused before they reach the database', () => {
  it('refuses deep nesting', async () => {
    let selection = 'id';
    for (let i = 0; i < 20; i++) selection = `analogues { drug { ${selection} } }`;
    const before = database.roundTrips;
    const result = await post(JSON.stringify({ query: `{ drug(id: "drug:baclofen") { ${selection} } }` }));
    expect(firstError(result)).toMatchObject({
      message: expect.stringMatching(/^Query depth limit of 12 exceeded/),
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
    expect(database.roundTrips).toBe(before);
    await expectHealthy();
  });

  it('refuses a thousand aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: drug(id: "drug:baclofen") { id }`).join(' ');
    const result = await post(JSON.stringify({ query: `{ ${aliases} }` }));
    expect(firstError(result)).toMatchObject({
      message: expect.stringMatching(/Token limit of 2000 exceeded/),
      extensions: { code: 'TOO_MANY_TOKENS' },
    });
    const fewer = Array.from({ length: 40 }, (_, i) => `a${i}: drug(id: "drug:baclofen") { id }`).join(' ');
    expect(firstError(await post(JSON.stringify({ query: `{ ${fewer} }` })))).toMatchObject({
      message: expect.stringMatching(/^Aliases limit of 30 exceeded/),
      extensions: { code: 'TOO_MANY_ALIASES' },
    });
    await expectHealthy();
  });

  it('refuses fragment cycles', async () => {
    const query = `query { drug(id: "drug:baclofen") { ...A } }
      fragment A on Drug { analogues { drug { ...B } } }
      fragment B on Drug { analogues { drug { ...A } } }`;
    const result = await post(JSON.stringify({ query }));
    expect(firstError(result).message).toMatch(/Cannot spread fragment "A" within itself via "B"|fragment/i);
    await expectHealthy();
  });

  it('refuses too many directives', async () => {
    const directives = Array.from({ length: 30 }, () => '@include(if: true)').join(' ');
    const result = await post(JSON.stringify({ query: `{ drug(id: "drug:baclofen") { id ${directives} } }` }));
    expect(firstError(result)).toMatchObject({
      message: expect.stringMatching(/^Directives limit of 20 exceeded/),
      extensions: { code: 'TOO_MANY_DIRECTIVES' },
    });
  });

  it('refuses a body above the size cap with 413, and a chunked POST of unknown length with 411', async () => {
    const huge = JSON.stringify({ query: `{ drug(name: "${'x'.repeat(70_000)}") { id } }` });
    const result = await post(huge);
    expect(result.status).toBe(413);
    expect(result.body).toContain('the request body is larger than 65536 bytes');
    const server = createServer(api);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.write('{"query": "{ meta ');
        request.end('{ dataVersion } }"}');
      });
      expect(status).toBe(411);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expectHealthy();
  });

  it('answers a huge string argument within the cap without harm', async () => {
    const { data, errors } = await graphql(
      api,
      'query($q: String!) { drug(name: $q) { id } search(query: "baclofen", first: 1) { entity { id } } }',
      {
        q: 'baclofen'.repeat(5_000),
      },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ drug: null, search: [{ entity: { id: 'drug:baclofen' } }] });
    const long = await graphql(api, 'query($q: String!) { search(query: $q) { score } }', { q: 'a'.repeat(500) });
    expect(long.errors![0]!.message).toBe('query must be at most 200 characters');
  });
});

describe('injection text is data, never Cypher', () => {
  const INJECTIONS = [
    "' OR 1=1 //",
    '}) MATCH (n) DETACH DELETE n //',
    '`) DETACH DELETE n //`',
    '$param',
    '"}) CALL db.clearQueryCaches() //',
    "drug:baclofen' OR '1'='1",
  ];

  it.each(INJECTIONS)('treats %j as a plain value in every string argument', async (text) => {
    const { data, errors } = await graphql<Record<string, unknown>>(
      api,
      `
        query ($t: String!, $id: ID!) {
          drug(name: $t) {
            id
          }
          byId: drug(id: $id) {
            id
          }
          entity(id: $id) {
            id
          }
          drugByIdentifier(namespace: CAS, value: $t) {
            id
          }
          drugs(ids: [$id], names: [$t]) {
            id
          }
          search(query: $t) {
            entity {
              id
            }
          }
          paths(from: $id, to: "drug:ghb") {
            length
          }
          neighbourhood(id: $id) {
            nodes {
              id
            }
          }
          sharedTargets(drug: $id) {
            drug {
              id
            }
          }
          compareAffinity(target: $id) {
            value
          }
          timeline(entity: $id) {
            name
          }
          facts(subject: $id) {
            totalCount
          }
        }
      `,
      { t: text, id: text },
    );
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({
      drug: null,
      byId: null,
      entity: null,
      drugByIdentifier: null,
      drugs: [null, null],
      paths: [],
      neighbourhood: null,
      sharedTargets: [],
      compareAffinity: [],
      timeline: [],
      facts: { totalCount: 0 },
    });
    // A predicate is a closed vocabulary: an unknown one is refused, naming the valid ones.
    const predicate = await graphql(api, 'query ($t: String!) { facts(predicate: $t) { totalCount } }', { t: text });
    expect(predicate.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(predicate.errors?.[0]?.message).toContain('is not known');
    expect(await graphCounts(database)).toEqual(before.counts);
  });
});

describe('malformed requests get a 4xx with a clear message', () => {
  it('refuses invalid JSON', async () => {
    const result = await post('{"query": "{ meta { dataVersion } "');
    expect(result.status).toBe(400);
    expect(firstError(result).message).toMatch(/POST body sent invalid JSON/);
  });

  it('refuses wrong argument types', async () => {
    const result = await post(
      JSON.stringify({ query: '{ paths(from: "drug:baclofen", to: "drug:ghb", maxHops: "three") { length } }' }),
    );
    expect(firstError(result).message).toMatch(/Int cannot represent non-integer value: "three"/);
    const variables = await post(
      JSON.stringify({ query: 'query($n: Int) { search(query: "x", first: $n) { score } }', variables: { n: 'ten' } }),
    );
    expect(firstError(variables).message).toMatch(/Variable "\$n" got invalid value "ten"/);
  });

  it('refuses unknown fields and unknown operations', async () => {
    expect(firstError(await post(JSON.stringify({ query: '{ drugz { id } }' }))).message).toMatch(
      /Cannot query field "drugz" on type "Query"/,
    );
    const unknownOp = await post(JSON.stringify({ query: 'query A { meta { dataVersion } }', operationName: 'B' }));
    expect(firstError(unknownOp).message).toBe('Could not determine what operation to execute.');
    const mutation = await post(JSON.stringify({ query: 'mutation { deleteEverything }' }));
    expect(firstError(mutation).message).toMatch(/Schema is not configured to execute mutation operation|mutation/i);
  });

  it('refuses oversized batches and pages', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `drug:x${i}`);
    const batch = await graphql(api, 'query($ids: [ID!]) { drugs(ids: $ids) { id } }', { ids });
    expect(batch.errors![0]).toMatchObject({
      message: 'drugs accepts at most 100 ids and names in all; got 101',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const paths = await graphql(api, '{ paths(from: "drug:baclofen", to: "drug:ghb", first: 500) { length } }');
    expect(paths.errors![0]!.message).toBe('first must be between 1 and 20; got 500');
    const facts = await graphql(api, '{ facts(first: 1000) { totalCount } }');
    expect(facts.errors![0]!.message).toBe('first must be between 1 and 100; got 1000');
    const depth = await graphql(api, '{ neighbourhood(id: "drug:baclofen", depth: 9) { nodes { id } } }');
    expect(depth.errors![0]!.message).toBe('depth must be between 1 and 3; got 9');
    await expectHealthy();
  });
});

describe('browser safety', () => {
  it('answers a query by GET with no special header, and refuses anything but a query by GET', async () => {
    const url = (query: string) => `http://api/graphql?query=${encodeURIComponent(query)}`;
    const allowed = await api.fetch(url('{ meta { dataVersion } }'), { headers: { accept: 'application/json' } });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { data: { meta: { dataVersion: string } } }).data.meta.dataVersion).toBe(
      before.version,
    );
    const mutation = await api.fetch(url('mutation { x }'), { headers: { accept: 'application/json' } });
    expect(mutation.status).toBe(405);
  });

  it('refuses form, multipart and text POSTs with 415, whatever headers they carry', async () => {
    const body = 'query=%7B%20meta%20%7B%20dataVersion%20%7D%20%7D';
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      const response = await api.fetch('http://api/graphql', {
        method: 'POST',
        headers: { 'content-type': type, 'content-length': String(body.length), 'x-graphql-yoga-csrf': '1' },
        body,
      });
      expect(response.status).toBe(415);
      const answer = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('allows only the configured CORS origins', async () => {
    const restricted = testApi(database, { CORS_ORIGINS: 'https://apps.example.org' });
    const preflight = (origin: string) =>
      restricted.fetch('http://api/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight('https://apps.example.org')).headers.get('access-control-allow-origin')).toBe(
      'https://apps.example.org',
    );
    expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example.com',
    );
  });
});

describe('production defaults', () => {
  const production = testApi(database, { NODE_ENV: 'production' });

  it('hides enum value suggestions too, in validation and in variable errors', async () => {
    const literal = await graphql(production, '{ search(query: "baclofen", kinds: [Drugg]) { score } }');
    expect(literal.errors![0]).toMatchObject({
      message: 'invalid value for argument "kinds" of "search": Value "Drugg" does not exist in "EntityKind" enum.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const variable = await graphql(production, 'query($k: [EntityKind!]) { search(query: "x", kinds: $k) { score } }', {
      k: ['Drugg'],
    });
    expect(variable.errors![0]).toMatchObject({
      message: 'Variable "$k" got invalid value "Drugg" at "k[0]"; Value "Drugg" does not exist in "EntityKind" enum.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const development = await graphql(api, '{ search(query: "baclofen", kinds: [Drugg]) { score } }');
    expect(development.errors![0]!.message).toMatch(/Did you mean the enum value "Drug"\?$/);
  });

  it('refuses introspection and hides field suggestions, unless switched on', async () => {
    const introspection = await graphql(production, '{ __schema { types { name } } }');
    expect(introspection.errors![0]!.message).toMatch(/GraphQL introspection has been disabled/);
    const typo = await graphql(production, '{ drugg(id: "drug:baclofen") { id } }');
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
    const development = await graphql(api, '{ drugg(id: "drug:baclofen") { id } }');
    expect(development.errors![0]!.message).toMatch(/Did you mean "drug"/);
    const switchedOn = testApi(database, { NODE_ENV: 'production', INTROSPECTION: 'true' });
    const allowed = await graphql<{ __schema: { queryType: { name: string } } }>(
      switchedOn,
      '{ __schema { queryType { name } } }',
    );
    expect(allowed.data!.__schema.queryType.name).toBe('Query');
  });

  it('does not serve GraphiQL in production', async () => {
    const page = await production.fetch('http://api/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).not.toBe(200);
    const dev = await api.fetch('http://api/graphql', { headers: { accept: 'text/html' } });
    expect(await dev.text()).toContain('Drug facts graph');
  });
});
