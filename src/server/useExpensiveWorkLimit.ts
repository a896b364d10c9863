/**
 * Expensive work limit
 *
 * At most `concurrency` expensive operations (cost of `threshold` or more) run at once. One
 * more is refused at once, not queued: 503 with `Retry-After` and the code SERVER_BUSY. A queue
 * would hold the client's connection and the server's memory for work it may never get to;
 * refusing keeps the wait of cheap queries short, since they never queue behind a pile of
 * expensive ones, and tells the client promptly when to come back. Answers served from the
 * response cache cost nothing and do not count: the cache, registered after this, calls the
 * executor this wraps only when it has no answer.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestCost } from './useCostLimit.js';

export interface ExpensiveWorkLimit {
  /** Cost from which an operation is expensive. */
  threshold: number;
  /** Most expensive operations running at once. */
  concurrency: number;
  /** What `Retry-After` tells a refused client, in seconds. @default 1 */
  retryAfterSeconds?: number;
}

export function useExpensiveWorkLimit(limit: ExpensiveWorkLimit): Plugin {
  const retryAfter = String(limit.retryAfterSeconds ?? 1);
  let running = 0;
  const busy = (cost: number) => ({
    errors: [
      new GraphQLError(
        `the server is busy with other expensive operations (this one could return up to ${cost} values); ` +
          `retry in ${retryAfter} s, or ask for less: operations under ${limit.threshold} never wait`,
        { extensions: { code: 'SERVER_BUSY', http: { status: 503, headers: { 'Retry-After': retryAfter } } } },
      ),
    ],
  });
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const cost = requestCost(args);
      if (cost < limit.threshold) return;
      // The slot is taken when the executor is called, which a response-cache hit never does.
      setExecuteFn(async (executionArgs) => {
        if (running >= limit.concurrency) return busy(cost);
        running++;
        try {
          return await executeFn(executionArgs);
        } finally {
          running--;
        }
      });
    },
  };
}
