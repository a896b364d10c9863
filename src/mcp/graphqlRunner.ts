/**
 * How the MCP server reaches the graph
 *
 * Through the GraphQL API itself, never around it: every tool sends a GraphQL document to the
 * API's own request handler (`api.fetch`, in-process, no port), so each question an assistant
 * asks walks the same path a GraphQL client's does: document limits, the cost model and its
 * limit, the expensive-work slot, the cost per second per client, consistent reads, the
 * response cache, the answer-size limit, the logs. The request carries the MCP request's id
 * (the API's log lines of the tool's work carry it too) and, over HTTP, the client's address
 * (its per-client limits apply to what it asks through MCP).
 */
import { DATA_VERSION_HEADER } from '../server/consistentReads.js';

/** A GraphQL error as the API sends it. */
export interface ApiError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

/** The API's answer to one document. */
export interface GraphQlAnswer {
  /** HTTP status the API answered with (200, or 400, 413, 429, 503, ... for refusals). */
  status: number;
  data: Record<string, unknown> | null;
  errors: ApiError[];
  /** The data version the answer was read from (`x-data-version`); null when nothing was read. */
  dataVersion: string | null;
  /** Seconds to wait, when the API said so (`Retry-After`). */
  retryAfter: string | null;
}

export interface GraphQlRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** Runs one GraphQL request under a request id. */
export type RunGraphQl = (request: GraphQlRequest, requestId: string) => Promise<GraphQlAnswer>;

/** The part of the API (a graphql-yoga instance) the runner uses. */
export interface FetchHandler {
  fetch(url: string, init: RequestInit, serverContext?: Record<string, unknown>): Response | Promise<Response>;
  graphqlEndpoint: string;
}

/**
 * A runner over the API's request handler. `serverContext` is passed on as the HTTP server
 * passes it (the client's address), so the API's per-client limits see the MCP client.
 */
export function apiRunner(api: FetchHandler, serverContext: Record<string, unknown> = {}): RunGraphQl {
  return async (request, requestId) => {
    const body = JSON.stringify(request);
    const response = await api.fetch(
      `http://api${api.graphqlEndpoint}`,
      {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          // The API refuses a POST that does not declare its length.
          'content-length': String(Buffer.byteLength(body)),
          'x-request-id': requestId,
        },
        body,
      },
      serverContext,
    );
    const text = await response.text();
    let parsed: { data?: Record<string, unknown> | null; errors?: ApiError[] };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = { errors: [{ message: `the API answered ${response.status} with no GraphQL result` }] };
    }
    return {
      status: response.status,
      data: parsed.data ?? null,
      errors: parsed.errors ?? [],
      dataVersion: response.headers.get(DATA_VERSION_HEADER),
      retryAfter: response.headers.get('retry-after'),
    };
  };
}
