/**
 * Queries by GET, JSON by POST
 *
 * Queries may be sent as GET with no special header (urql's default for short queries, links,
 * CDNs and spreadsheets), and yoga already refuses anything but a query over GET. A POST must
 * carry a JSON body (`application/json` or `application/graphql-response+json`): form and
 * multipart posts, which a foreign web page could send without CORS consent, are refused with
 * 415. This replaces CSRF prevention: the API has no cookies, no credentials and no writes, so
 * a cross-site request can only read public data, which CORS already lets any origin read.
 */
import type { Plugin } from 'graphql-yoga';

const JSON_TYPES = /^application\/(json|graphql-response\+json)\s*(;|$)/i;

export function useJsonPosts(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || url.pathname !== endpoint) return;
      if (JSON_TYPES.test(request.headers.get('content-type') ?? '')) return;
      endResponse(
        fetchAPI.Response.json(
          {
            errors: [
              {
                message:
                  'a POST must carry a JSON body (content-type: application/json); send queries by GET otherwise',
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          },
          { status: 415 },
        ),
      );
    },
  };
}
