/**
 * Answer size limit
 *
 * An answer larger than the limit, as JSON, is replaced by the error RESPONSE_TOO_LARGE before it
 * is serialised, compressed, cached or sent. The cost limit refuses most such operations before
 * they run; this catches what its assumed list sizes underestimate (an entity with hundreds of
 * relations, nested). The size is counted by walking the answer, without building its JSON, and
 * the walk stops as soon as the limit is passed.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isKeptData } from './keptData.js';

/** The length of `value` as JSON, counted up to a little past `limit`; strings count unescaped. */
export function jsonLength(value: unknown, limit: number): number {
  let total = 0;
  const add = (v: unknown): void => {
    if (typeof v === 'string') total += v.length + 2;
    else if (typeof v === 'number') total += String(v).length;
    else if (typeof v === 'boolean') total += v ? 4 : 5;
    else if (v === null || v === undefined) total += 4;
    else if (Array.isArray(v)) {
      total += 2;
      for (let i = 0; i < v.length && total <= limit; i++) {
        if (i > 0) total += 1;
        add(v[i]);
      }
    } else if (typeof v === 'object') {
      total += 2;
      let first = true;
      for (const key in v) {
        if (total > limit) break;
        total += key.length + (first ? 3 : 4);
        first = false;
        add((v as Record<string, unknown>)[key]);
      }
    }
  };
  add(value);
  return total;
}

export function useAnswerSizeLimit(maxBytes: number): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          // A kept answer was measured when it was computed (src/server/keptData.ts).
          if (!('data' in result) || result.data == null || isKeptData(result.data)) return;
          const size = jsonLength(result.data, maxBytes);
          if (size <= maxBytes) return;
          setResult({
            errors: [
              new GraphQLError(
                `the answer is larger than ${maxBytes} bytes; ask for fewer aliases, smaller lists or fewer fields`,
                { extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes } },
              ),
            ],
          });
        },
      };
    },
  };
}
