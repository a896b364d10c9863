/**
 * Hostile and broken requests: each is refused with a 4xx or a GraphQL error that says why,
 * the server stays healthy, and the graph (counts and data version) is unchanged. Every answer
 * a request of this file gets in-process is kept, and the last test checks them all: none is a
 * 5xx, and every error in them carries `extensions.code`. A flood of malformed requests or of
 * refusals writes a few log lines, not one per request.
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphVersion } from '../src/neo4j/meta.js';
import { loadConfig } from '../src/config.js';
import { apiOptionsFrom, createApi, type Api } from '../src/server/createApi.js';
import { createHttpServer } from '../src/server/httpServer.js';
import { MAX_VARIABLE_DEPTH, MAX_VARIABLE_VALUES } from '../src/server/useVariableLimits.js';
import { graphCounts, graphql, jsonPost, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

/** Every in-process answer of this file: what was sent, the status and the body. */
const answers: { sent: string; status: number; body: string }[] = [];

/** The API, with every answer it gives through `fetch` kept in `answers`. */
function watched(inner: Api): Api {
  const fetch = async (input: string, init?: RequestInit) => {
    const response = await inner.fetch(input, init ?? {});
    const body = await response.clone().text();
    const sent = `${init?.method ?? 'GET'} ${input.slice(0, 200)} ${String(init?.body ?? '').slice(0, 200)}`;
    answers.push({ sent, status: response.status, body });
    return response;
  };
  return new Proxy(inner, { get: (target, key) => (key === 'fetch' ? fetch : Reflect.get(target, key)) });
}

// Hostile text is about answers, not speed: a cold read on a busy machine may pass 5 s.
const database = openDatabase(30_000);
const api = watched(testApi(database));
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
    const restricted = watched(testApi(database, { CORS_ORIGINS: 'https://apps.example.org' }));
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
  const production = watched(testApi(database, { NODE_ENV: 'production' }));

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
    const switchedOn = watched(testApi(database, { NODE_ENV: 'production', INTROSPECTION: 'true' }));
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

/** JSON text nested `depth` deep (JSON.stringify itself overflows the stack on such values). */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedList = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const withQuery = (query: string, rest: string) => `{"query":${JSON.stringify(query)},${rest}}`;
const getUrl = (params: Record<string, string>) => `http://api/graphql?${new URLSearchParams(params).toString()}`;
const ACCEPT_JSON = { headers: { accept: 'application/json' } };

