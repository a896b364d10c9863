/**
 * Citations and qualifiers
 *
 * How stored citation and qualifier properties (written by seed/toGraph.ts) become the API's
 * Citation and Qualifier objects. An article citation deep-links to its section.
 */
import type { StoredCitation, StoredLiteral, StoredRelation, StoredSource } from './storedShapes.js';

export type SourceRow = StoredSource;

export interface Citation {
  source: SourceRow;
  section: string | null;
  paragraph: number | null;
  sentence: number | null;
  url: string;
  statement: string;
  hedge: string | null;
}

export interface Qualifier {
  key: string;
  value: string;
}

export type SourceIndex = Map<string, SourceRow>;

export const indexSources = (sources: SourceRow[]): SourceIndex => new Map(sources.map((s) => [s.id, s]));

/** Link to the section of an article: "Lead" is the top of the page. */
export function sectionUrl(source: SourceRow, section: string | null): string {
  if (!section || section === 'Lead') return source.url;
  return `${source.url}#${encodeURIComponent(section.replace(/ /g, '_'))}`;
}

export function toCitation(props: StoredCitation, sources: SourceIndex): Citation {
  const source = sources.get(props.citeSource);
  if (!source) throw new Error(`fact cites unknown source ${props.citeSource}`);
  const section = props.citeSection ?? null;
  return {
    source,
    section,
    paragraph: props.citeParagraph ?? null,
    sentence: props.citeSentence ?? null,
    url: sectionUrl(source, section),
    statement: props.citeStatement,
    hedge: props.citeHedge ?? null,
  };
}

const asText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** Qualifiers of a relationship, in the order of their stored key list. */
export function relationQualifiers(props: StoredRelation): Qualifier[] {
  const keys = props.qualifierKeys ?? [];
  return keys
    .filter((key) => props[key] !== undefined && props[key] !== null)
    .map((key) => ({ key, value: asText(props[key]) }));
}

/** Qualifiers of a literal, stored as JSON text. */
export function literalQualifiers(props: StoredLiteral): Qualifier[] {
  const parsed = JSON.parse(props.qualifiers || '{}') as Record<string, unknown>;
  return Object.entries(parsed).map(([key, value]) => ({ key, value: asText(value) }));
}
