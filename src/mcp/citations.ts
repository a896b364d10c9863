/**
 * Citations in MCP results
 *
 * Every claim a tool returns carries its evidence in the API's own `Citation` shape, selected
 * whole by one fragment (so no tool can forget the source's licence or a sentence's hedge), with
 * the zod shape that the tools' output schemas use and a one-line rendering for the text a model
 * reads: where the sentence is, how it supports the claim, its hedge, and the source and licence.
 */
import { z } from 'zod';

const CITATION_FIELDS = 'id statement reading hedge section paragraph sentence url source { id title url licence }';

/** A citation whole, with what its sentence adds (`qualifiers`); spread as `...McpCitation`. */
export const CITATION_FRAGMENT = `fragment McpCitation on Citation { ${CITATION_FIELDS} qualifiers { key value } }`;

/**
 * A citation without `qualifiers`, for the tools that return many statements at once: the cost
 * model counts a citation's qualifiers as 24 of its 38 values, and without them an entity's
 * profile costs 27000 instead of 64000 and six drugs compared fit under MAX_COST. Those tools
 * point to get_statement for the rest. Spread as `...McpCitation` too.
 */
export const BRIEF_CITATION_FRAGMENT = `fragment McpCitation on Citation { ${CITATION_FIELDS} }`;

export const QualifierShape = z.object({ key: z.string(), value: z.string() });

export const SourceShape = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  licence: z.string(),
});

export const CitationShape = z.object({
  id: z.string().describe('Stable id of this piece of evidence (cite:...), or a registry record'),
  statement: z.string().describe("The fact in the project's own words"),
  reading: z.enum(['DIRECT', 'INFERENCE']).describe('DIRECT: the sentence says it; INFERENCE: it implies it'),
  hedge: z.string().nullable().describe('How the source softens the claim (believed, may, ...); null when plain'),
  section: z.string().nullable(),
  paragraph: z.number().int().nullable(),
  sentence: z.number().int().nullable(),
  url: z.string().describe('Link to the section of the source, or to the registry record'),
  qualifiers: z
    .array(QualifierShape)
    .optional()
    .describe('What this sentence adds beyond the statement (given by get_statement and find_statements)'),
  source: SourceShape,
});

export type Citation = z.infer<typeof CitationShape>;
export type Qualifier = z.infer<typeof QualifierShape>;

/** "Pharmacology ¶1 s2" for a sentence of an article; the registry's title for a record. */
function locator(citation: Citation): string {
  if (citation.section === null) return citation.source.title;
  const place = [citation.section];
  if (citation.paragraph !== null) place.push(`¶${citation.paragraph}`);
  if (citation.sentence !== null) place.push(`s${citation.sentence}`);
  return place.join(' ');
}

/** One line: the evidence, where it is, how it reads, and under what licence. */
export function renderCitation(citation: Citation): string {
  const how = [citation.reading, citation.hedge ? `hedge: ${citation.hedge}` : null].filter(Boolean).join(', ');
  return `[${citation.id}] "${citation.statement}" (${locator(citation)}; ${how}) ${citation.source.title}, ${citation.source.licence}: ${citation.url}`;
}

/** `key: value, ...`, or nothing. */
export function renderQualifiers(qualifiers: readonly Qualifier[]): string {
  return qualifiers.length ? ` (${qualifiers.map((q) => `${q.key}: ${q.value}`).join(', ')})` : '';
}
