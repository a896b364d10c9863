/**
 * HTTP caching of answers
 *
 * A successful answer (data and no errors) carries a weak ETag made of the data version and
 * the answer's bytes, and `Cache-Control: public, max-age=<CACHE_MAX_AGE_SECONDS>`, so that
 * browsers, CDNs and apps may keep it and revalidate with `If-None-Match`, which answers 304
 * with no body. The tag is computed from the answer itself, so a revalidation gets its 304 even
 * when the answer had to be computed again (another process, or an evicted cache entry).
 * Errors are never cached (`no-store`): they may be passing (a timeout, an outage). GraphiQL's
 * page gets a tag too and is revalidated on every load.
 */
import type { Plugin } from 'graphql-yoga';
import type { DataVersionWatcher } from './dataVersionWatcher.js';
import { entityTag, taggedResponse } from './entityTags.js';

/** Tags kept for answers sent again: a cached answer's tag is looked up, not hashed anew. */
const KEPT_TAGS = 64;
/** Longest answer whose tag is kept (characters). */
const MAX_TAGGED_LENGTH = 64 * 1024;

export function useHttpCaching(watcher: DataVersionWatcher, maxAgeSeconds: number, endpoint: string): Plugin {
  /** Requests whose result was one successful execution. */
  const succeeded = new WeakSet<Request>();
  /** Tags by body, for the version they were computed on. */
  let tags = { version: null as string | null, byBody: new Map<string, string>() };
  const answerTag = (version: string, body: string) => {
    if (tags.version !== version) tags = { version, byBody: new Map() };
    let tag = tags.byBody.get(body);
    if (tag === undefined) {
      tag = entityTag(version, body);
      if (body.length <= MAX_TAGGED_LENGTH) {
        if (tags.byBody.size >= KEPT_TAGS) tags.byBody.delete(tags.byBody.keys().next().value!);
        tags.byBody.set(body, tag);
      }
    }
    return tag;
  };
  return {
    onResultProcess({ request, result }) {
      const single = !Array.isArray(result) && !(Symbol.asyncIterator in (result as object));
      if (single && 'data' in result && result.data && !result.errors?.length) succeeded.add(request);
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (new URL(request.url).pathname !== endpoint || response.status !== 200) {
        if (response.status >= 400) response.headers.set('cache-control', 'no-store');
        return;
      }
      const type = response.headers.get('content-type') ?? '';
      const version = watcher.current;
      const isPage = type.startsWith('text/html');
      if (!isPage && (!succeeded.has(request) || version === null)) {
        response.headers.set('cache-control', 'no-store');
        return;
      }
      const body = await response.text();
      // The response cache's own Last-Modified is when it stored the answer, not when the data
      // changed; the tag alone decides revalidation.
      const headers = Object.fromEntries(
        [...response.headers].filter(([name]) => !/^(last-modified|content-length|etag)$/i.test(name)),
      );
      headers['cache-control'] = isPage ? 'no-cache' : `public, max-age=${maxAgeSeconds}`;
      const tag = isPage ? entityTag(body) : answerTag(version!, body);
      setResponse(taggedResponse(fetchAPI.Response, request, body, headers, tag));
    },
  };
}
