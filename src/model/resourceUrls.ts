/**
 * Resource URLs
 *
 * Where anyone can open an entity, a statement or a release file without writing GraphQL, and
 * the IRIs the RDF releases give the same things: one scheme, so a link in an app, a citation in
 * a paper and a subject in a SPARQL query all name the same resource. An id is one path segment
 * (its `:` kept, everything else a URI component), so `drug:baclofen` is `/entities/drug:baclofen`
 * and a view's id `fact:1a2b/incoming` is `/statements/fact:1a2b%2Fincoming`.
 */

export const ENTITY_PATH = '/entities/';
export const STATEMENT_PATH = '/statements/';
export const RELEASE_PATH = '/releases/';
/** The vocabulary of predicates and kinds, as RDF names them. */
export const VOCABULARY_PATH = '/vocabulary/';
/** The path segment of the release that follows the data version the API serves. */
export const LATEST_RELEASE = 'latest';

/** An id as one path segment. */
export const pathSegment = (id: string) => encodeURIComponent(id).replaceAll('%3A', ':');

/** The id a path segment names, or null when it is not one this scheme writes. */
export function idOfSegment(segment: string): string | null {
  try {
    const id = decodeURIComponent(segment);
    return id.length > 0 ? id : null;
  } catch {
    return null;
  }
}

/** `base` without a trailing slash, so paths join it cleanly. */
const trimmed = (base: string) => base.replace(/\/+$/, '');

/** A statement's path, joined to the public URL when the API answers (src/graphql/urlResolvers.ts). */
export const statementPath = (id: string) => `${STATEMENT_PATH}${pathSegment(id)}`;

export const entityUrl = (base: string, id: string) => `${trimmed(base)}${ENTITY_PATH}${pathSegment(id)}`;
export const statementUrl = (base: string, id: string) => `${trimmed(base)}${statementPath(id)}`;
export const vocabularyIri = (base: string, term: string) => `${trimmed(base)}${VOCABULARY_PATH}${pathSegment(term)}`;
export const releaseUrl = (base: string, version: string, file: string) =>
  `${trimmed(base)}${RELEASE_PATH}${pathSegment(version)}/${pathSegment(file)}`;
