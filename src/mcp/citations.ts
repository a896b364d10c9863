/**
 * Citations in MCP results
 *
 * Every claim a tool returns carries its evidence in the API's own `Citation` shape, selected
 * whole by one fragment (so no tool can forget the source's licence or a sentence's hedge), with
 * the zod shape that the tools' output schemas use and a one-line rendering for the text a model
 * reads: where the evidence is (an article's section, paragraph and sentence, or a dataset's
 * file, line and record key), how it supports the claim, its hedge, and the source and licence.
 * Each citation names its source's kind (ARTICLE, REGISTRY, DATASET, ...), so an assistant can
 * tell a sentence of the article from a record of DrugCentral or PharmacotherapyDB.
 */
import { z } from 'zod';

const SOURCE_FIELDS = 'source { id title url licence kind }';

const CITATION_FIELDS = `id statement reading hedge section paragraph sentence url ${SOURCE_FIELDS}`;

/** A citation whole, with what its sentence adds (`qualifiers`); spread as `...McpCitation`. */
export const CITATION_FRAGMENT = `fragment McpCitation on Citation {
  ${CITATION_FIELDS} qualifiers { key value } record { file line key fields { key value } }
}`;

/**
 * A citation without `qualifiers` and without its dataset record's `fields`, for the tools that
 * return many statements at once: the cost model counts a whole citation as 73 values, 24 of
 * them its qualifiers and 30 its record's fields (a list it does not bound, taken as ten), and
 * without them (19 values) a profile of baclofen costs 35000 instead of 117000 (over MAX_COST) and four
 * drugs compared fit under MAX_COST. The record's file, line and key stay (its statement
 * restates the fields that matter, and its url points at the line); those tools point to
 * get_statement for the rest. Spread as `...McpCitation` too.
 */
export const BRIEF_CITATION_FRAGMENT = `fragment McpCitation on Citation { ${CITATION_FIELDS} record { file line key } }`;

export const QualifierShape = z.object({ key: z.string(), value: z.string() });

export const SourceShape = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  licence: z.string(),
  kind: z
    .string()
    .describe(
      'ARTICLE: an encyclopedia article, cited by sentence; REGISTRY: a registry of identifiers, cited by record URL; ' +
        'DATASET: a published dataset, cited by file, line and record key',
    ),
});

export const SourceRecordShape = z.object({
  file: z.string().describe('The dataset file, e.g. drugcentral/targets.tsv'),
  line: z.number().int().describe('Its line in that file, from 1 (the header is line 1)'),
  key: z.string().describe("The record's key, e.g. GeneID 781 x DB00996"),
  fields: z
    .array(QualifierShape)
    .optional()
    .describe("The record's fields that bear on the statement, as the file writes them (given by get_statement)"),
});

export const CitationShape = z.object({
  id: z.string().describe('Stable id of this piece of evidence (cite:...), or a registry record'),
  statement: z.string().describe("The fact in the project's own words"),
  reading: z.enum(['DIRECT', 'INFERENCE']).describe('DIRECT: the sentence says it; INFERENCE: it implies it'),
  hedge: z.string().nullable().describe('How the source softens the claim (believed, may, ...); null when plain'),
  section: z.string().nullable(),
  paragraph: z.number().int().nullable(),
  sentence: z.number().int().nullable(),
  url: z.string().describe('Link to the section of the source, to the registry record, or to the dataset line'),
  qualifiers: z
    .array(QualifierShape)
    .optional()
    .describe('What this sentence adds beyond the statement (given by get_statement and find_statements)'),
  source: SourceShape,
  record: SourceRecordShape.nullable().describe("For a dataset's evidence, the record that states it; else null"),
});

export type Citation = z.infer<typeof CitationShape>;
export type Qualifier = z.infer<typeof QualifierShape>;

/**
 * "Pharmacology ¶1 s2" for a sentence of an article; "drugcentral/targets.tsv line 334, record
 * GeneID 781 x DB00996 [actions: modulator, ...]" (the fields when read) for a dataset's record;
 * the registry's title for a registry's record.
 */
function locator(citation: Citation): string {
  const { record } = citation;
  if (record) {
    const fields = record.fields?.length ? ` [${record.fields.map((f) => `${f.key}: ${f.value}`).join(', ')}]` : '';
    return `${record.file} line ${record.line}, record ${record.key}${fields}`;
  }
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
