/**
 * Variable limits
 *
 * A request's `variables` and `extensions` are JSON of the client's choosing, and several
 * things walk them recursively: the response cache hashes them into its key, the cost model and
 * graphql-js coerce them. So before anything reads them they must be JSON at all and of a
 * bounded shape, or the request is refused with 400 BAD_REQUEST saying which bound it passed.
 * (Issue 19: variables nested 10,000 deep overflowed the stack while the cache built its key,
 * and a GET with `variables={not` threw from yoga's parser: both were a 500 with no code.)
 *
 * The bounds are fixed rather than settings, because the schema decides what is legal: the
 * deepest value it accepts is a list of scalars (depth 1) and the largest is 100 ids and names.
 * `MAX_VARIABLE_DEPTH` and `MAX_VARIABLE_VALUES` leave room for any input type the schema may
 * grow, while keeping the walk of a hostile value short: the check is iterative (it cannot
 * overflow the stack itself) and stops at the first bound passed.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Most lists and objects nested inside `variables` (or `extensions`): `{"ids": ["a"]}` is 1. */
export const MAX_VARIABLE_DEPTH = 16;
/** Most values (scalars, lists and objects) inside `variables` (or `extensions`). */
export const MAX_VARIABLE_VALUES = 10_000;

/** Why `value` (the parsed `variables` or `extensions` object) is out of bounds, or null. */
export function variablesProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const pending: [unknown, number][] = [[value, 0]];
  let values = 0;
  while (pending.length > 0) {
    const [container, depth] = pending.pop()!;
    for (const child of Object.values(container as object) as unknown[]) {
      if (++values > MAX_VARIABLE_VALUES) return `must hold at most ${MAX_VARIABLE_VALUES} values`;
      if (child === null || typeof child !== 'object') continue;
      if (depth + 1 > MAX_VARIABLE_DEPTH) return `must be nested at most ${MAX_VARIABLE_DEPTH} levels deep`;
      pending.push([child, depth + 1]);
    }
  }
  return null;
}

const badRequest = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/** The parameter of a GET whose JSON does not parse, if that is what the parser tripped on. */
function unparsableParameter(request: Request): string | null {
  if (request.method !== 'GET') return null;
  const search = new URL(request.url, 'http://localhost').searchParams;
  for (const name of ['variables', 'extensions']) {
    const text = search.get(name);
    if (!text) continue;
    try {
      JSON.parse(text);
    } catch (error) {
      return `the ${name} parameter is not valid JSON (${(error as Error).message}): send it URL-encoded`;
    }
  }
  return null;
}

function check(params: unknown): void {
  if (params === null || typeof params !== 'object') return;
  for (const name of ['variables', 'extensions'] as const) {
    const problem = variablesProblem((params as Record<string, unknown>)[name]);
    if (problem) throw badRequest(`${name} ${problem}`);
  }
}

export function useVariableLimits(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        let parsed: Awaited<ReturnType<typeof requestParser>>;
        try {
          parsed = await requestParser(request);
        } catch (error) {
          const problem = error instanceof SyntaxError ? unparsableParameter(request) : null;
          throw problem ? badRequest(problem) : error;
        }
        if (Array.isArray(parsed)) parsed.forEach(check);
        else check(parsed);
        return parsed;
      });
    },
  };
}
