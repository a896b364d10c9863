/**
 * Request ids
 *
 * Every answer carries `x-request-id`: the client's own when it sent a usable one, else one
 * made here. A usable id is 1 to 128 characters of letters, digits and `._:-`; anything else
 * (too long, spaces, control characters) is replaced, never logged or echoed, so a client
 * cannot flood the logs or inject into them through this header. The id is the one in the
 * request's log line and in masked error messages.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const USABLE = /^[A-Za-z0-9._:-]{1,128}$/;
const ids = new WeakMap<Request, string>();

/** The request's id, decided once per request. */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (id === undefined) {
    id = requestIdFrom(request.headers.get('x-request-id'));
    ids.set(request, id);
  }
  return id;
}

/** The id for a request that sent this `x-request-id` header (or none). */
export function requestIdFrom(sent: string | null | undefined): string {
  return typeof sent === 'string' && USABLE.test(sent) ? sent : randomUUID();
}

export function useRequestId(): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}
