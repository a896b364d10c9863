/**
 * The MCP server
 *
 * One McpServer (the official SDK's) over the graph, for either transport: the tools, the
 * resources and the prompts, all reading through the GraphQL API (`RunGraphQl`), so an
 * assistant gets exactly the answers, limits and refusals a GraphQL client gets. A tool's
 * result is structured (checked against its output schema) with a short text rendering, both
 * naming the data version; a tool that cannot answer returns `isError` with a message that
 * starts with its code and says what to do, and the server carries on. Unexpected errors are
 * masked, as the API masks them, and logged whole under the request id.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ListToolsRequestSchema,
  type CallToolResult,
  type Tool as ListedTool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { GraphReader } from './graphReader.js';
import type { RunGraphQl } from './graphqlRunner.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { DATA_VERSION, type Tool } from './tool.js';
import { ToolError } from './toolError.js';
import { compareAnalogues } from './tools/compareAnalogues.js';
import { findByIdentifier } from './tools/findByIdentifier.js';
import { findPaths } from './tools/findPaths.js';
import { findStatements } from './tools/findStatements.js';
import { getEntity } from './tools/getEntity.js';
import { getStatement } from './tools/getStatement.js';
import { graphqlQuery } from './tools/graphqlQuery.js';
import { searchEntities } from './tools/searchEntities.js';
import { timeline } from './tools/timeline.js';

/** Every tool, in the order clients list them. */
export const TOOLS: readonly Tool[] = [
  searchEntities,
  findByIdentifier,
  getEntity,
  findStatements,
  getStatement,
  findPaths,
  compareAnalogues,
  timeline,
  graphqlQuery,
];

const INSTRUCTIONS =
  'A knowledge graph of drug facts (baclofen and the entities around it: its targets, analogues such as ' +
  'phenibut, pregabalin, gabapentin, GABA and GHB, uses, effects, brands, history), in which every statement ' +
  'carries the evidence that states it: sentences of the Wikipedia article and, as loaded, records of the datasets ' +
  'DrugCentral, PharmacotherapyDB and Hetionet (each citation names its source and kind). Find ids with ' +
  'search_entities, or find_by_identifier for a registry id (DrugBank, Entrez Gene, DOID, ...); read an entity ' +
  "with get_entity, a statement's full evidence with get_statement. Answer only from what the tools return and " +
  'cite each claim (statement id, source; for the article its section, paragraph, sentence, hedge and reading; ' +
  'for a dataset its file, line and record key). A result that says something is not in the graph means the ' +
  'graph does not hold it: say so rather than answer from elsewhere.';

export interface McpServerOptions {
  /** Runs the tools' GraphQL documents: the API's own request handler. */
  run: RunGraphQl;
  logger: Logger;
  /** The request id of a JSON-RPC request: the HTTP request's, or made for a stdio message. */
  requestIdFor: (rpcId: string | number) => string;
  /** Offer the schema SDL as a resource (the API's INTROSPECTION setting). @default true */
  introspection?: boolean;
  /** Server version reported to clients. @default the package's */
  version?: string;
}

export function createMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: 'drug-facts-graph', title: 'Drug facts graph', version: options.version ?? '0.1.0' },
    { instructions: INSTRUCTIONS },
  );
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: { ...DATA_VERSION, ...tool.output },
        annotations: TOOL_ANNOTATIONS,
      },
      async (args, extra) =>
        callTool(tool, args, new GraphReader(options.run, options.requestIdFor(extra.requestId)), options.logger),
    );
  }
  let reads = 0;
  registerResources(server, {
    run: options.run,
    requestId: () => options.requestIdFor(`resource-${++reads}`),
    schema: options.introspection !== false,
  });
  registerPrompts(server);
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolListing() }));
  return server;
}

/** Every tool reads the graph only, gives the same answer for the same data, and nothing else. */
export const TOOL_ANNOTATIONS = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

let listing: ListedTool[] | undefined;

/**
 * The tools as `tools/list` answers, made once per process. The SDK converts every tool's zod
 * schemas to JSON Schema on each listing, and over HTTP each request has a new server, so every
 * client connecting paid for it on the API's one thread: a tools/list request took 12.8 ms here,
 * 6.3 ms with this (medians of 30). This is the SDK's conversion (zod's own, draft-7, input and
 * output), kept; a unit test holds the two listings equal.
 */
export function toolListing(): ListedTool[] {
  return (listing ??= TOOLS.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(z.object(tool.input), { target: 'draft-7', io: 'input' }) as ListedTool['inputSchema'],
    outputSchema: z.toJSONSchema(z.object({ ...DATA_VERSION, ...tool.output }), {
      target: 'draft-7',
      io: 'output',
    }) as ListedTool['outputSchema'],
    annotations: TOOL_ANNOTATIONS,
    // What the SDK says of a tool registered without task support.
    execution: { taskSupport: 'forbidden' },
  })));
}

async function callTool(tool: Tool, args: unknown, reader: GraphReader, logger: Logger): Promise<CallToolResult> {
  try {
    const { result, text } = await tool.run(args as never, reader);
    const dataVersion = await reader.dataVersion();
    return {
      structuredContent: { dataVersion, ...result },
      content: [{ type: 'text', text: `${text}\n(data version ${dataVersion})` }],
    };
  } catch (error) {
    if (error instanceof ToolError) {
      return { isError: true, content: [{ type: 'text', text: `${error.code}: ${error.message}` }] };
    }
    logger.error({ requestId: reader.requestId, tool: tool.name, err: error }, 'unexpected error in an MCP tool');
    return {
      isError: true,
      content: [
        {
          type: 'text',
          text: `INTERNAL_SERVER_ERROR: Unexpected error; quote request id ${reader.requestId} when reporting it`,
        },
      ],
    };
  }
}
