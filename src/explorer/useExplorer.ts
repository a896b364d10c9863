/**
 * Graph explorer page
 *
 * Serves the explorer at `/explorer`: a static page that talks to the graph only through the
 * public `/graphql` endpoint, so it is also an example of using the API. Only a fixed allowlist
 * of files is served, each from a path decided here and never from the request, so no URL can
 * reach another file (`/explorer/../config.ts` and the like answer 404).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

const require = createRequire(import.meta.url);
const publicFile = (name: string) => fileURLToPath(new URL(`./public/${name}`, import.meta.url));

/**
 * cytoscape.js draws the graph: it is mature, needs no build step, and its prebuilt browser
 * bundle is served straight from node_modules, so the page needs no CDN at run time.
 */
const CYTOSCAPE = require.resolve('cytoscape/dist/cytoscape.min.js');

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
  'citationPanel.js',
  'searchBox.js',
  'exploreView.js',
  'pathView.js',
  'analoguesView.js',
];

/** URL path -> file and content type: the only files the explorer serves. */
const FILES: ReadonlyMap<string, { file: string; type: string }> = new Map([
  ['/explorer', { file: publicFile('index.html'), type: HTML }],
  ['/explorer/', { file: publicFile('index.html'), type: HTML }],
  ...PAGE_FILES.map(
    (name) => [`/explorer/${name}`, { file: publicFile(name), type: name.endsWith('.css') ? CSS : JS }] as const,
  ),
  ['/explorer/vendor/cytoscape.min.js', { file: CYTOSCAPE, type: JS }],
]);

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
      const body = await readFile(found.file);
      const headers = {
        'content-type': found.type,
        'content-length': String(body.byteLength),
        // Revalidate every time: the files are small, and an edit must show on the next reload.
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'content-security-policy': CONTENT_SECURITY_POLICY,
      };
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
