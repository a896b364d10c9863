/**
 * Errors in the request itself
 *
 * What validation and variable coercion report, made useful and safe for clients:
 * - a literal argument of the wrong type or out of its scalar's range (`first: 2147483648`) is
 *   BAD_USER_INPUT naming the argument and its field, rather than a bare value;
 * - a variable that does not coerce is BAD_USER_INPUT (its message names the variable), and
 *   any other error of the request as a whole (a mutation or a subscription, which this API has
 *   not, by GET or POST alike) is BAD_REQUEST;
 * - unless suggestions are on, "Did you mean ...?" is cut from every message: field, argument,
 *   type and enum value suggestions alike, in validation and variable errors (graphql-armor's
 *   field-suggestion blocker matches field suggestions only, so it let enum values through).
 */
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = /\s*Did you mean .+\?$/s;

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/** The argument (and its field) whose value holds `node`. */
function argumentHolding(document: DocumentNode, node: ASTNode): { field: string; argument: string } | null {
  const at = node.loc?.start;
  if (at === undefined) return null;
  const fields: string[] = [];
  let found: { field: string; argument: string } | null = null;
  visit(document, {
    Field: { enter: (field) => void fields.push(field.name.value), leave: () => void fields.pop() },
    Directive: {
      enter: (directive) => void fields.push(`@${directive.name.value}`),
      leave: () => void fields.pop(),
    },
    Argument(argument) {
      const value = argument.value.loc;
      if (!found && value && value.start <= at && at < value.end) {
        found = { field: fields[fields.length - 1] ?? '', argument: argument.name.value };
      }
    },
  });
  return found;
}

function withMessage(error: GraphQLError, message: string, code?: string): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: code ? { ...error.extensions, code } : error.extensions,
  });
}

/** Errors with no path are the request's, raised before any field ran: each gets a code. */
function codeRequestErrors<R extends object>(result: R, setResult: (result: R) => void, tidy: (m: string) => string) {
  if (!('errors' in result)) return;
  const errors = result.errors as readonly GraphQLError[] | undefined;
  if (!errors?.some((e) => !e.path && !e.extensions?.code)) return;
  setResult({
    ...result,
    errors: errors.map((error) => {
      if (error.path || error.extensions?.code) return error;
      return error.message.startsWith('Variable "$')
        ? withMessage(error, tidy(error.message), 'BAD_USER_INPUT')
        : withMessage(error, tidy(error.message), 'BAD_REQUEST');
    }),
  });
}

export function useRequestErrors(options: { suggestions: boolean }): Plugin {
  const tidy = (message: string) => (options.suggestions ? message : message.replace(SUGGESTION, ''));
  return {
    onValidate({ params }) {
      return ({ valid, result, setResult }) => {
        if (valid) return;
        setResult(
          (result as GraphQLError[]).map((error) => {
            const node = error.nodes?.[0];
            const held = node && VALUE_KINDS.has(node.kind) ? argumentHolding(params.documentAST, node) : null;
            if (held) {
              const where = held.field.startsWith('@') ? held.field : `"${held.field}"`;
              return withMessage(
                error,
                `invalid value for argument "${held.argument}" of ${where}: ${tidy(error.message)}`,
                'BAD_USER_INPUT',
              );
            }
            const message = tidy(error.message);
            return message === error.message ? error : withMessage(error, message);
          }),
        );
      };
    },
    onExecute() {
      return { onExecuteDone: ({ result, setResult }) => codeRequestErrors(result, setResult, tidy) };
    },
    // graphql-js answers a subscription to a schema without any through subscribe, not execute.
    onSubscribe() {
      return { onSubscribeResult: ({ result, setResult }) => codeRequestErrors(result, setResult, tidy) };
    },
  };
}
