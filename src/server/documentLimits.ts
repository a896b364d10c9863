/**
 * Document limits
 *
 * graphql-armor's limits on a document's shape: tokens (while parsing), depth, aliases and
 * directives (as validation rules). Each stops its phase at the first limit passed, so an
 * abusive document costs little, and each refusal carries its own code and is answered as
 * validation errors are (400 for clients that accept application/graphql-response+json).
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';

export type DocumentLimits = Pick<Config, 'MAX_TOKENS' | 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_DIRECTIVES'>;

/**
 * Gives armor's error, before it is thrown, a code and advice; armor calls every message a
 * "Syntax Error", which only the token limit is.
 */
function coded(code: string, advice: string) {
  return {
    onReject: [
      (_: unknown, error: GraphQLError) => {
        if (code !== 'TOO_MANY_TOKENS') error.message = error.message.replace(/^Syntax Error: /, '');
        error.message = `${error.message} ${advice}`;
        Object.assign(error.extensions, { code, http: { status: 400, spec: true } });
      },
    ],
  };
}

export function useDocumentLimits(limits: DocumentLimits): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.MAX_TOKENS, ...coded('TOO_MANY_TOKENS', 'Send a shorter document.') }),
    maxDepthPlugin({
      n: limits.MAX_DEPTH,
      flattenFragments: true,
      ...coded('QUERY_TOO_DEEP', 'Nest fewer selections.'),
    }),
    maxAliasesPlugin({ n: limits.MAX_ALIASES, ...coded('TOO_MANY_ALIASES', 'Send fewer aliases.') }),
    maxDirectivesPlugin({ n: limits.MAX_DIRECTIVES, ...coded('TOO_MANY_DIRECTIVES', 'Use fewer directives.') }),
  ] as Plugin[];
}
