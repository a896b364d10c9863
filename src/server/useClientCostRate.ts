/**
 * Cost per second per client
 *
 * Each client (its address, src/server/clientAddress.ts) may have operations run for at most
 * `costPerSecond` of cost (the cost model's values an answer could hold) in each second. One
 * that would go over is refused before it runs: 429 with `Retry-After` (when the client's second
 * ends) and the code RATE_LIMITED. So however fast one client sends costly queries, it cannot
 * have more than its budget run (the expensive-work limit shares the rest fairly); and a client
 * that goes over still gets its cheap queries through, because a refused operation is not
 * charged (nor one the expensive-work limit turns away). Answers from the response cache are
 * not charged either: the cache, registered after this, calls the executor this wraps only when
 * it has no answer. An operation costing more than the whole second's budget is charged the
 * budget, so any operation under MAX_COST can run.
 *
 * The counting is rate-limiter-flexible's in-memory limiter (a fixed one-second window per key,
 * weighted by the points consumed, each key forgotten when its window ends, so memory follows
 * the clients of the last second). @envelop/rate-limiter was the other candidate: it counts
 * calls of a field resolver, not cost, and would refuse partway through an execution.
 * Requests that come with no client address (the API called in-process) are not limited.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { requestCost } from './useCostLimit.js';

/** What the HTTP server passes with each request (src/server/httpServer.ts). */
export interface ClientServerContext {
  /** The client, as the limits per client key it. */
  clientAddress?: string;
}

/** Whether a result is the expensive-work limit's refusal (src/server/useExpensiveWorkLimit.ts). */
function isBusy(result: unknown): boolean {
  const errors = (result as { errors?: readonly GraphQLError[] } | null)?.errors;
  return errors?.length === 1 && errors[0]!.extensions?.code === 'SERVER_BUSY';
}

export function useClientCostRate(costPerSecond: number): Plugin {
  const limiter = new RateLimiterMemory({ points: costPerSecond, duration: 1 });
  const limited = (cost: number, msBeforeNext: number) => {
    const retryAfter = String(Math.max(1, Math.ceil(msBeforeNext / 1000)));
    return {
      errors: [
        new GraphQLError(
          `this client has asked for more than ${costPerSecond} values' worth of work (cost) in the last second; ` +
            `this operation could return up to ${cost} values: retry in ${retryAfter} s, or ask for less`,
          {
            extensions: {
              code: 'RATE_LIMITED',
              costPerSecond,
              http: { status: 429, headers: { 'Retry-After': retryAfter } },
            },
          },
        ),
      ],
    };
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const client = (args.contextValue as ClientServerContext).clientAddress;
      if (typeof client !== 'string') return;
      const cost = requestCost(args);
      if (cost <= 0) return;
      const charge = Math.min(cost, costPerSecond);
      // Charged when the executor is called, which a response-cache hit never does.
      setExecuteFn(async (executionArgs) => {
        try {
          await limiter.consume(client, charge);
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          // The refused operation does not use up the client's second.
          await limiter.reward(client, charge);
          return limited(cost, refusal.msBeforeNext);
        }
        const result = await executeFn(executionArgs);
        // Turned away by the expensive-work limit: nothing ran, so nothing is charged.
        if (isBusy(result)) await limiter.reward(client, charge);
        return result;
      });
    },
  };
}