describe('variables are checked before anything reads them', () => {
  it('refuses variables and extensions nested 10,000 deep with 400 BAD_REQUEST, the response cache on', async () => {
    const deep = `variables must be nested at most ${MAX_VARIABLE_DEPTH} levels deep`;
    for (const variables of [nestedObject(10_000), `{"a":${nestedList(10_000)}}`]) {
      const result = await post(withQuery('query($a: [[Int]]) { meta { dataVersion } }', `"variables":${variables}`));
      expect(result.status).toBe(400);
      expect(result.json().errors).toEqual([{ message: deep, extensions: { code: 'BAD_REQUEST' } }]);
    }
    const extensions = await post(withQuery('{ meta { dataVersion } }', `"extensions":${nestedObject(10_000)}`));
    expect(extensions.status).toBe(400);
    expect(firstError(extensions)).toMatchObject({
      message: `extensions must be nested at most ${MAX_VARIABLE_DEPTH} levels deep`,
      extensions: { code: 'BAD_REQUEST' },
    });
    const get = await api.fetch(
      getUrl({ query: '{ meta { dataVersion } }', variables: nestedObject(1_000) }),
      ACCEPT_JSON,
    );
    expect(get.status).toBe(400);
    expect(await get.json()).toEqual({ errors: [{ message: deep, extensions: { code: 'BAD_REQUEST' } }] });
    await expectHealthy();
  });

  it(`refuses variables holding more than ${MAX_VARIABLE_VALUES} values`, async () => {
    const many = `[${Array.from({ length: 20_000 }, () => '0').join(',')}]`;
    const result = await post(
      withQuery('query($ids: [ID!]) { drugs(ids: $ids) { id } }', `"variables":{"ids":${many}}`),
    );
    expect(result.status).toBe(400);
    expect(firstError(result)).toEqual({
      message: `variables must hold at most ${MAX_VARIABLE_VALUES} values`,
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('answers variables within the bounds as before', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => (i === 0 ? 'drug:baclofen' : `drug:none-${i}`));
    let unused: unknown = 'leaf';
    for (let i = 0; i < MAX_VARIABLE_DEPTH; i++) unused = [unused];
    const { data, errors } = await graphql<{ drugs: ({ id: string } | null)[] }>(
      api,
      'query($ids: [ID!]) { drugs(ids: $ids) { id } }',
      { ids, unused },
    );
    expect(errors).toBeUndefined();
    expect(data!.drugs).toHaveLength(100);
    expect(data!.drugs[0]).toEqual({ id: 'drug:baclofen' });
  });

  it('answers a GET whose variables or extensions are not JSON with 400 BAD_REQUEST', async () => {
    for (const name of ['variables', 'extensions']) {
      // As the probe sent it: the JSON not even URL-encoded.
      const response = await api.fetch(
        `http://api/graphql?query=${encodeURIComponent('{meta{dataVersion}}')}&${name}={not`,
        ACCEPT_JSON,
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(new RegExp(`^the ${name} parameter is not valid JSON \\(.+\\): send it`)),
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    }
    await expectHealthy();
  });
});

describe('every error answer carries a code', () => {
  it('gives a subscription, by POST or by GET, BAD_REQUEST as a mutation gets', async () => {
    const byPost = await post(JSON.stringify({ query: 'subscription { x }' }));
    expect(firstError(byPost)).toMatchObject({
      message: 'Schema is not configured to execute subscription operation.',
      extensions: { code: 'BAD_REQUEST' },
    });
    const byGet = await api.fetch(getUrl({ query: 'subscription { x }' }), ACCEPT_JSON);
    expect(((await byGet.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'BAD_REQUEST',
    );
  });

  it('refuses a POST that no reader takes with 415 and a code, not an empty 415', async () => {
    for (const type of ['Application/JSON', 'application/graphql-response+json', 'application/json, text/plain']) {
      const result = await post('{"query":"{ meta { dataVersion } }"}', { 'content-type': type });
      expect(result.status, type).toBe(415);
      expect(firstError(result).extensions?.code).toBe('BAD_REQUEST');
    }
    const accepted = await post('{"query":"{ meta { dataVersion } }"}', { 'content-type': 'application/graphql+json' });
    expect(accepted.json().data).toEqual({ meta: { dataVersion: before.version } });
  });
});

/** A JSON POST of these bytes, as they are (not necessarily UTF-8). */
function bytesPost(bytes: number[]): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
    body: new Uint8Array(bytes),
  };
}

/** Inputs of the issue 19 probe and their kin, each sent as it is: none may be answered 5xx. */
const HOSTILE: [string, string, RequestInit][] = [
  ['GET, variables not JSON', `http://api/graphql?query={meta{dataVersion}}&variables={not`, ACCEPT_JSON],
  [
    'GET, variables 3,000 deep',
    getUrl({ query: '{ meta { dataVersion } }', variables: nestedObject(3_000) }),
    ACCEPT_JSON,
  ],
  ['GET, a mutation', getUrl({ query: 'mutation { x }' }), ACCEPT_JSON],
  ['GET, no query', 'http://api/graphql?query=', ACCEPT_JSON],
  ['GET, an unknown operation', getUrl({ query: '{ meta { dataVersion } }', operationName: 'Nope' }), ACCEPT_JSON],
  [
    'GET, an unknown persisted hash',
    getUrl({ extensions: '{"persistedQuery":{"version":1,"sha256Hash":"abc"}}' }),
    ACCEPT_JSON,
  ],
  [
    'POST, variables 10,000 deep',
    'http://api/graphql',
    jsonPost(withQuery('{ meta { dataVersion } }', `"variables":${nestedObject(10_000)}`)),
  ],
  [
    'POST, extensions 10,000 deep',
    'http://api/graphql',
    jsonPost(withQuery('{ meta { dataVersion } }', `"extensions":${nestedList(10_000)}`)),
  ],
  ['POST, a subscription', 'http://api/graphql', jsonPost('{"query":"subscription { x }"}')],
  ['POST, variables a string', 'http://api/graphql', jsonPost('{"query":"{ meta { dataVersion } }","variables":"x"}')],
  ['POST, variables a list', 'http://api/graphql', jsonPost('{"query":"{ meta { dataVersion } }","variables":[1]}')],
  ['POST, body null', 'http://api/graphql', jsonPost('null')],
  ['POST, body a number', 'http://api/graphql', jsonPost('42')],
  ['POST, body a string', 'http://api/graphql', jsonPost('"{ meta { dataVersion } }"')],
  ['POST, body empty', 'http://api/graphql', jsonPost('')],
  ['POST, a batch', 'http://api/graphql', jsonPost('[{"query":"{ meta { dataVersion } }"}]')],
  ['POST, query a number', 'http://api/graphql', jsonPost('{"query":1}')],
  [
    'POST, operationName an object',
    'http://api/graphql',
    jsonPost('{"query":"{ meta { dataVersion } }","operationName":{}}'),
  ],
  [
    'POST, __proto__ in variables',
    'http://api/graphql',
    jsonPost(
      '{"query":"query($n: Int) { search(query: \\"a\\", first: $n) { score } }","variables":{"__proto__":{"n":1000}}}',
    ),
  ],
  [
    'POST, an object for an ID',
    'http://api/graphql',
    jsonPost('{"query":"query($id: ID!) { drug(id: $id) { id } }","variables":{"id":{"a":[1]}}}'),
  ],
  [
    'POST, 1e308 for an Int',
    'http://api/graphql',
    jsonPost('{"query":"query($n: Int) { facts(first: $n) { totalCount } }","variables":{"n":1e308}}'),
  ],
  [
    'POST, an Int literal too large',
    'http://api/graphql',
    jsonPost('{"query":"{ facts(first: 99999999999999999999) { totalCount } }"}'),
  ],
  ['POST, a lone surrogate', 'http://api/graphql', jsonPost('{"query":"{ drug(name: \\"\\ud800\\") { id } }"}')],
  ['POST, a NUL in the query', 'http://api/graphql', jsonPost('{"query":"{ meta\\u0000 { dataVersion } }"}')],
  [
    'POST, selections 1,000 deep',
    'http://api/graphql',
    jsonPost(JSON.stringify({ query: `${'{ a '.repeat(1_000)}${'}'.repeat(1_000)}` })),
  ],
  [
    'POST, an unknown persisted hash',
    'http://api/graphql',
    jsonPost('{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}'),
  ],
  [
    'POST, a persisted hash not matching its query',
    'http://api/graphql',
    jsonPost('{"query":"{ meta { dataVersion } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}'),
  ],
  [
    'POST, persistedQuery a string',
    'http://api/graphql',
    jsonPost('{"query":"{ meta { dataVersion } }","extensions":{"persistedQuery":"x"}}'),
  ],
  [
    'POST, invalid UTF-8',
    'http://api/graphql',
    bytesPost([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  ],
  [
    'POST, Application/JSON',
    'http://api/graphql',
    jsonPost('{"query":"{ meta { dataVersion } }"}', { 'content-type': 'Application/JSON' }),
  ],
  ['PUT', 'http://api/graphql', { ...jsonPost('{"query":"{ meta { dataVersion } }"}'), method: 'PUT' }],
];

describe('no hostile input is answered 5xx', () => {
  it.each(HOSTILE)('%s: a 4xx or an answer whose errors carry a code', async (_, url, init) => {
    const response = await api.fetch(url, init);
    expect(response.status).toBeLessThan(500);
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (response.status >= 400) expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors ?? []) expect(typeof error.extensions?.code).toBe('string');
  });
});

/** Sends `request` `times` times on one connection, pipelined; resolves with the answers' status lines. */
function pipelined(port: number, request: string, times: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request.repeat(times)));
    let text = '';
    const statuses = () => text.match(/HTTP\/1\.1 \d+/g) ?? [];
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (statuses().length >= times) socket.destroy();
    });
    socket.on('close', () => resolve(statuses()));
    socket.on('error', reject);
  });
}

