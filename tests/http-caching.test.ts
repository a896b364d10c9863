/**
 * Embedding over HTTP: queries by GET, ETags and 304s, Cache-Control, the in-memory response
 * cache, automatic persisted queries, compression and request ids, through a real HTTP server
 * over the test Neo4j.
 */
import { createHash } from 'node:crypto';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/server/httpServer.js';
import { openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
let server: Server;
let base: string;
let version: string;

const META = '{ meta { dataVersion } }';
const NEIGHBOURHOOD =
  '{ neighbourhood(id: "drug:baclofen", depth: 2) { nodes { id name } edges { type source target } } }';
const byGet = (query: string, extra = '') => `${base}/graphql?query=${encodeURIComponent(query)}${extra}`;

beforeAll(async () => {
  version = await useStandardGraph(database);
  // One version read at start and no polling, so that Neo4j reads can be counted exactly.
  server = createHttpServer(testApi(database, { DATA_VERSION_POLL_MS: '600000' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The first request starts the version watcher; answers are tagged once it has read.
  for (let i = 0; i < 100 && !(await fetch(byGet('{ __typename }'))).headers.get('etag'); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

/** A GET that returns the raw bytes and headers (fetch would decompress on its own). */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('queries by GET with HTTP caching', () => {
  it('answers a GET query with a weak ETag and public Cache-Control, and 304 to If-None-Match', async () => {
    const first = await fetch(byGet(META));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ data: { meta: { dataVersion: version } } });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('vary')).toMatch(/Accept-Encoding/i);

    const again = await fetch(byGet(META), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
    // A 304 still says which data version the answer the client holds was read from.
    expect(again.headers.get('x-data-version')).toBe(version);

    const otherTag = await fetch(byGet(META), { headers: { 'if-none-match': 'W/"something-else"' } });
    expect(otherTag.status).toBe(200);
  });

  it('gives the same answer the same tag by POST and by GET, and another answer another tag', async () => {
    const get = await fetch(byGet(META));
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: META }),
    });
    expect(post.headers.get('etag')).toBe(get.headers.get('etag'));
    const other = await fetch(byGet('{ drug(name: "baclofen") { id } }'));
    expect(other.headers.get('etag')).not.toBe(get.headers.get('etag'));
  });

  it('never caches an error answer', async () => {
    const response = await fetch(byGet('{ drug(name: "baclofen") { noSuchField } }'));
    const invalid = (await response.json()) as { errors: { message: string }[] };
    expect(invalid.errors[0]!.message).toMatch(/Cannot query field "noSuchField"/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    const userError = await fetch(byGet('{ neighbourhood(id: "drug:baclofen", depth: 9) { nodes { id } } }'));
    const body = (await userError.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(userError.headers.get('cache-control')).toBe('no-store');
    expect(userError.headers.get('etag')).toBeNull();
  });

  it('answers a repeated operation from the response cache, without reading Neo4j', async () => {
    const query = '{ drug(name: "phenibut") { id name brands { name } } }';
    const before = database.roundTrips;
    const first = await (await fetch(byGet(query))).json();
    expect(database.roundTrips - before).toBe(1);
    const second = await (await fetch(byGet(query))).json();
    const byPost = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(second).toEqual(first);
    expect(await byPost.json()).toEqual(first);
    expect(database.roundTrips - before).toBe(1);
  });

  it('keys the response cache on the operation: comments, spacing and field order make no new entry', async () => {
    const query = '{ drug(name: "gabapentin") { id name } }';
    const ask = async (text: string, variables?: object) =>
      (await fetch(byGet(text, variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''))).text();
    const before = database.roundTrips;
    const first = await ask(query);
    expect(database.roundTrips - before).toBe(1);
    for (let n = 0; n < 5; n++) {
      expect(await ask(`# request ${n}\nquery Named${n} {\n  drug(name: "gabapentin") {\n id,, name } }`)).toBe(first);
    }
    expect(await ask(query, { nonce: 7 })).toBe(first);
    expect(database.roundTrips - before).toBe(1);
    // Another field order is another answer (its keys follow the document), in the same entry.
    const reordered = await ask('{ drug(name: "gabapentin") { name id } }');
    expect(Object.keys(JSON.parse(reordered).data.drug)).toEqual(['name', 'id']);
    expect(database.roundTrips - before).toBe(2);
    // A document validation refuses is refused, though its operation is one that is cached.
    const invalid = (await (await fetch(byGet(`${query} fragment Unused on Drug { id }`))).json()) as object;
    expect(invalid).not.toHaveProperty('data');
    expect(JSON.stringify(invalid)).toContain('Fragment \\"Unused\\" is never used.');
  });
});

describe('compression', () => {
  it('gzips or brotli-compresses a large answer as negotiated, and leaves a small one plain', async () => {
    const plain = await rawGet(byGet(NEIGHBOURHOOD), {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.body.toString('utf8')) as { data: { neighbourhood: { nodes: unknown[] } } };
    expect(json.data.neighbourhood.nodes.length).toBeGreaterThan(20);

    const gzip = await rawGet(byGet(NEIGHBOURHOOD), { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(plain.body.length / 3);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    const br = await rawGet(byGet(NEIGHBOURHOOD), { 'accept-encoding': 'gzip;q=0.5, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const small = await rawGet(byGet(META), { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

describe('automatic persisted queries', () => {
  it('asks for the query once, then answers the hash alone by GET', async () => {
    const query = '{ drug(name: "pregabalin") { id name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
    const hashOnly = `${base}/graphql?extensions=${extensions}`;
    const unknown = (await (await fetch(hashOnly)).json()) as { errors: { message: string }[] };
    expect(unknown.errors[0]!.message).toBe('PersistedQueryNotFound');
    const registered = await fetch(`${hashOnly}&query=${encodeURIComponent(query)}`);
    expect(await registered.json()).toEqual({ data: { drug: { id: 'drug:pregabalin', name: 'Pregabalin' } } });
    const byHash = await fetch(hashOnly);
    expect(byHash.status).toBe(200);
    expect(await byHash.json()).toEqual({ data: { drug: { id: 'drug:pregabalin', name: 'Pregabalin' } } });
    expect(byHash.headers.get('etag')).toBe(registered.headers.get('etag'));
  });
});

describe('request ids', () => {
  it('echoes a usable x-request-id and replaces an unusable one', async () => {
    const kept = await fetch(byGet(META), { headers: { 'x-request-id': 'app-42.retry:1' } });
    expect(kept.headers.get('x-request-id')).toBe('app-42.retry:1');
    const long = 'a'.repeat(15_000);
    const replaced = await fetch(byGet(META), { headers: { 'x-request-id': long } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await fetch(`${base}/ready`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('static files', () => {
  it('serves the explorer with ETags and cytoscape under a versioned, immutable URL', async () => {
    const page = await fetch(`${base}/explorer`);
    const html = await page.text();
    const cytoscapeUrl = html.match(/src="(\/explorer\/vendor\/cytoscape-[\d.]+\.min\.js)"/)![1]!;
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const revalidated = await fetch(`${base}/explorer`, { headers: { 'if-none-match': page.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    const cytoscape = await fetch(`${base}${cytoscapeUrl}`);
    expect(cytoscape.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(cytoscape.headers.get('etag')).toMatch(/^W\//);
  });

  it('serves GraphiQL from its own bundle, with an ETag', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(html).toContain('Drug facts graph');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr\.net/);
    const revalidated = await fetch(`${base}/graphql`, {
      headers: { accept: 'text/html', 'if-none-match': page.headers.get('etag')! },
    });
    expect(revalidated.status).toBe(304);
  });
});
