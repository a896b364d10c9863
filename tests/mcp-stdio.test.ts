/**
 * MCP over stdio, as a desktop assistant runs it: `npm --silent run mcp` spawned by the SDK's
 * own StdioClientTransport, pointed at the test Neo4j (it then starts no Neo4j of its own, as
 * `npm start` with NEO4J_URI). The contract every transport keeps (tests/support/mcpContract.ts),
 * and what only stdio has: nothing but JSON-RPC on stdout, the logs on stderr with request ids,
 * and the process gone once the client closes stdin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, mcpContract, type McpHarness } from './support/mcpContract.js';
import { waitFor } from './support/processes.js';
import { graphql, openDatabase, testApi, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const api = testApi(database);
/** What `npm run mcp` needs to use the test Neo4j: as a client's configuration would give it. */
const env = () => ({
  ...(process.env as Record<string, string>),
  ...testNeo4jEnv(),
  SEED_ON_START: 'false',
  LOG_LEVEL: 'info',
});
const COMMAND = ['--silent', 'run', 'mcp'];

let client: Client;
let transport: StdioClientTransport;
let stderr = '';
const harness: McpHarness = {
  get client() {
    return client;
  },
  async graphql<T>(query: string, variables?: Record<string, unknown>) {
    const { data, errors } = await graphql<T>(api, query, variables);
    expect(errors).toBeUndefined();
    return data!;
  },
};

/** Every process below `pid`. */
function descendantsOf(pid: number): number[] {
  const rows = spawnSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length;) {
    frontier = rows.filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  await useStandardGraph(database);
  transport = new StdioClientTransport({
    command: 'npm',
    args: COMMAND,
    cwd: process.cwd(),
    env: env(),
    stderr: 'pipe',
  });
  (transport.stderr as Readable).on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'mcp-stdio-test', version: '1.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  await api.dispose();
  await database.close();
});

describe('MCP over stdio (npm run mcp)', () => {
  mcpContract(() => harness);

  it('logs each request on stderr under a request id, with the GraphQL work it did under the same id', async () => {
    const logLines = () =>
      stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const before = logLines().length;
    await answer(client, 'find_paths', { from: 'baclofen', to: 'GHB', first: 1 });
    // stderr is a pipe of its own: its lines may arrive after the answer on stdout.
    const isCall = (line: Record<string, unknown>) =>
      line.msg === 'mcp' && line.target === 'find_paths' && line.outcome === 'ok';
    const lines = await waitFor(
      async () => {
        const now = logLines();
        return now.slice(before).some(isCall) ? now : undefined;
      },
      10_000,
      'the log line of the call',
    );
    const call = lines.slice(before).find(isCall);
    expect(call).toMatchObject({
      method: 'tools/call',
      outcome: 'ok',
      requestId: expect.stringMatching(/^mcp-[0-9a-f]{8}-\d+$/),
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'graphql', operationName: 'McpFindPaths', requestId: call!.requestId }),
    );
  });

  it('writes nothing but JSON-RPC to stdout, and exits with its client, leaving no process', async () => {
    const child = spawn('npm', COMMAND, { env: env(), stdio: ['pipe', 'pipe', 'ignore'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines: string[] = [];
    const answered = new Map<number, unknown>();
    const waiting = new Set([1, 2, 3]);
    const done = new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const message = JSON.parse(line) as { id?: number };
        if (message.id !== undefined) {
          answered.set(message.id, message);
          waiting.delete(message.id);
          if (waiting.size === 0) resolve();
        }
      });
    });
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'timeline', arguments: { to: 1970 } } });
    await done;
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(answered.get(3)).toMatchObject({ result: { structuredContent: { events: expect.any(Array) } } });

    const processes = descendantsOf(child.pid!);
    expect(processes.length).toBeGreaterThan(0);
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(processes.filter(alive)).toEqual([]);
  });
});
