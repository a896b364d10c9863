/**
 * Aliases
 *
 * An entity's synonyms are names the article uses for it, and each is cited to a sentence where
 * the article uses it: a plain synonym to the sentence the entity cites, a located one to its
 * own locator. The loader stores them as JSON text on the entity (`aliasesJson`: Neo4j
 * properties cannot hold maps); the API reads them back as Alias objects, and the export as the
 * citation of each synonym fact.
 */
import { statementPath } from './resourceUrls.js';
import { toCitation, type Citation, type SourceIndex } from './citations.js';
import type { Locator, Synonym } from './seedDocuments.js';
import type { StoredAlias, StoredEntity } from './storedShapes.js';

/** An alias as the API shows it. */
export interface Alias {
  /** The id of the entity's synonym fact for this name (the export's). */
  id: string;
  name: string;
  citation: Citation;
  citations: Citation[];
  /** The synonym fact's path; the API joins it to its public URL. */
  url: string;
}

/** The id of the fact that `name` is a synonym of entity `entityId`, in the API and the export. */
export const synonymFactId = (entityId: string, name: string) => `${entityId}#synonym:${name}`;

export const synonymName = (synonym: Synonym): string => (typeof synonym === 'string' ? synonym : synonym.name);

/** The sentence where the article uses a synonym: its own locator, else the entity's sentence. */
export function synonymLocator(synonym: Synonym, entitySentence: Locator): Locator {
  const at = typeof synonym === 'string' ? entitySentence : synonym;
  return { section: at.section, paragraph: at.paragraph, sentence: at.sentence };
}

/** What an alias's citation says, in the project's words: that the name names the entity. */
export const aliasStatement = (alias: string, entityName: string) => `"${alias}" names ${entityName}.`;

/** The stored aliases of an entity, in data order; none for a graph loaded before they existed. */
export const storedAliases = (props: Pick<StoredEntity, 'aliasesJson'>): StoredAlias[] =>
  props.aliasesJson ? (JSON.parse(props.aliasesJson) as StoredAlias[]) : [];

export const toAliases = (props: Pick<StoredEntity, 'id' | 'aliasesJson'>, sources: SourceIndex): Alias[] =>
  storedAliases(props).map((alias) => {
    const citation = toCitation(alias, sources);
    const id = synonymFactId(props.id, alias.name);
    return { id, name: alias.name, citation, citations: [citation], url: statementPath(id) };
  });
