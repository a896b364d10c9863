/**
 * Fairness between clients (issue 19): one client cannot hold the server's connections, nor run
 * more than its cost per second; expensive operations take turns in a bounded queue, fairly
 * between clients, while cheap queries never wait for them; and a burst of ordinary requests is
 * never refused by the read gate because a poll of the data version came late.
 */
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/neo4j/database.js';
import { createSchema } from '../src/graphql/schema.js';
import type { Api } from '../src/server/createApi.js';
import { createHttpServer, type HttpServerOptions } from '../src/server/httpServer.js';
import { costOf } from '../src/server/useCostLimit.js';
import { jsonPost, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** Asks in-process as the HTTP server does for a client at `clientAddress`. */
async function ask(api: Api, query: string, clientAddress?: string): Promise<Answer> {
  const response = await api.fetch(
    'http://api/graphql',
    jsonPost(JSON.stringify({ query })),
    clientAddress === undefined ? {} : { clientAddress },
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

const costOfQuery = (query: string) => costOf(createSchema(), parse(query), null, {});
const CHEAP = '{ drug(name: "lioresal") { id } }';

/** A database whose every read (or every read whose statement's name starts with `only`) takes `ms` longer. */
function slowDatabase(ms: number, only = ''): Database {
  const slow = openDatabase();
  const read = slow.read.bind(slow);
  slow.read = (async (...args: Parameters<Database['read']>) => {
    if (args[0].name.startsWith(only)) await new Promise((resolve) => setTimeout(resolve, ms));
    return read(...args);
  }) as Database['read'];
  return slow;
}

async function listening(api: Api, options: HttpServerOptions) {
  const server = createHttpServer(api, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A connection from `localAddress` that sends nothing; resolves once the server has accepted or answered it. */
function idle(
  port: number,
  localAddress: string,
): Promise<{ socket: Socket; said: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let said = '';
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('data', (chunk: Buffer) => (said += chunk.toString()));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      // A refused connection is answered at once; an admitted one stays quiet.
      setTimeout(() => resolve({ socket, said: () => said, closed }), 200);
    });
    socket.once('error', reject);
  });
}

const answered = (port: number, localAddress: string) =>
  new Promise<number>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () =>
      socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
    );
    let said = '';
    socket.on('data', (chunk: Buffer) => (said += chunk.toString()));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(said)?.[1] ?? 0)));
    socket.on('error', () => undefined);
  });

describe('connections per client', () => {
  it('refuses one connection too many from an address with 429, while another address is still answered', async () => {
    const { server, port } = await listening(testApi(database), { maxConnectionsPerClient: 3, maxConnections: 100 });
    const held: Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const connection = await idle(port, '127.0.0.2');
        expect(connection.said()).toBe('');
        held.push(connection.socket);
      }
      const extra = await idle(port, '127.0.0.2');
      await extra.closed;
      expect(extra.said()).toMatch(/^HTTP\/1\.1 429 Too Many Requests\r\n/);
      expect(extra.said()).toMatch(/\r\nretry-after: 1\r\n/);
      const body = JSON.parse(extra.said().slice(extra.said().indexOf('\r\n\r\n') + 4)) as {
        errors: { extensions: { code: string } }[];
      };
      expect(body.errors[0]!.extensions.code).toBe('TOO_MANY_CONNECTIONS');
      expect(await answered(port, '127.0.0.1')).toBe(200);
      // The held ones are still open and served.
      expect(held.every((socket) => !socket.destroyed)).toBe(true);
    } finally {
      for (const socket of held) socket.destroy();
      await close(server);
    }
  });

  it('makes room for a newcomer when the server is full by closing the idle connections of the biggest holder', async () => {
    const { server, port } = await listening(testApi(database), { maxConnectionsPerClient: 10, maxConnections: 4 });
    const hog: { socket: Socket; closed: Promise<void> }[] = [];
    try {
      for (let i = 0; i < 4; i++) hog.push(await idle(port, '127.0.0.2'));
      expect(await answered(port, '127.0.0.3')).toBe(200);
      await Promise.all(hog.map((connection) => connection.closed));
    } finally {
      for (const { socket } of hog) socket.destroy();
      await close(server);
    }
  });
});

