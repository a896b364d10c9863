/**
 * Answer replay (src/server/answerReplay.ts): a repeat of an answer the response cache keeps is
 * answered by the HTTP server, and reads exactly as yoga's answer did (status, headers, bytes),
 * with its own request id, its 304, its compression and its log line. What the response cache
 * does not keep is never replayed, and with the response cache off nothing is.
 */
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { answerReplayOf, type AnswerReplay } from '../src/server/answerReplay.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';
import { createHttpServer } from '../src/server/httpServer.js';
import { openDatabase, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const lines: Record<string, unknown>[] = [];
let server: Server;
let base: string;
let replay: AnswerReplay;

const LOOKUP = '{ drug(name: "lioresal") { id name brands { name } targets { target { name } action } } }';
const NEIGHBOURHOOD =
  '{ neighbourhood(id: "drug:baclofen", depth: 2) { nodes { id kind name } edges { type source target } } }';

beforeAll(async () => {
  await useStandardGraph(database);
  const logger = capturing(lines);
  const api = createApi(
    apiOptionsFrom(loadConfig({ RELEASE_DIR: '/nonexistent', DATA_VERSION_POLL_MS: '600000' }), database, logger),
  );
  replay = answerReplayOf(api)!;
  server = createHttpServer(api);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Answers are kept once the version watcher has read the version.
  for (let i = 0; i < 100 && !(await send('GET', '/graphql?query={__typename}')).headers.etag; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

/** A logger whose lines land in `into`. */
function capturing(into: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      into.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return pino({ level: 'info' }, sink);
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request over node:http, its raw bytes and headers (no decompression). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request(`${base}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const post = (query: string, headers: Record<string, string> = {}) =>
  send('POST', '/graphql', { 'content-type': 'application/json', ...headers }, JSON.stringify({ query }));

/** The headers that must read the same on yoga's answer and its replay. */
const comparable = ({ date: _date, 'x-request-id': _id, ...rest }: IncomingHttpHeaders) => rest;

/** Sends `ask` until one answer came from yoga and the next from the replay; returns both. */
async function yogaThenReplay(ask: () => Promise<Answer>): Promise<{ yoga: Answer; replayed: Answer }> {
  const before = replay.served;
  const yoga = await ask();
  expect(replay.served).toBe(before);
  const replayed = await ask();
  expect(replay.served).toBe(before + 1);
  return { yoga, replayed };
}

describe('answer replay at the HTTP layer', () => {
  it("replays a repeated POST with yoga's status, headers and bytes, under its own request id", async () => {
    const { yoga, replayed } = await yogaThenReplay(() => post(LOOKUP));
    expect(yoga.status).toBe(200);
    expect(JSON.parse(yoga.body.toString()).data.drug.id).toBe('drug:baclofen');
    expect(replayed.status).toBe(200);
    expect(replayed.body.equals(yoga.body)).toBe(true);
    expect(comparable(replayed.headers)).toEqual(comparable(yoga.headers));
    expect(replayed.headers.etag).toMatch(/^W\//);
    expect(replayed.headers['x-data-version']).toBe(yoga.headers['x-data-version']);
    expect(replayed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replayed.headers['x-request-id']).not.toBe(yoga.headers['x-request-id']);
    // A usable id sent by the client is echoed, as yoga does.
    const echoed = await post(LOOKUP, { 'x-request-id': 'client-42' });
    expect(echoed.headers['x-request-id']).toBe('client-42');
    expect(echoed.body.equals(yoga.body)).toBe(true);
  });

  it('logs the replayed operation as yoga logs a cache hit', async () => {
    const query = 'query ReplayLogged { drug(id: "drug:baclofen") { name } }';
    await yogaThenReplay(() => post(query, { 'x-request-id': 'logged-1' }));
    const logged = lines.filter((line) => line.msg === 'graphql' && line.operationName === 'ReplayLogged');
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatchObject({ requestId: 'logged-1', dbTimeMs: 0, roundTrips: 0, errors: [] });
    expect(Object.keys(logged[1]!)).toEqual(Object.keys(logged[0]!));
  });

  it("answers If-None-Match with the tag by a 304 whose headers are yoga's", async () => {
    const query = '{ drug(id: "drug:phenibut") { name } }';
    const path = `/graphql?query=${encodeURIComponent(query)}`;
    const { yoga } = await yogaThenReplay(() => send('GET', path));
    const tag = yoga.headers.etag!;
    const before = replay.served;
    const notModified = await send('GET', path, { 'if-none-match': tag });
    expect(replay.served).toBe(before + 1);
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    // yoga's own 304: the same operation by another key (an Accept the replay has not seen).
    const fromYoga = await send('GET', path, { 'if-none-match': tag, accept: 'application/json' });
    expect(replay.served).toBe(before + 1);
    expect(fromYoga.status).toBe(304);
    expect(comparable(notModified.headers)).toEqual(comparable(fromYoga.headers));
  });

  it('keeps CORS and Accept apart: each origin and media type is its own entry, as yoga answered it', async () => {
    for (const headers of [
      { origin: 'https://app.example' },
      { accept: 'application/graphql-response+json' },
    ] as Record<string, string>[]) {
      const { yoga, replayed } = await yogaThenReplay(() => post(LOOKUP, headers));
      expect(comparable(replayed.headers)).toEqual(comparable(yoga.headers));
      expect(replayed.body.equals(yoga.body)).toBe(true);
    }
    const cors = await post(LOOKUP, { origin: 'https://app.example' });
    expect(cors.headers['access-control-allow-origin']).toBeDefined();
    const typed = await post(LOOKUP, { accept: 'application/graphql-response+json' });
    expect(typed.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
  });

  it('compresses a replayed answer as the client asks', async () => {
    const plain = await post(NEIGHBOURHOOD);
    expect(plain.body.length).toBeGreaterThan(1_024);
    // Another text of the same operation: the response cache answers it, the replay has not seen it.
    const { yoga, replayed } = await yogaThenReplay(() => post(`${NEIGHBOURHOOD} `, { 'accept-encoding': 'gzip' }));
    expect(replayed.headers['content-encoding']).toBe('gzip');
    expect(comparable(replayed.headers)).toEqual(comparable(yoga.headers));
    expect(gunzipSync(replayed.body).equals(plain.body)).toBe(true);
  });

  it('never replays what the response cache does not keep: errors and the release files', async () => {
    for (const query of ['{ drug(id: "drug:baclofen") { nosuchfield } }', '{ meta { releaseFiles { name } } }']) {
      const before = replay.served;
      const first = await post(query);
      const second = await post(query);
      expect(replay.served).toBe(before);
      expect(second.status).toBe(first.status);
    }
  });

  it('leaves a large or undeclared body to yoga, which refuses it as before', async () => {
    const huge = await send('POST', '/graphql', { 'content-type': 'application/json' }, 'x'.repeat(2_000_000));
    expect(huge.status).toBe(413);
    const chunked = await send(
      'POST',
      '/graphql',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      JSON.stringify({ query: LOOKUP }),
    );
    expect(chunked.status).toBe(411);
  });

  it('replays nothing when the response cache is off: every repeat is read from Neo4j', async () => {
    const coldLines: Record<string, unknown>[] = [];
    const cold = createApi(apiOptionsFrom(loadConfig({ RESPONSE_CACHE: 'false' }), database, capturing(coldLines)));
    expect(answerReplayOf(cold)).toBeUndefined();
    const coldServer = createHttpServer(cold);
    await new Promise<void>((resolve) => coldServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(coldServer.address() as AddressInfo).port}/graphql`;
      const body = JSON.stringify({ query: 'query ColdRepeat { drug(id: "drug:baclofen") { name } }' });
      for (let i = 0; i < 3; i++) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect(response.status).toBe(200);
      }
      const logged = coldLines.filter((line) => line.operationName === 'ColdRepeat');
      expect(logged).toHaveLength(3);
      for (const line of logged) expect(line.roundTrips).toBeGreaterThan(0);
    } finally {
      coldServer.closeAllConnections();
      await new Promise<void>((resolve) => coldServer.close(() => resolve()));
    }
  });
});
