/**
 * The MCP server in memory, over a stand-in for the GraphQL API (no Neo4j): its tool listing is
 * the one the SDK would make, the API's refusals and absences reach the model as error results
 * that say what to do, and every answered request leaves a log line with its request id.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpServer, TOOL_ANNOTATIONS, TOOLS } from '../../src/mcp/createMcpServer.js';
import type { GraphQlAnswer, RunGraphQl } from '../../src/mcp/graphqlRunner.js';
import { DATA_VERSION } from '../../src/mcp/tool.js';
import { logTraffic } from '../../src/mcp/trafficLog.js';

const silent = pino({ level: 'silent' });
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connect(server: McpServer, onTransport?: (t: InMemoryTransport) => void): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  onTransport?.(serverSide);
  const client = new Client({ name: 'unit', version: '1' });
  await client.connect(clientSide);
  clients.push(client);
  return client;
}

const answered = (data: Record<string, unknown> | null, extra: Partial<GraphQlAnswer> = {}): GraphQlAnswer => ({
  status: 200,
  data,
  errors: [],
  dataVersion: 'v1',
  retryAfter: null,
  ...extra,
});

describe('the MCP server', () => {
  it("lists its tools exactly as the SDK's own conversion of their schemas would", async () => {
    const reference = new McpServer({ name: 'reference', version: '1' });
    for (const tool of TOOLS) {
      reference.registerTool(
        tool.name,
        {
          title: tool.title,
          description: tool.description,
          inputSchema: tool.input,
          outputSchema: { ...DATA_VERSION, ...tool.output },
          annotations: TOOL_ANNOTATIONS,
        },
        () => ({ content: [] }),
      );
    }
    const ours = createMcpServer({
      run: () => Promise.reject(new Error('unused')),
      logger: silent,
      requestIdFor: String,
    });
    const [expected, actual] = await Promise.all([
      connect(reference).then((c) => c.listTools()),
      connect(ours).then((c) => c.listTools()),
    ]);
    // As a client receives them: the in-memory transport passes objects, undefined fields included.
    const wire = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect(wire(actual)).toEqual(wire(expected));
  });

  it('answers an unknown entity with NOT_IN_GRAPH and the data version, never a guess', async () => {
    const run: RunGraphQl = async () => answered({ entity: null, drug: null });
    const client = await connect(createMcpServer({ run, logger: silent, requestIdFor: String }));
    const result = await client.callTool({ name: 'get_entity', arguments: { entity: 'aspirin' } });
    expect(result.isError).toBe(true);
    expect((result.content as { text: string }[])[0]!.text).toMatch(
      /^NOT_IN_GRAPH: "aspirin" is not in the graph \(data version v1\)\. .*call search_entities/,
    );
  });

  it("passes the API's refusal on with its code, its message and when to retry", async () => {
    const run: RunGraphQl = async () =>
      answered(null, {
        status: 429,
        retryAfter: '1',
        errors: [{ message: 'this client has asked for too much', extensions: { code: 'RATE_LIMITED' } }],
      });
    const client = await connect(createMcpServer({ run, logger: silent, requestIdFor: String }));
    const result = await client.callTool({ name: 'timeline', arguments: {} });
    expect((result.content as { text: string }[])[0]!.text).toBe(
      'RATE_LIMITED: The graph API refused this: RATE_LIMITED: this client has asked for too much. Retry in 1 s.',
    );
  });

  it('refuses to mix two data versions in one answer', async () => {
    let calls = 0;
    const run: RunGraphQl = async () =>
      ++calls === 1
        ? answered({ entity: { id: 'drug:x', kind: 'Drug', name: 'X' }, drug: null })
        : answered({ timeline: [] }, { dataVersion: 'v2' });
    const client = await connect(createMcpServer({ run, logger: silent, requestIdFor: String }));
    const result = await client.callTool({ name: 'timeline', arguments: { entity: 'drug:x' } });
    expect((result.content as { text: string }[])[0]!.text).toMatch(/^DATA_CHANGED: .*from data version v1 to v2/);
  });

  it('masks an unexpected error and logs it whole under the request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const run: RunGraphQl = async () => {
      throw new Error('socket hang up at 10.0.0.7');
    };
    const server = createMcpServer({ run, logger, requestIdFor: (id) => `req-${id}` });
    const client = await connect(server, (transport) => logTraffic(transport, logger, (id) => `req-${id}`));
    const result = await client.callTool({ name: 'search_entities', arguments: { query: 'baclofen' } });
    const text = (result.content as { text: string }[])[0]!.text;
    expect(text).toMatch(/^INTERNAL_SERVER_ERROR: Unexpected error; quote request id req-\d+ when reporting it$/);
    expect(text).not.toContain('10.0.0.7');
    const requestId = /req-\d+/.exec(text)![0];
    expect(lines).toContainEqual(
      expect.objectContaining({ requestId, msg: 'unexpected error in an MCP tool', tool: 'search_entities' }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        requestId,
        msg: 'mcp',
        method: 'tools/call',
        target: 'search_entities',
        outcome: 'tool error',
        code: 'INTERNAL_SERVER_ERROR',
      }),
    );
  });
});
