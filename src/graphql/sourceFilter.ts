/**
 * The `sources` argument
 *
 * A drug's lists and every entity's `relations` take `sources: [ID!]`: only the statements with
 * at least one piece of evidence from one of those sources. A statement kept keeps all of its
 * evidence, so the object a client caches under its id reads the same with or without the
 * argument. An id that names no loaded source is refused before anything is filtered, listing
 * the loaded ones (meta.sources).
 */
import { storedEvidence, type SourceIndex } from '../model/citations.js';
import type { StoredStatement } from '../model/storedShapes.js';
import { badInput } from './arguments.js';

export interface SourcesArg {
  sources?: readonly string[] | null;
}

/** Whether a statement rests on one of the sources asked for (every statement when none is asked). */
export function fromSources(args: SourcesArg, loaded: SourceIndex): (props: StoredStatement) => boolean {
  if (args.sources == null) return () => true;
  const unknown = args.sources.filter((id) => !loaded.has(id));
  if (unknown.length > 0)
    throw badInput(
      `sources: ${unknown.map((id) => JSON.stringify(id)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not loaded; ` +
        `the loaded sources are ${[...loaded.keys()].sort().join(', ')}`,
    );
  const wanted = new Set(args.sources);
  return (props) => storedEvidence(props).some((evidence) => wanted.has(evidence.citeSource));
}
