/**
 * Entity tags
 *
 * One way to tag a body and answer a revalidation, for GraphQL answers and static files alike.
 * Tags are weak (`W/"..."`): the same answer may travel gzipped, brotli-compressed or plain,
 * and a weak tag promises the same content, not the same bytes. A request whose
 * `If-None-Match` lists the tag (or `*`) gets 304 with no body.
 */
import { createHash } from 'node:crypto';

/** A weak tag of `parts`: the same parts give the same tag in every process. */
export function entityTag(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return `W/"${hash.digest('base64url').slice(0, 27)}"`;
}

/** Whether the request's `If-None-Match` matches `tag` (weak comparison, as RFC 9110 asks). */
export function matchesTag(request: Request, tag: string): boolean {
  return tagListed(request.headers.get('if-none-match'), tag);
}

/** Whether an `If-None-Match` header lists `tag`, or `*`. */
export function tagListed(header: string | null | undefined, tag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim() === '*' || bare(candidate) === bare(tag));
}

/**
 * The response for a body with these headers: 304 (same tag and caching headers, no body)
 * when the client holds it already, else 200 with the body and its tag.
 */
export function taggedResponse(
  ResponseClass: typeof Response,
  request: Request,
  body: string | Uint8Array,
  headers: Record<string, string>,
  tag = entityTag(body),
): Response {
  if (matchesTag(request, tag))
    return new ResponseClass(null, { status: 304, headers: notModifiedHeaders(headers, tag) });
  return new ResponseClass(request.method === 'HEAD' ? null : (body as BodyInit), {
    status: 200,
    headers: { ...headers, etag: tag },
  });
}

/** The headers of a 304 for an answer with these headers and tag: its caching headers, no more. */
export function notModifiedHeaders(headers: Record<string, string>, tag: string): Record<string, string> {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => /^(cache-control|vary|x-request-id|x-data-version)$/i.test(name)),
  );
  return { ...kept, etag: tag };
}
