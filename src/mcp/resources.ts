/**
 * Resources
 *
 * What an assistant can read without asking a question, under `drugfacts://` URIs:
 * - `drugfacts://entity/{id}`: an entity's profile, as get_entity gives it (the same ids as the
 *   API; listed, so a client can browse the entities);
 * - `drugfacts://statement/{id}`: one statement with all its evidence, as get_statement gives it;
 * - `drugfacts://schema`: the GraphQL schema (SDL), for the graphql tool; offered only where the
 *   API answers introspection, so an operator who turned that off is not overruled here;
 * - `drugfacts://sources`: the sources the facts cite, with their URLs, licences and kinds, and
 *   for a dataset how to cite it, its date and the attribution its licence asks for.
 * Each is JSON (the schema is GraphQL SDL) naming its data version. An id the graph does not
 * hold is the JSON-RPC error -32002 (resource not found), with the message a tool would give.
 */
import { readFileSync } from 'node:fs';
import { McpError, ErrorCode, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SCHEMA_PATH } from '../graphql/schema.js';
import { GraphReader } from './graphReader.js';
import type { RunGraphQl } from './graphqlRunner.js';
import { ToolError } from './toolError.js';
import { getEntity } from './tools/getEntity.js';
import { findStatement } from './tools/getStatement.js';

/** The JSON-RPC code MCP gives to a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;

const ENTITY_NAMES = `
query McpEntityNames($after: String) {
  facts(predicate: "name", first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { subject value } }
  }
}`;

const SOURCES = 'query McpSourcesResource { meta { sources { id title url licence kind citeAs asOf attribution } } }';

export interface ResourceOptions {
  run: RunGraphQl;
  /** The request id a read runs under. */
  requestId: () => string;
  /** Offer the schema SDL (the API's INTROSPECTION setting). */
  schema: boolean;
}

const json = (uri: URL, value: unknown): ReadResourceResult => ({
  contents: [{ uri: uri.toString(), mimeType: 'application/json', text: JSON.stringify(value, null, 2) }],
});

/** A tool's refusal as the JSON-RPC error a resource read answers with. */
function asResourceError(error: unknown): never {
  if (error instanceof ToolError) {
    throw new McpError(error.code === 'NOT_IN_GRAPH' ? RESOURCE_NOT_FOUND : ErrorCode.InvalidRequest, error.message);
  }
  throw error;
}

const variable = (value: string | string[] | undefined) => decodeURIComponent(String(value ?? ''));

export function registerResources(server: McpServer, options: ResourceOptions): void {
  const reader = () => new GraphReader(options.run, options.requestId());

  server.registerResource(
    'entity',
    new ResourceTemplate('drugfacts://entity/{id}', {
      list: async () => {
        const graph = reader();
        const resources = [];
        for (let after: string | null = null; ;) {
          const {
            facts,
          }: {
            facts: {
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
              edges: { node: { subject: string; value: string } }[];
            };
          } = await graph.read(ENTITY_NAMES, { after });
          for (const { node } of facts.edges) {
            resources.push({
              uri: `drugfacts://entity/${node.subject}`,
              name: JSON.parse(node.value) as string,
              mimeType: 'application/json',
            });
          }
          if (!facts.pageInfo.hasNextPage) return { resources };
          after = facts.pageInfo.endCursor;
        }
      },
    }),
    {
      title: 'Entity',
      description: "An entity's profile: every statement about it with its citations (as get_entity)",
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const graph = reader();
      try {
        const { result } = await getEntity.run({ entity: variable(variables.id) }, graph);
        return json(uri, { dataVersion: await graph.dataVersion(), ...result });
      } catch (error) {
        asResourceError(error);
      }
    },
  );

  server.registerResource(
    'statement',
    new ResourceTemplate('drugfacts://statement/{id}', { list: undefined }),
    {
      title: 'Statement',
      description: 'One statement with every piece of evidence (as get_statement)',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const graph = reader();
      try {
        const found = await findStatement(graph, variable(variables.id));
        return json(uri, { dataVersion: await graph.dataVersion(), ...found });
      } catch (error) {
        asResourceError(error);
      }
    },
  );

  server.registerResource(
    'sources',
    'drugfacts://sources',
    {
      title: 'Sources',
      description:
        'The sources the facts cite (the article, registries, datasets), with their URLs, licences, how to cite ' +
        'them and the attribution their licences ask for',
      mimeType: 'application/json',
    },
    async (uri) => {
      const graph = reader();
      try {
        const { meta } = await graph.read<{ meta: { sources: unknown[] } }>(SOURCES);
        return json(uri, { dataVersion: await graph.dataVersion(), sources: meta.sources });
      } catch (error) {
        asResourceError(error);
      }
    },
  );

  if (!options.schema) return;
  let sdl: string | undefined;
  server.registerResource(
    'schema',
    'drugfacts://schema',
    {
      title: 'GraphQL schema',
      description: 'The SDL of the GraphQL API, every type, field and argument described (for the graphql tool)',
      mimeType: 'application/graphql',
    },
    async (uri) => ({
      contents: [
        { uri: uri.toString(), mimeType: 'application/graphql', text: (sdl ??= readFileSync(SCHEMA_PATH, 'utf8')) },
      ],
    }),
  );
}
