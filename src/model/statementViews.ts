/**
 * Statement views
 *
 * A statement is read from its subject or from its object; the view from the object has the
 * statement's id with `/incoming`, so a client cache never merges the two. One place for that
 * rule, for the resolvers, `node`, the URLs and the pages.
 */
import type { Direction } from './statementReading.js';

const INCOMING = '/incoming';

/** The id of a statement as seen from one of its ends. */
export const viewId = (statementId: string, direction: Direction) =>
  direction === 'OUTGOING' ? statementId : `${statementId}${INCOMING}`;

/** Whether an id is the view of a statement from its object. */
export const isIncomingView = (id: string) => id.endsWith(INCOMING);

/** A view's statement id: its own id without the suffix of the view from the object. */
export const statementOf = (id: string) => (isIncomingView(id) ? id.slice(0, -INCOMING.length) : id);
