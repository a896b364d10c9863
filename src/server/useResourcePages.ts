/**
 * Entity and statement pages
 *
 * Every entity and statement at a URL anyone can open without GraphQL
 * (src/model/resourceUrls.ts): /entities/<id> and /statements/<id> (a view's id, ending
 * /incoming, names its statement), made by src/pages/resources.ts. The form follows the Accept
 * header (src/pages/negotiate.ts): JSON by default; JSON-LD, the same facts in the RDF release's
 * shape and context; a readable page for a browser. Reads go through the read gate, as GraphQL's
 * do (none starts while a load switches the data, src/server/consistentReads.ts); answers name
 * the data version in `x-data-version`, carry an ETag of it, the form and the body, and are cached
 * like the GraphQL GETs. An
 * unknown id is a 404 whose body says so; a database that cannot answer gets the typed code and
 * the advice GraphQL gives (503 with Retry-After, or 504 for a timeout); anything else is a
 * masked 500 with the request id, logged whole.
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { ENTITY_PATH, idOfSegment, STATEMENT_PATH } from '../model/resourceUrls.js';
import type { Database } from '../neo4j/database.js';
import { DatabaseError } from '../neo4j/errors.js';
import { MEDIA_TYPES, negotiate, type PageFormat } from '../pages/negotiate.js';
import { renderPage } from '../pages/renderPage.js';
import { entityResource, statementResource, type ReadResource, type Resource } from '../pages/resources.js';
import type { DataVersionWatcher } from './dataVersionWatcher.js';
import { entityTag, taggedResponse } from './entityTags.js';
import { problemResponse } from './problemResponse.js';
import { ReadGateError } from './readGate.js';
import { requestIdOf } from './useRequestId.js';
import { DATABASE_ADVICE } from './useErrorsAndLogs.js';

export interface ResourcePagesOptions {
  /** The gated executor requests read through (src/server/consistentReads.ts). */
  database: Database;
  watcher: DataVersionWatcher;
  publicUrl: string;
  maxAgeSeconds: number;
  logger: Pick<Logger, 'error'>;
}

const ROUTES: { prefix: string; read: ReadResource; noun: string }[] = [
  { prefix: ENTITY_PATH, read: entityResource, noun: 'entity' },
  { prefix: STATEMENT_PATH, read: statementResource, noun: 'statement' },
];

async function body(resource: Resource, format: PageFormat, base: string, version: string | null): Promise<string> {
  if (format === 'html') return renderPage({ ...resource, base, dataVersion: version });
  if (format === 'jsonld') {
    // The RDF libraries load on the first JSON-LD asked for, as GraphiQL does: most servers never need them.
    const [{ factQuads }, { toJsonLd }] = await Promise.all([
      import('../release/rdf.js'),
      import('../release/rdfFormats.js'),
    ]);
    return JSON.stringify(await toJsonLd(factQuads(resource.facts, resource.sources, base), base));
  }
  return JSON.stringify({ dataVersion: version, ...resource.json });
}

/** A failure as its status, code and message. */
function failure(error: unknown): { status: number; code: string; message: string; retry?: boolean } | null {
  if (error instanceof ReadGateError)
    return {
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'the data is being switched to a new version; retry',
      retry: true,
    };
  if (!(error instanceof DatabaseError) || error.code === 'DATABASE_ERROR') return null;
  const status = error.code === 'QUERY_TIMEOUT' ? 504 : 503;
  return {
    status,
    code: error.code,
    message: DATABASE_ADVICE[error.code],
    retry: error.code === 'SERVICE_UNAVAILABLE',
  };
}

export function useResourcePages(options: ResourcePagesOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const route = ROUTES.find((r) => url.pathname.startsWith(r.prefix));
      if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(problemResponse(fetchAPI.Response, status, code, message, headers));
      const id = idOfSegment(url.pathname.slice(route.prefix.length));
      if (!id) return problem(404, 'NOT_FOUND', `say which ${route.noun}: ${route.prefix}<id>`);
      try {
        const reader = options.database.reader({ roundTrips: 0, dbTimeMs: 0 });
        const resource = await route.read(reader, options.publicUrl, id);
        if (!resource) return problem(404, 'NOT_FOUND', `no ${route.noun} has the id ${JSON.stringify(id)}`);
        const format = negotiate(request);
        const version = options.watcher.current ?? (await options.watcher.refresh());
        const text = await body(resource, format, options.publicUrl, version);
        const headers = {
          'content-type': MEDIA_TYPES[format],
          'cache-control': `public, max-age=${options.maxAgeSeconds}`,
          vary: 'Accept',
          ...(version ? { 'x-data-version': version } : {}),
        };
        endResponse(taggedResponse(fetchAPI.Response, request, text, headers, entityTag(version ?? '', format, text)));
      } catch (error) {
        const known = failure(error);
        if (known) return problem(known.status, known.code, known.message, known.retry ? { 'retry-after': '1' } : {});
        const requestId = requestIdOf(request);
        options.logger.error({ err: error, requestId, path: url.pathname }, 'a resource page failed');
        problem(500, 'INTERNAL_SERVER_ERROR', `the page could not be made (request ${requestId})`);
      }
    },
  };
}
