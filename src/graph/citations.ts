/**
 * Citations and qualifiers
 *
 * How stored citation and qualifier properties (written by seed/toGraph.ts) become the API's
 * Citation and Qualifier objects. An article citation deep-links to its section.
 */
export interface SourceRow {
  id: string;
  kind: 'article' | 'registry';
  title: string;
  url: string;
  licence: string;
}

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

export function toCitation(props: Record<string, unknown>, sources: SourceIndex): Citation {
  const source = sources.get(String(props.citeSource));
  if (!source) throw new Error(`fact cites unknown source ${String(props.citeSource)}`);
  const section = (props.citeSection as string | undefined) ?? null;
  return {
    source,
    section,
    paragraph: (props.citeParagraph as number | undefined) ?? null,
    sentence: (props.citeSentence as number | undefined) ?? null,
    url: sectionUrl(source, section),
    statement: String(props.citeStatement),
    hedge: (props.citeHedge as string | undefined) ?? null,
  };
}

const asText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** Qualifiers of a relationship, in the order of their stored key list. */
export function relationQualifiers(props: Record<string, unknown>): Qualifier[] {
  const keys = (props.qualifierKeys as string[] | undefined) ?? [];
  return keys
    .filter((key) => props[key] !== undefined && props[key] !== null)
    .map((key) => ({ key, value: asText(props[key]) }));
}

/** Qualifiers of a literal, stored as JSON text. */
export function literalQualifiers(props: Record<string, unknown>): Qualifier[] {
  const parsed = JSON.parse(String(props.qualifiers ?? '{}')) as Record<string, unknown>;
  return Object.entries(parsed).map(([key, value]) => ({ key, value: asText(value) }));
}
