/**
 * What an entity's or a statement's page holds
 *
 * One resource, whatever form it is sent in: its title and a line about it, its JSON (the bulk
 * export's shape, each statement with its URL), the facts its JSON-LD is made of, and the
 * sections of its web page. An entity's page has the statements it is the subject of and those
 * others state of it; a statement's page (a view's id names its statement) has the statement with
 * every piece of evidence.
 */
import { entityFacts } from '../graph/entityFacts.js';
import type { ExportedFact } from '../graph/facts.js';
import { statementsById } from '../graph/statementsById.js';
import { entityUrl, statementUrl } from '../model/resourceUrls.js';
import { statementOf } from '../model/statementViews.js';
import type { StoredSource } from '../model/storedShapes.js';
import type { Reader } from '../neo4j/database.js';

export interface Resource {
  title: string;
  subtitle: string;
  json: Record<string, unknown>;
  /** What its JSON-LD states. */
  facts: ExportedFact[];
  sections: { heading: string; facts: ExportedFact[]; subjectShown?: boolean }[];
  sources: StoredSource[];
}

export type ReadResource = (database: Reader, base: string, id: string) => Promise<Resource | null>;

const withUrl = (base: string) => (fact: ExportedFact) => ({ url: statementUrl(base, fact.id), ...fact });

export const entityResource: ReadResource = async (database, base, id) => {
  const found = await entityFacts(database, id);
  if (!found) return null;
  const own = (predicate: string) => found.own.find((f) => f.predicate === predicate)?.value;
  const name = String(own('name') ?? id);
  const kind = String(own('kind') ?? '');
  return {
    title: name,
    subtitle: `${kind} ${id}: ${found.own.length} statements about it, ${found.incoming.length} from other entities.`,
    json: {
      id,
      url: entityUrl(base, id),
      name,
      kind,
      statements: found.own.map(withUrl(base)),
      statementsAboutIt: found.incoming.map(withUrl(base)),
    },
    facts: [...found.own, ...found.incoming],
    sections: [
      { heading: 'What the sources state of it', facts: found.own },
      { heading: 'What they state of others about it', facts: found.incoming, subjectShown: true },
    ],
    sources: found.sources,
  };
};

export const statementResource: ReadResource = async (database, base, id) => {
  const { byId, sources } = await statementsById(database, [statementOf(id)]);
  const fact = byId.get(statementOf(id));
  if (!fact) return null;
  return {
    title: `${fact.subject} ${fact.predicate} ${fact.object ?? fact.value ?? ''}`.trim(),
    subtitle: `Statement ${fact.id}, with its ${fact.citations.length} piece(s) of evidence.`,
    json: {
      ...withUrl(base)(fact),
      subjectUrl: entityUrl(base, fact.subject),
      ...(fact.object ? { objectUrl: entityUrl(base, fact.object) } : {}),
    },
    facts: [fact],
    sections: [{ heading: 'The statement', facts: [fact], subjectShown: true }],
    sources,
  };
};
