/**
 * MCP over Streamable HTTP at /mcp, in the API's own HTTP server (as `npm start` serves it, on
 * a free port), driven by the SDK's own client: the contract every transport keeps
 * (tests/support/mcpContract.ts), and what only HTTP has: request ids in the answers and the
 * logs, the body limit, methods, CORS, the per-client cost rate, and the MCP Inspector's CLI as
 * an outside client.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { Server } from 'node:http';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { apiOptionsFrom, createApi, type Api } from '../src/server/createApi.js';
import { createHttpServer, httpServerOptionsFrom } from '../src/server/httpServer.js';
import { answer, call, mcpContract, refusal, TOOL_NAMES, type McpHarness } from './support/mcpContract.js';
import { graphql, openDatabase, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const logs: Record<string, unknown>[] = [];
const logger = pino(
  { level: 'info' },
  { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
);

interface Served {
  api: Api;
  server: Server;
  url: string;
}

async function serve(env: Record<string, string> = {}): Promise<Served> {
  const config = loadConfig(env);
  const api = createApi(apiOptionsFrom(config, database, logger));
  const server = createHttpServer(api, httpServerOptionsFrom(config, logger));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { api, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp` };
}

async function stop({ api, server }: Served): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await api.dispose();
}

/** A client whose HTTP requests carry the request ids `ids` hands out (the last one is kept). */
async function connect(url: string, ids?: () => string): Promise<Client> {
  const client = new Client({ name: 'mcp-http-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      if (ids) headers.set('x-request-id', ids());
      return fetch(input, { ...init, headers });
    },
  });
  await client.connect(transport);
  return client;
}

let served: Served;
let client: Client;
let nextId = 0;
let lastId = '';
const harness: McpHarness = {
  get client() {
    return client;
  },
  async graphql<T>(query: string, variables?: Record<string, unknown>) {
    const { data, errors } = await graphql<T>(served.api, query, variables);
    expect(errors).toBeUndefined();
    return data!;
  },
};

beforeAll(async () => {
  await useStandardGraph(database);
  served = await serve();
  client = await connect(served.url, () => (lastId = `mcp-test-${++nextId}`));
});

afterAll(async () => {
  await client?.close();
  if (served) await stop(served);
  await database.close();
});

describe('MCP over Streamable HTTP at /mcp', () => {
  mcpContract(() => harness);

  it('logs every /mcp request under its request id, with the GraphQL work it did under the same id', async () => {
    await answer(client, 'get_entity', { entity: 'drug:phenibut', types: ['ACTS_ON'] });
    const id = lastId;
    const mine = logs.filter((line) => line.requestId === id);
    expect(mine).toContainEqual(
      expect.objectContaining({ msg: 'mcp', method: 'tools/call', target: 'get_entity', outcome: 'ok' }),
    );
    expect(mine).toContainEqual(expect.objectContaining({ msg: 'graphql', operationName: 'McpGetEntity', errors: [] }));

    await refusal(client, 'get_entity', { entity: 'aspirin' });
    expect(logs).toContainEqual(
      expect.objectContaining({ requestId: lastId, msg: 'mcp', outcome: 'tool error', code: 'NOT_IN_GRAPH' }),
    );
    await refusal(client, 'get_entity', { entity: 42 });
    expect(logs).toContainEqual(
      expect.objectContaining({ requestId: lastId, msg: 'mcp', outcome: 'tool error', code: 'INVALID_ARGUMENTS' }),
    );
  });

  it('answers with the request id, and refuses what /graphql refuses before MCP reads it', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body,
      });
    const listing = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), {
      'x-request-id': 'mcp-raw-1',
    });
    expect(listing.status).toBe(200);
    expect(listing.headers.get('x-request-id')).toBe('mcp-raw-1');
    expect(((await listing.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(TOOL_NAMES.length);

    const big = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { pad: 'x'.repeat(70_000) } }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });

    const notJson = await post('{"jsonrpc": "2.0", "id": 3, ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: -32700 } });

    const noAccept = await post(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list' }), {
      accept: 'text/html',
    });
    expect(noAccept.status).toBe(406);

    const get = await fetch(served.url, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const remove = await fetch(served.url, { method: 'DELETE' });
    expect(remove.status).toBe(405);

    expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
  });

  it('follows the CORS rules of the API', async () => {
    const preflight = await fetch(served.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://assistant.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, mcp-protocol-version',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://assistant.example');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('mcp-protocol-version');

    const only = await serve({ CORS_ORIGINS: 'https://allowed.example' });
    try {
      const answered = await fetch(only.url, {
        method: 'POST',
        headers: {
          origin: 'https://other.example',
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
      expect(answered.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    } finally {
      await stop(only);
    }
  });

  it("charges the tools' GraphQL work to the client's cost per second, waiting out one refusal per call", async () => {
    const limited = await serve({ CLIENT_COST_PER_SECOND: '1' });
    const limitedClient = await connect(limited.url);
    try {
      // Resolving the name spends the second's budget; the profile that follows is refused
      // once, waited out (Retry-After: 1) and asked again in the next second.
      const started = Date.now();
      const alone = await answer<{ entity: { id: string } }>(limitedClient, 'get_entity', { entity: 'baclofen' });
      expect(alone.entity.id).toBe('drug:baclofen');
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      // Five calls at once, each two requests, on one request a second: a call refused a
      // second time tells the assistant, with the code and when to retry.
      const results = await Promise.all(
        Array.from({ length: 5 }, () => call(limitedClient, 'get_entity', { entity: 'baclofen' })),
      );
      const refused = results.filter((r) => r.isError).map((r) => r.content[0]!.text);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const text of refused) expect(text).toMatch(/^RATE_LIMITED: .*retry in \d+ s/i);
    } finally {
      await limitedClient.close();
      await stop(limited);
    }
  });

  it('is driven by the MCP Inspector CLI as an outside client', async () => {
    const inspector = createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli/build/index.js');
    const run = async (...args: string[]) => {
      // Its own directory: it finds its package.json by a path relative to the working directory.
      const { stdout } = await promisify(execFile)(process.execPath, [inspector, served.url, ...args], {
        cwd: dirname(inspector),
        timeout: 30_000,
      });
      return JSON.parse(stdout) as Record<string, unknown>;
    };
    const listed = (await run('--method', 'tools/list')) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toEqual(TOOL_NAMES);
    const called = (await run(
      '--method',
      'tools/call',
      '--tool-name',
      'find_paths',
      '--tool-arg',
      'from=baclofen',
      '--tool-arg',
      'to=GHB',
      '--tool-arg',
      'first=1',
    )) as { structuredContent: { paths: { nodes: { id: string }[] }[] } };
    expect(called.structuredContent.paths[0]!.nodes.map((n) => n.id)).toEqual([
      'drug:baclofen',
      'target:gaba-b-receptor',
      'drug:ghb',
    ]);
    expect((await call(client, 'search_entities', { query: 'Lioresal' })).isError).toBeFalsy();
  });
});
