/**
 * Entity and statement pages
 *
 * Every entity and statement at a URL anyone can open without GraphQL
 * (src/model/resourceUrls.ts): /entities/<id> and /statements/<id> (a view's id, ending
 * /incoming, names its statement). The form follows the Accept header (src/pages/negotiate.ts):
 * JSON by default, in the bulk export's shape with each statement's URL; JSON-LD, the same
 * facts in the RDF release's shape and context; a readable page for a browser. Answers carry
 * the data version and an ETag of it and the body, and are cached like the GraphQL GETs; an
 * unknown id is a 404 whose body says so, and a Neo4j that cannot answer a 503 with the typed
 * code, as GraphQL answers report it.
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { entityFacts } from '../graph/entityFacts.js';
import type { ExportedFact } from '../graph/facts.js';
import { statementsById } from '../graph/statementsById.js';
import { entityUrl, ENTITY_PATH, idOfSegment, STATEMENT_PATH, statementUrl } from '../model/resourceUrls.js';
import type { StoredSource } from '../model/storedShapes.js';
import type { Database } from '../neo4j/database.js';
import { DatabaseError } from '../neo4j/errors.js';
import { MEDIA_TYPES, negotiate, type PageFormat } from '../pages/negotiate.js';
import { renderPage } from '../pages/renderPage.js';
import type { DataVersionWatcher } from './dataVersionWatcher.js';
import { entityTag, taggedResponse } from './entityTags.js';
import { statementOf } from '../graphql/statements.js';

export interface ResourcePagesOptions {
  database: () => Database;
  watcher: DataVersionWatcher;
  publicUrl: string;
  maxAgeSeconds: number;
  logger: Pick<Logger, 'error'>;
}

/** What one page shows, whatever its form. */
interface Resource {
  title: string;
  subtitle: string;
  json: Record<string, unknown>;
  facts: ExportedFact[];
  sections: { heading: string; facts: ExportedFact[]; subjectShown?: boolean }[];
  sources: StoredSource[];
}

const withUrl = (base: string) => (fact: ExportedFact) => ({ url: statementUrl(base, fact.id), ...fact });

async function entityResource(database: Database, base: string, id: string): Promise<Resource | null> {
  const found = await entityFacts(database, id);
  if (!found) return null;
  const own = (predicate: string) => found.own.find((f) => f.predicate === predicate)?.value;
  const name = String(own('name') ?? id);
  const kind = String(own('kind') ?? '');
  return {
    title: name,
    subtitle: `${kind} ${id}: ${found.own.length} statements about it, ${found.incoming.length} from other entities.`,
    json: {
      id,
      url: entityUrl(base, id),
      name,
      kind,
      statements: found.own.map(withUrl(base)),
      statementsAboutIt: found.incoming.map(withUrl(base)),
    },
    facts: [...found.own, ...found.incoming],
    sections: [
      { heading: 'What the sources state of it', facts: found.own },
      { heading: 'What they state of others about it', facts: found.incoming, subjectShown: true },
    ],
    sources: found.sources,
  };
}

async function statementResource(database: Database, base: string, id: string): Promise<Resource | null> {
  const { byId, sources } = await statementsById(database, [statementOf(id)]);
  const fact = byId.get(statementOf(id));
  if (!fact) return null;
  return {
    title: `${fact.subject} ${fact.predicate} ${fact.object ?? fact.value ?? ''}`.trim(),
    subtitle: `Statement ${fact.id}, with its ${fact.citations.length} piece(s) of evidence.`,
    json: {
      ...withUrl(base)(fact),
      subjectUrl: entityUrl(base, fact.subject),
      ...(fact.object ? { objectUrl: entityUrl(base, fact.object) } : {}),
    },
    facts: [fact],
    sections: [{ heading: 'The statement', facts: [fact], subjectShown: true }],
    sources,
  };
}

async function body(resource: Resource, format: PageFormat, base: string, version: string | null): Promise<string> {
  if (format === 'html') return renderPage({ ...resource, dataVersion: version });
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

const problem = (ResponseClass: typeof Response, status: number, code: string, message: string) =>
  ResponseClass.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store', 'content-type': MEDIA_TYPES.json } },
  );

export function useResourcePages(options: ResourcePagesOptions): Plugin {
  const routes: [string, typeof entityResource, string][] = [
    [ENTITY_PATH, entityResource, 'entity'],
    [STATEMENT_PATH, statementResource, 'statement'],
  ];
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const route = routes.find(([prefix]) => url.pathname.startsWith(prefix));
      if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const [prefix, read, noun] = route;
      const id = idOfSegment(url.pathname.slice(prefix.length));
      if (!id || id.includes('\0')) {
        endResponse(problem(fetchAPI.Response, 404, 'NOT_FOUND', `say which ${noun}: ${prefix}<id>`));
        return;
      }
      try {
        const resource = await read(options.database(), options.publicUrl, id);
        if (!resource) {
          endResponse(problem(fetchAPI.Response, 404, 'NOT_FOUND', `no ${noun} has the id ${JSON.stringify(id)}`));
          return;
        }
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
        if (error instanceof DatabaseError) {
          const status = error.code === 'NO_DATA' ? 503 : error.code === 'QUERY_TIMEOUT' ? 504 : 503;
          endResponse(problem(fetchAPI.Response, status, error.code, error.message));
          return;
        }
        options.logger.error({ err: error, path: url.pathname }, 'a resource page failed');
        endResponse(problem(fetchAPI.Response, 500, 'INTERNAL_SERVER_ERROR', 'the page could not be made'));
      }
    },
  };
}
