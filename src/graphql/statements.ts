/**
 * Statement fields
 *
 * What every fact-shaped API object carries, built one way: its id, its first citation and all
 * of its evidence. A statement seen from its object (an incoming relation, an analogue seen
 * from the parent drug) is another view of it, with the same field values only from that side,
 * so its id gets a suffix: a client cache that keys objects by id never merges the two views.
 */
import { createHash } from 'node:crypto';
import { toCitations, type SourceIndex } from '../model/citations.js';
import { statementPath } from '../model/resourceUrls.js';
import type { StoredRelation, StoredStatement } from '../model/storedShapes.js';
import { statementOf, viewId } from '../model/statementViews.js';
import type { RelationValue } from './values.js';

export { statementOf, viewId };

/**
 * Id, first citation, every citation and the statement's path (src/graphql/urlResolvers.ts
 * joins it to the public URL) of a stored statement.
 */
export const statementFields = (props: StoredStatement, id: string, sources: SourceIndex) => {
  const citations = toCitations(props, sources);
  return { id, citation: citations[0]!, citations, url: statementPath(statementOf(id)) };
};

/** A relationship's statement fields, for objects seen only from its subject. */
export const relationStatement = (props: StoredRelation, sources: SourceIndex) =>
  statementFields(props, props.factId, sources);

/** A relationship's statement fields as seen from the entity it was read from. */
export const relationView = (r: RelationValue) => ({
  ...statementFields(r.row.props, viewId(r.row.props.factId, r.direction), r.owner.sources),
  statementId: r.row.props.factId,
});

/** The statement fields of a relationship read from its subject's profile. */
export const ownStatement = (r: RelationValue) => relationStatement(r.row.props, r.owner.sources);

/** A stable id for an object made of statements (a hop, a path): a prefix and a hash of its parts. */
export const shortId = (prefix: string, parts: string[]) =>
  `${prefix}:${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16)}`;
