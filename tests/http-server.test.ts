/**
 * The HTTP server in front of the API (issue 14): a malformed request is a 400 with no stack,
 * logged once; a method a path does not serve is a 405 with `Allow`; a slow client cannot hold
 * a socket past the request timeouts; connections beyond the cap are closed; and neither a huge
 * request id nor a huge operation name reaches the log or the answer whole.
 */
import { connect } from 'node:net';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { apiOptionsFrom, createApi } from '../src/server/createApi.js';
import { createHttpServer, type HttpServerOptions } from '../src/server/httpServer.js';
import { jsonPost, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
beforeAll(() => useStandardGraph(database));
afterAll(() => database.close());

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

async function listening(options: HttpServerOptions = {}, env: Record<string, string> = {}) {
  const server = createHttpServer(testApi(database, env), options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** Sends `text` as it is on a new connection; resolves with what came back when the server closes or goes quiet. */
function raw(port: number, text: string, quietMs = 500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    socket.on('close', done);
    socket.on('error', reject);
  });
}

describe('malformed requests', () => {
  const MALFORMED = [
    'GET /ready HTTP/1.1\r\nHost: a b\r\n\r\n',
    'GET /ready HTTP/1.1\r\nHost: [::1\r\n\r\n',
    'GET /ready HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n\r\n',
    'GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
  ];

  it.each(MALFORMED)('answer %j with 400, no stack and no paths, and are logged once', async (request) => {
    const { logger, lines } = capturingLogger();
    const { server, port } = await listening({ logger }, { NODE_ENV: 'production' });
    try {
      const answer = await raw(port, request);
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      expect(JSON.parse(body)).toEqual({
        errors: [{ message: expect.stringMatching(/^malformed request: /), extensions: { code: 'BAD_REQUEST' } }],
      });
      expect(answer).not.toMatch(/TypeError|Invalid URL|\n\s+at |\/work\/|node_modules/);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, msg: 'malformed request' });
      expect(lines[0]).not.toMatch(/"err"|\\n\s+at /);
    } finally {
      await close(server);
    }
  });
});

describe('methods', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const started = await listening();
    server = started.server;
    base = `http://127.0.0.1:${started.port}`;
  });
  afterAll(() => close(server));

  it.each(['DELETE', 'PUT', 'PATCH'])('%s /graphql is 405 with Allow', async (method) => {
    const response = await fetch(`${base}/graphql`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'METHOD_NOT_ALLOWED',
    );
  });

  it('DELETE /health and POST /ready are 405 with Allow; HEAD /health and a CORS preflight are answered', async () => {
    for (const [method, path] of [
      ['DELETE', '/health'],
      ['POST', '/ready'],
      ['PUT', '/explorer/'],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    }
    expect((await fetch(`${base}/health`, { method: 'HEAD' })).status).toBe(200);
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://apps.example.org', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });
});

describe('slow clients and many connections', () => {
  it('closes a connection whose headers or body come too slowly', async () => {
    const { server, port } = await listening({ headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 });
    try {
      const slowHeaders = (async () => {
        const started = performance.now();
        const answer = await raw(port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 5_000);
        return { answer, ms: performance.now() - started };
      })();
      const slowBody = new Promise<{ answer: string; ms: number }>((resolve) => {
        const started = performance.now();
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(
            'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{',
          ),
        );
        const drip = setInterval(() => socket.write(' '), 200);
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('close', () => {
          clearInterval(drip);
          resolve({ answer, ms: performance.now() - started });
        });
        socket.on('error', () => undefined);
      });
      const [headers, body] = await Promise.all([slowHeaders, slowBody]);
      console.log(
        `slow clients: headers closed after ${Math.round(headers.ms)} ms, body after ${Math.round(body.ms)} ms`,
      );
      // Closed by these timeouts (1-2.5 s, as the server checks each second), not by Node's own
      // (60 s for headers, 300 s for a request): the bounds lie far from both.
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(headers.ms).toBeLessThan(15_000);
      expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
      expect(body.ms).toBeLessThan(15_000);
    } finally {
      await close(server);
    }
  }, 30_000);

  it('refuses a connection beyond the cap with 503 SERVER_BUSY when no other client has an idle one to give up', async () => {
    const { server, port } = await listening({ maxConnections: 2 });
    const open = (): Promise<{ closed: Promise<string>; isClosed: () => boolean }> =>
      new Promise((resolve) => {
        let said = '';
        let isClosed = false;
        const socket = connect(port, '127.0.0.1', () => resolve({ closed, isClosed: () => isClosed }));
        socket.on('data', (chunk: Buffer) => (said += chunk.toString()));
        const closed = new Promise<string>((done) =>
          socket.on('close', () => {
            isClosed = true;
            done(said);
          }),
        );
        socket.on('error', () => undefined);
      });
    try {
      const first = await open();
      const second = await open();
      const third = await open();
      // The refusal comes a second after the connection (tests/fairness.test.ts covers the rest).
      expect(await third.closed).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[^]*"code":"SERVER_BUSY"/);
      expect(first.isClosed()).toBe(false);
      expect(second.isClosed()).toBe(false);
    } finally {
      await close(server);
    }
  });
});

describe('what a client sends reaches the log and the answer only in bounded size', () => {
  it('replaces a 15 KB request id and cuts a 30 KB operation name', async () => {
    const { logger, lines } = capturingLogger();
    const api = createApi(apiOptionsFrom(loadConfig({}), database, logger));
    const requestId = 'r'.repeat(15 * 1024);
    const name = `Op${'x'.repeat(30 * 1024)}`;
    const response = await api.fetch(
      'http://api/graphql',
      jsonPost(JSON.stringify({ query: `query ${name} { meta { dataVersion } }`, operationName: name }), {
        'x-request-id': requestId,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.text()).not.toContain('rrrrrrrrrr');
    const logged = lines.join('');
    expect(logged).not.toContain('rrrrrrrrrr');
    expect(logged.length).toBeLessThan(1_000);
    const line = JSON.parse(lines.find((l) => l.includes('"msg":"graphql"'))!) as { operationName: string };
    expect(line.operationName).toBe(`Op${'x'.repeat(98)}... (${name.length} characters)`);
  });
});
