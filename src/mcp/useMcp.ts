/**
 * MCP over Streamable HTTP at /mcp
 *
 * The MCP server in the API process, as a plugin of the API's own request handler, so `/mcp`
 * sits behind everything `/graphql` does before a request is handled: the request id (the
 * `x-request-id` answered and logged), the body limit (413 over MAX_BODY_BYTES, 411 without a
 * length), CORS as configured, the HTTP server's timeouts and connection limits, compression;
 * and each tool's GraphQL work runs through the API with the client's address, under the cost
 * limit, the expensive-work slot and the client's cost per second.
 *
 * Stateless: each POST gets a new McpServer and transport, which answer it (as JSON, not an
 * event stream) and are closed. The API holds no per-client state and runs as several
 * processes behind a load balancer, so sessions would have to be sticky or shared, and a
 * session table is memory a client could fill; the graph has nothing to push to a client
 * (no subscriptions, no progress worth streaming for reads of milliseconds), so a GET stream
 * has nothing to carry and a GET is answered 405, as the protocol allows. Building a server
 * is a few registrations; its schemas are converted only when a client lists the tools.
 *
 * The SDK's `StreamableHTTPServerTransport` wraps `WebStandardStreamableHTTPServerTransport`
 * for node's request and response; the API is a fetch handler, so it uses the inner one as is.
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { ClientServerContext } from '../server/useClientCostRate.js';
import { requestIdOf } from '../server/useRequestId.js';
import { createMcpServer } from './createMcpServer.js';
import { apiRunner, type FetchHandler } from './graphqlRunner.js';
import { logTraffic } from './trafficLog.js';

export const MCP_PATH = '/mcp';

export interface McpOptions {
  /** The API this plugin is part of, which the tools' GraphQL requests go through. */
  api: () => FetchHandler;
  logger: Logger;
  /** Largest request body, as for /graphql (the body limit refuses larger ones first). */
  maxBodyBytes: number;
  /** Offer the schema SDL as a resource (the API's INTROSPECTION setting). @default true */
  introspection?: boolean;
}

const notAllowed = (fetchAPI: { Response: typeof Response }, method: string) =>
  fetchAPI.Response.json(
    {
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: `${method} is not served at ${MCP_PATH}: this server is stateless and has no event stream; POST JSON-RPC messages`,
      },
      id: null,
    },
    { status: 405, headers: { allow: 'POST, OPTIONS' } },
  );

export function useMcp(options: McpOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (url.pathname !== MCP_PATH) return;
      if (request.method !== 'POST') {
        endResponse(notAllowed(fetchAPI, request.method));
        return;
      }
      const requestId = requestIdOf(request);
      // Only the client's address: the rest of node's server context (its request and
      // response) belongs to this request, not to the tools' requests to the API.
      const { clientAddress } = serverContext as ClientServerContext;
      const server = createMcpServer({
        run: apiRunner(options.api(), clientAddress === undefined ? {} : { clientAddress }),
        logger: options.logger,
        requestIdFor: () => requestId,
        introspection: options.introspection,
      });
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
        maxRequestBodySize: options.maxBodyBytes,
      });
      try {
        await server.connect(transport);
        logTraffic(transport, options.logger, () => requestId);
        endResponse(await transport.handleRequest(request));
      } finally {
        await server.close();
      }
    },
  };
}