/** A pino logger whose lines the test reads, and the bytes it wrote. */
function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  return { logger, lines, bytes: () => lines.reduce((n, line) => n + Buffer.byteLength(line), 0) };
}

describe('a flood of bad requests writes a few log lines, not one per request', () => {
  it('5,000 malformed requests to the HTTP server: two lines, the second with the count', async () => {
    const { logger, lines, bytes } = capturingLogger();
    const server = createHttpServer(createApi(apiOptionsFrom(loadConfig({}), database, logger)), { logger });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const REQUESTS = 5_000;
    const CONNECTIONS = 4;
    try {
      const { port } = server.address() as AddressInfo;
      const answered = await Promise.all(
        Array.from({ length: CONNECTIONS }, () =>
          pipelined(port, 'GET /ready HTTP/1.1\r\nHost: a b\r\n\r\n', REQUESTS / CONNECTIONS),
        ),
      );
      expect(answered.flat()).toEqual(Array.from({ length: REQUESTS }, () => 'HTTP/1.1 400'));
    } finally {
      // Closing writes the count still pending, as a shutdown does.
      await new Promise((resolve) => server.close(resolve));
    }
    console.log(`${REQUESTS} malformed requests wrote ${bytes()} bytes of log in ${lines.length} lines`);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toEqual([
      expect.objectContaining({ msg: 'malformed request', host: 'a b', count: 1, total: 1 }),
      expect.objectContaining({ msg: 'malformed request', count: REQUESTS - 1, total: REQUESTS }),
    ]);
    // At most one more line a minute: a minute of such a flood stays far under 100 KB.
    expect(bytes()).toBeLessThan(2_000);
  });

  it('200 refusals of each kind: a line per kind with the count, and no line per request', async () => {
    const { logger, lines, bytes } = capturingLogger();
    const flooded = createApi(apiOptionsFrom(loadConfig({}), database, logger));
    const citation = 'citation { statement url section hedge source { id title url licence } }';
    const costly = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: neighbourhood(id: "drug:baclofen", depth: 3) { nodes { id ${citation} } edges { id ${citation} } }`).join(' ')} }`;
    let deep = 'id';
    for (let i = 0; i < 20; i++) deep = `analogues { drug { ${deep} } }`;
    const KINDS: Record<string, () => RequestInit> = {
      QUERY_TOO_COSTLY: () => jsonPost(JSON.stringify({ query: costly })),
      QUERY_TOO_DEEP: () => jsonPost(JSON.stringify({ query: `{ drug(id: "drug:baclofen") { ${deep} } }` })),
      GRAPHQL_PARSE_FAILED: () => jsonPost('{"query":"{ meta {"}'),
      BAD_REQUEST: () => jsonPost(withQuery('{ meta { dataVersion } }', `"variables":${nestedObject(100)}`)),
      'HTTP 415': () => ({ ...jsonPost('query={}'), headers: { 'content-type': 'text/plain', 'content-length': '8' } }),
    };
    const TIMES = 200;
    for (const [kind, request] of Object.entries(KINDS)) {
      for (let i = 0; i < TIMES; i++) {
        const response = await flooded.fetch('http://api/graphql', request());
        expect(response.status, kind).toBeLessThan(500);
        await response.arrayBuffer();
      }
    }
    await flooded.dispose();
    console.log(`${TIMES} refusals of ${Object.keys(KINDS).length} kinds wrote ${bytes()} bytes of log`);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.filter((l) => l.msg === 'graphql')).toEqual([]);
    for (const kind of Object.keys(KINDS)) {
      expect(parsed.filter((l) => l.kind === kind).map((l) => [l.msg, l.count, l.total])).toEqual([
        ['request refused', 1, 1],
        ['request refused', TIMES - 1, TIMES],
      ]);
    }
    expect(bytes()).toBeLessThan(5 * 1_000);
  });
});

function jsonOrNull(text: string): { errors?: { extensions?: { code?: unknown } }[] } | null {
  try {
    return JSON.parse(text) as never;
  } catch {
    return null;
  }
}

describe('every answer this file got', () => {
  it('was not a 5xx, and every error in it carried a code', () => {
    expect(answers.length).toBeGreaterThan(60);
    const problems = answers.filter(({ status, body }) => {
      if (status >= 500) return true;
      const parsed = jsonOrNull(body);
      if (parsed === null) return status >= 400;
      if (status >= 400 && !parsed.errors?.length) return true;
      return (parsed.errors ?? []).some((error) => typeof error.extensions?.code !== 'string');
    });
    expect(problems.map(({ status, sent, body }) => `${status} ${sent} -> ${body.slice(0, 200)}`)).toEqual([]);
  });
});
