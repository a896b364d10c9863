/**
 * Cost limit
 *
 * Refuses, before it is validated or run, an operation whose answer could hold more values
 * than the limit: its cost under this API's cost model (`costModel.ts`), which counts list
 * bounds times aliases and reads the arguments and variables actually sent. The refusal is a
 * GraphQL error with the code QUERY_TOO_COSTLY and the cost found, sent as validation errors
 * are.
 *
 * graphql-armor's cost limit is not used: it sees only the document's shape (no field types,
 * so no list sizes; of the arguments only a literal `first`, multiplied without bound, so
 * `first: 2147483648` read as a cost of billions) and no variables.
 */
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { COST_MODEL } from './costModel.js';
import { operationCost } from './operationCost.js';

/** The request as validation sees it: yoga's context holds the request's parameters. */
interface RequestContext {
  params?: { operationName?: string | null; variables?: Record<string, unknown> | null };
}

/** Worked out once per request, keyed by its context; the expensive-work limit reads it too. */
const costs = new WeakMap<object, number>();

/**
 * The cost of the operation a document runs with these variables. Zero when the variables do
 * not coerce or no operation is chosen: the request then fails with that error before any
 * resolver runs.
 */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (!coerced.coerced) return 0;
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return operationCost(schema, COST_MODEL, operation, fragments, coerced.coerced);
}

/** The cost of the request being executed, as the cost limit found it. */
export function requestCost(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  contextValue?: unknown;
}): number {
  const known = args.contextValue ? costs.get(args.contextValue) : undefined;
  return known ?? costOf(args.schema, args.document, args.operationName, args.variableValues);
}

/**
 * Checked as validation starts, so a refused operation costs no validation; thrown rather than
 * returned as a validation result, because yoga caches those by document and the cost depends
 * on the variables too.
 */
export function useCostLimit(maxCost: number): Plugin {
  return {
    onValidate({ params: { schema, documentAST }, context }) {
      const request = context as RequestContext;
      const cost = costOf(schema, documentAST, request.params?.operationName, request.params?.variables);
      costs.set(context, cost);
      if (cost <= maxCost) return;
      throw new GraphQLError(
        `this operation could return up to ${cost} values, over the limit of ${maxCost}: ask for fewer aliases, ` +
          'smaller lists (first, maxHops, depth) or fewer fields',
        { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400, spec: true } } },
      );
    },
  };
}
