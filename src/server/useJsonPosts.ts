/**
 * Queries by GET, JSON by POST
 *
 * Queries may be sent as GET with no special header (urql's default for short queries, links,
 * CDNs and spreadsheets), and yoga already refuses anything but a query over GET. A POST must
 * carry a JSON body (`application/json` or `application/graphql+json`, the types yoga reads):
 * form and multipart posts, which a foreign web page could send without CORS consent, are
 * refused with 415 and BAD_REQUEST, as is any body yoga has no reader for (it would answer an
 * empty 415 with no code). This replaces CSRF prevention: the API has no cookies, no
 * credentials and no writes, so a cross-site request can only read public data, which CORS
 * already lets any origin read.
 */
import type { Plugin } from 'graphql-yoga';

const JSON_TYPES = /^application\/(json|graphql\+json)\s*(;|$)/i;

const notJson = (fetchAPI: { Response: typeof Response }) =>
  fetchAPI.Response.json(
    {
      errors: [
        {
          message: 'a POST must carry a JSON body (content-type: application/json); send queries by GET otherwise',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    },
    { status: 415 },
  );

export function useJsonPosts(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || url.pathname !== endpoint) return;
      if (JSON_TYPES.test(request.headers.get('content-type') ?? '')) return;
      endResponse(notJson(fetchAPI));
    },
    // Registered after yoga's readers, so none matched (`Application/JSON`, a list of types).
    onRequestParse({ request, requestParser, endResponse, fetchAPI }) {
      if (!requestParser && request.method === 'POST') endResponse(notJson(fetchAPI));
    },
  };
}