describe('cost per second per client', () => {
  const QUERY = '{ search(query: "a", first: 50) { entity { id name } score } }';

  it('refuses a client over its cost per second with 429, Retry-After and RATE_LIMITED; other clients go on', async () => {
    const cost = costOfQuery(QUERY);
    const api = testApi(database, { CLIENT_COST_PER_SECOND: String(Math.floor(cost * 1.5)), RESPONSE_CACHE: 'false' });
    const answers = await Promise.all([1, 2, 3].map(() => ask(api, QUERY, '10.0.0.1')));
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    expect(refused[0]!.body.errors![0]).toMatchObject({
      message: expect.stringMatching(/^this client has asked for more than \d+ values' worth of work/),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect((await ask(api, QUERY, '10.0.0.2')).status).toBe(200);
    // A refused operation is not charged: a cheap one still fits in the client's second.
    expect((await ask(api, CHEAP, '10.0.0.1')).status).toBe(200);
  });

  it('keys clients by X-Forwarded-For only behind a trusted proxy', async () => {
    const cost = costOfQuery(QUERY);
    const env = { CLIENT_COST_PER_SECOND: String(Math.floor(cost * 1.5)), RESPONSE_CACHE: 'false' };
    const post = (port: number, forwardedFor: string) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ query: QUERY }),
      }).then((response) => response.status);
    const untrusting = await listening(testApi(database, env), {});
    const trusting = await listening(testApi(database, env), { trustedProxies: ['loopback'] });
    try {
      // Ignored: both requests are the one client at 127.0.0.1.
      const same = await Promise.all([post(untrusting.port, '203.0.113.5'), post(untrusting.port, '203.0.113.6')]);
      expect(same.sort()).toEqual([200, 429]);
      // Believed: two clients.
      const two = await Promise.all([post(trusting.port, '203.0.113.5'), post(trusting.port, '203.0.113.6')]);
      expect(two).toEqual([200, 200]);
    } finally {
      await close(untrusting.server);
      await close(trusting.server);
    }
  });
});

describe('the expensive-work queue', () => {
  const CITATION = 'citation { statement url section hedge source { id title url licence } }';
  const expensive = (id: string) =>
    `{ neighbourhood(id: "${id}", depth: 2) { nodes { id kind name synonyms description ${CITATION} } edges { id source target type ${CITATION} } } }`;

  it('queues expensive operations up to its cost and refuses beyond it, while cheap queries are answered at once', async () => {
    // Only the expensive operations are slow, so that the order things finish in says who waited.
    const slow = slowDatabase(1_000, 'neighbourhood');
    try {
      const cost = costOfQuery(expensive('drug:baclofen'));
      const api = testApi(slow, {
        MAX_EXPENSIVE_OPERATIONS: '1',
        EXPENSIVE_QUEUE_COST: String(cost),
        EXPENSIVE_TIME_SHARE: '1',
        RESPONSE_CACHE: 'false',
        // The queued one may wait as long as the machine needs.
        QUERY_TIMEOUT_MS: '30000',
      });
      const finished: string[] = [];
      const track = (name: string, answer: Promise<Answer>) =>
        answer.then((a) => {
          finished.push(name);
          return a;
        });
      const first = track('first', ask(api, expensive('drug:baclofen'), 'a'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const queued = track('queued', ask(api, expensive('drug:phenibut'), 'b'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const refused = await ask(api, expensive('drug:ghb'), 'c');
      const cheap = await track('cheap', ask(api, CHEAP, 'd'));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.errors![0]).toMatchObject({
        message: expect.stringMatching(
          /^the server is busy with other expensive operations \(the queue for them is full/,
        ),
        extensions: { code: 'SERVER_BUSY' },
      });
      expect(cheap.body).toEqual({ data: { drug: { id: 'drug:baclofen' } } });
      expect((await first).body.errors).toBeUndefined();
      expect((await queued).body.errors).toBeUndefined();
      expect(finished).toEqual(['cheap', 'first', 'queued']);
    } finally {
      await slow.close();
    }
  });

  it('serves waiting clients fairly: a client with one operation waits behind none of another client’s queue', async () => {
    const slow = slowDatabase(200);
    try {
      const cost = costOfQuery(expensive('drug:baclofen'));
      const api = testApi(slow, {
        MAX_EXPENSIVE_OPERATIONS: '1',
        EXPENSIVE_QUEUE_COST: String(cost * 10),
        EXPENSIVE_TIME_SHARE: '1',
        RESPONSE_CACHE: 'false',
        QUERY_TIMEOUT_MS: '30000',
      });
      const finished: string[] = [];
      const run = (name: string, id: string, client: string) =>
        ask(api, expensive(id), client).then((answer) => {
          expect(answer.body.errors, name).toBeUndefined();
          finished.push(name);
        });
      const greedy = [run('greedy 1', 'drug:baclofen', 'greedy')];
      await new Promise((resolve) => setTimeout(resolve, 100));
      greedy.push(run('greedy 2', 'drug:phenibut', 'greedy'), run('greedy 3', 'drug:ghb', 'greedy'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const other = run('other', 'drug:gabapentin', 'other');
      await Promise.all([...greedy, other]);
      expect(finished.indexOf('other')).toBeLessThan(finished.indexOf('greedy 2'));
    } finally {
      await slow.close();
    }
  }, 60_000);
});

describe('the read gate under a burst', () => {
  it('refuses no ordinary request when polls of the data version come late', async () => {
    // Each read, polls included, takes 150 ms: a poll due 200 ms after the last completes after
    // its period's deadline (250 ms), as polls did at 32 connections.
    const slow = slowDatabase(150);
    try {
      const api = testApi(slow, { DATA_VERSION_POLL_MS: '200', SWITCH_GRACE_MS: '50', RESPONSE_CACHE: 'false' });
      const statuses: Record<number, number> = {};
      for (let wave = 0; wave < 8; wave++) {
        const answers = await Promise.all(Array.from({ length: 16 }, () => ask(api, CHEAP)));
        for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, 37 * wave));
      }
      expect(statuses).toEqual({ 200: 128 });
    } finally {
      await slow.close();
    }
  }, 60_000);
});
