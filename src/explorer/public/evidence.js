/**
 * Evidence of a statement
 *
 * A drawn edge is one statement, which may rest on several sentences. The neighbourhood brings
 * only the first of them; the rest are read from the statement's subject when the reader opens
 * the edge, once per statement, and kept for the next time.
 */
import { EVIDENCE_OF, graphql } from './api.js';

export function evidenceLoader() {
  const loaded = new Map();

  /** Every citation of the statement `id` (`type` from `subject`), first one first. */
  return function evidenceOf({ id, subject, type }) {
    if (!loaded.has(id)) {
      const request = graphql(EVIDENCE_OF, { subject, type }).then(({ entity }) => {
        const relation = entity?.relations.find((r) => r.statementId === id);
        if (!relation) throw new Error(`the API no longer knows the statement ${id}`);
        return relation.citations;
      });
      // A failed load is asked again next time rather than remembered.
      request.catch(() => loaded.delete(id));
      loaded.set(id, request);
    }
    return loaded.get(id);
  };
}
