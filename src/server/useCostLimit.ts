/**
 * Cost limit
 *
 * Refuses, before it runs, an operation whose answer could hold more values than the limit:
 * its cost under this API's cost model (`costModel.ts`), which counts list bounds times aliases
 * and reads the arguments and variables actually sent. The refusal is a GraphQL error with the
 * code QUERY_TOO_COSTLY and the cost found, sent as validation errors are.
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

/** Worked out once per execution; the expensive-work limit reads it too. */
const costs = new WeakMap<object, number>();

/**
 * Costs by parsed document (kept as long as yoga's document cache keeps it) and variable
 * values; a few per document, since each new set of values is a new entry.
 */
const byDocument = new WeakMap<DocumentNode, Map<string, number>>();
const MAX_KNOWN_PER_DOCUMENT = 16;

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
  // A document repeated with other values for variables it does not use costs the same.
  const key = `${operationName ?? ''} ${JSON.stringify(coerced.coerced)}`;
  let known = byDocument.get(document);
  if (!known) byDocument.set(document, (known = new Map()));
  let cost = known.get(key);
  if (cost === undefined) {
    const fragments = document.definitions.filter(
      (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
    );
    cost = operationCost(schema, COST_MODEL, operation, fragments, coerced.coerced);
    if (known.size < MAX_KNOWN_PER_DOCUMENT) known.set(key, cost);
  }
  return cost;
}

/** The cost of the operation an execution runs, worked out once. */
export function requestCost(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}): number {
  let cost = costs.get(args);
  if (cost === undefined) {
    cost = costOf(args.schema, args.document, args.operationName, args.variableValues);
    costs.set(args, cost);
  }
  return cost;
}

/**
 * Checked as execution starts: the document is valid by then (the depth and alias limits have
 * spoken, and the model only ever sees valid documents) and its validation is cached, which a
 * refusal thrown from validation would prevent.
 */
export function useCostLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = requestCost(args);
      if (cost <= maxCost) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `this operation could return up to ${cost} values, over the limit of ${maxCost}: ask for fewer aliases, ` +
              'smaller lists (first, maxHops, depth) or fewer fields',
            { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost, http: { status: 400, spec: true } } },
          ),
        ],
      });
    },
  };
}
