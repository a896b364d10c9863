/**
 * The README's client examples (examples/*.ts) run against a real HTTP server, the way apps
 * call the API: plain fetch by GET with revalidation, urql with its defaults (GET), and Apollo
 * Client with PersistedQueryLink (hash by GET, the whole query once on PersistedQueryNotFound).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApolloClient, targetsByApollo } from '../examples/apollo.js';
import { drugBrandsByFetch } from '../examples/fetch.js';
import { analoguesByUrql } from '../examples/urql.js';
import { createHttpServer } from '../src/server/httpServer.js';
import { openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
let server: Server;
let endpoint: string;

beforeAll(async () => {
  await useStandardGraph(database);
  server = createHttpServer(testApi(database));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  // The first request starts the data version watcher; answers are tagged once it has read.
  for (let i = 0; i < 100 && !(await fetch(`${endpoint}?query={__typename}`)).headers.get('etag'); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

/** A fetch that records what each request was: method, the URL's parameters, the body. */
function recordingFetch() {
  const requests: { method: string; params: URLSearchParams; body: string | null; status: number }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    requests.push({
      method: init?.method ?? 'GET',
      params: new URL(String(input)).searchParams,
      body: typeof init?.body === 'string' ? init.body : null,
      status: response.status,
    });
    return response;
  };
  return { requests, fetchImpl };
}

describe('client examples', () => {
  it('fetch: a GET query, then a 304 revalidation with its ETag', async () => {
    const { drug, etag, revalidationStatus } = await drugBrandsByFetch(endpoint, 'Lioresal');
    expect(drug.id).toBe('drug:baclofen');
    expect(drug.brands.map((b) => b.name)).toContain('Lioresal');
    expect(etag).toMatch(/^W\//);
    expect(revalidationStatus).toBe(304);
  });

  it('urql with default settings sends the query by GET and gets baclofen analogues', async () => {
    const { requests, fetchImpl } = recordingFetch();
    const data = await analoguesByUrql(endpoint, 'baclofen', fetchImpl);
    expect(data.drug.id).toBe('drug:baclofen');
    expect(data.drug.analogues.map((a) => a.drug.id)).toContain('drug:phenibut');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(requests[0]!.params.get('query')).toMatch(/query Analogues/);
  });

  it('Apollo PersistedQueryLink: hash by GET, the query once by POST, then hash alone for a new client', async () => {
    const first = recordingFetch();
    const data = await targetsByApollo(createApolloClient(endpoint, first.fetchImpl), 'baclofen');
    expect(data.drug.targets.map((t) => t.target.id)).toContain('target:gaba-b-receptor');
    expect(first.requests.map((r) => [r.method, r.status])).toEqual([
      ['GET', 404],
      ['POST', 200],
    ]);
    expect(first.requests[0]!.params.get('query')).toBeNull();
    expect(JSON.parse(first.requests[0]!.params.get('extensions')!).persistedQuery.sha256Hash).toMatch(
      /^[0-9a-f]{64}$/,
    );
    expect(JSON.parse(first.requests[1]!.body!).query).toMatch(/query Targets/);

    const second = recordingFetch();
    const again = await targetsByApollo(createApolloClient(endpoint, second.fetchImpl), 'baclofen');
    expect(again).toEqual(data);
    expect(second.requests.map((r) => [r.method, r.status])).toEqual([['GET', 200]]);
    expect(second.requests[0]!.params.get('query')).toBeNull();
  });
});
