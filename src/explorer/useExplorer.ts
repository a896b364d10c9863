/**
 * Graph explorer page
 *
 * Serves the explorer at `/explorer`: a static page that talks to the graph only through the
 * public `/graphql` endpoint, so it is also an example of using the API. Only a fixed allowlist
 * of files is served, each from a path decided here and never from the request, so no URL can
 * reach another file (`/explorer/../config.ts` and the like answer 404). Every file carries an
 * ETag and is revalidated on each load (a 304 costs a few bytes), except cytoscape, whose URL
 * names its version and which is therefore cached for a year as immutable.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';
import { taggedResponse } from '../server/entityTags.js';

const require = createRequire(import.meta.url);
const publicFile = (name: string) => fileURLToPath(new URL(`./public/${name}`, import.meta.url));

/**
 * cytoscape.js draws the graph: it is mature, needs no build step, and its prebuilt browser
 * bundle is served straight from node_modules, so the page needs no CDN at run time.
 */
const CYTOSCAPE = require.resolve('cytoscape/dist/cytoscape.min.js');
const CYTOSCAPE_VERSION = (
  JSON.parse(readFileSync(join(dirname(CYTOSCAPE), '..', 'package.json'), 'utf8')) as { version: string }
).version;
/** The versioned URL the page loads cytoscape from; the unversioned one stays for old pages. */
const CYTOSCAPE_PATH = `/explorer/vendor/cytoscape-${CYTOSCAPE_VERSION}.min.js`;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The page's own files, each served at /explorer/<name>. */
const PAGE_FILES = [
  'explorer.css',
  'explorer.js',
  'api.js',
  'dom.js',
  'graphView.js',
  'leafGroups.js',
  'evidence.js',
  'citationPanel.js',
  'searchBox.js',
  'exploreView.js',
  'pathView.js',
  'analoguesView.js',
];

/** URL path -> file and content type: the only files the explorer serves. */
const FILES: ReadonlyMap<string, { file: string; type: string; cacheControl?: string }> = new Map([
  ['/explorer', { file: publicFile('index.html'), type: HTML }],
  ['/explorer/', { file: publicFile('index.html'), type: HTML }],
  ...PAGE_FILES.map(
    (name) => [`/explorer/${name}`, { file: publicFile(name), type: name.endsWith('.css') ? CSS : JS }] as const,
  ),
  ['/explorer/vendor/cytoscape.min.js', { file: CYTOSCAPE, type: JS }],
  [CYTOSCAPE_PATH, { file: CYTOSCAPE, type: JS, cacheControl: IMMUTABLE }],
]);

/** The page, pointed at the versioned cytoscape URL. */
async function fileBody(path: string, file: string): Promise<Buffer> {
  const body = await readFile(file);
  if (!path.endsWith('/explorer') && !path.endsWith('/explorer/')) return body;
  return Buffer.from(body.toString('utf8').replace('/explorer/vendor/cytoscape.min.js', CYTOSCAPE_PATH));
}

/**
 * The page loads nothing from elsewhere. Style attributes stay allowed: cytoscape sizes its
 * canvases through them, and the page sets each kind's colour through them.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function useExplorer(): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const { pathname } = url;
      if (pathname !== '/explorer' && !pathname.startsWith('/explorer/')) return;
      const found = FILES.get(pathname);
      if (!found) {
        endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const body = await fileBody(pathname, found.file);
      const headers = {
        'content-type': found.type,
        // Revalidate every time (unless versioned): an edit must show on the next reload.
        'cache-control': found.cacheControl ?? 'no-cache',
        'x-content-type-options': 'nosniff',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      };
      endResponse(taggedResponse(fetchAPI.Response, request, body, headers));
    },
  };
}
