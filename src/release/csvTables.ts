/**
 * CSV tables of a release
 *
 * The facts as five tables that pandas, R or a spreadsheet read without help: entities,
 * statements (one row per fact of facts.jsonl), qualifiers in long form (one row per key of a
 * statement, which pandas pivots to columns), citations (one row per piece of evidence) and
 * sources. Each table's columns are named here once; docs/releases.md says what each means.
 *
 * The text is UTF-8 and RFC 4180: a header row, CRLF between records, a field quoted when it
 * holds a comma, a quote or any line break (csv-stringify quotes only its own record delimiter
 * unless told), an empty field for no value. Every value is written as the API gives it: a
 * citation through `fromFactCitation`, a qualifier through `toQualifiers` (a list as one text,
 * its items joined by commas), so a table and a GraphQL answer never disagree.
 */
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ExportedFact } from '../graph/facts.js';
import { openTextFile, type TextFile } from '../graph/exportGraph.js';
import { fromFactCitation, toQualifiers, type Qualifier, type SourceIndex } from '../model/citations.js';
import { entityUrl, statementUrl } from '../model/resourceUrls.js';
import { ENTITY_FACTS } from '../model/vocabulary.js';
import type { ReleaseSource } from './manifest.js';

export const CSV_COLUMNS = {
  entities: ['id', 'kind', 'name', 'synonyms', 'date', 'end_year', 'url'],
  statements: ['id', 'subject', 'predicate', 'object', 'value', 'low', 'high', 'unit', 'citations', 'url'],
  qualifiers: ['statement_id', 'key', 'value'],
  citations: [
    'statement_id',
    'ordinal',
    'citation_id',
    'source',
    'section',
    'paragraph',
    'sentence',
    'record_file',
    'record_line',
    'record_key',
    'record_fields',
    'url',
    'statement',
    'hedge',
    'reading',
    'qualifiers',
  ],
  sources: ['id', 'kind', 'title', 'url', 'licence', 'attribution', 'citation', 'as_of'],
} as const;

export type CsvTable = keyof typeof CSV_COLUMNS;
export const CSV_TABLES = Object.keys(CSV_COLUMNS) as CsvTable[];
export const csvFileName = (table: CsvTable) => `${table}.csv`;

type Cell = string | number | null | undefined;
type Row<T extends CsvTable> = Record<(typeof CSV_COLUMNS)[T][number], Cell>;

/** Separates an entity's synonyms in one field (none holds it; HGNC writes lists the same way). */
export const SYNONYM_SEPARATOR = ' | ';

const csvText = (table: CsvTable, rows: object[], header: boolean) =>
  stringify(rows, {
    header,
    columns: [...CSV_COLUMNS[table]],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });

/** Key-value pairs as a JSON object in one field, or an empty field when there are none. */
const jsonField = (pairs: Qualifier[]) =>
  pairs.length ? JSON.stringify(Object.fromEntries(pairs.map((p) => [p.key, p.value]))) : null;

export function statementRow(fact: ExportedFact, base: string): Row<'statements'> {
  return {
    id: fact.id,
    subject: fact.subject,
    predicate: fact.predicate,
    object: fact.object,
    value: fact.value,
    low: fact.low,
    high: fact.high,
    unit: fact.unit,
    citations: fact.citations.length,
    url: statementUrl(base, fact.id),
  };
}

export const qualifierRows = (fact: ExportedFact): Row<'qualifiers'>[] =>
  toQualifiers(fact.qualifiers).map(({ key, value }) => ({ statement_id: fact.id, key, value }));

export function citationRows(fact: ExportedFact, sources: SourceIndex): Row<'citations'>[] {
  return fact.citations.map((evidence, i) => {
    const citation = fromFactCitation({ ...fact, citation: evidence }, sources);
    return {
      statement_id: fact.id,
      ordinal: i + 1,
      citation_id: citation.id,
      source: evidence.source,
      section: citation.section,
      paragraph: citation.paragraph,
      sentence: citation.sentence,
      record_file: citation.record?.file,
      record_line: citation.record?.line,
      record_key: citation.record?.key,
      record_fields: citation.record ? jsonField(citation.record.fields) : null,
      url: citation.url,
      statement: citation.statement,
      hedge: citation.hedge,
      reading: citation.reading,
      qualifiers: jsonField(citation.qualifiers),
    };
  });
}

export const sourceRow = (source: ReleaseSource): Row<'sources'> => ({
  id: source.id,
  kind: source.kind,
  title: source.title,
  url: source.url,
  licence: source.licence,
  attribution: source.attribution,
  citation: source.citation,
  as_of: source.asOf,
});

/** An entity's row, filled from its own facts (name, synonym, kind, date, endYear) as they come. */
function addToEntity(entities: Map<string, Row<'entities'>>, fact: ExportedFact, base: string): void {
  if (!(ENTITY_FACTS as readonly string[]).includes(fact.predicate)) return;
  let row = entities.get(fact.subject);
  if (!row) {
    row = {
      id: fact.subject,
      kind: null,
      name: null,
      synonyms: null,
      date: null,
      end_year: null,
      url: entityUrl(base, fact.subject),
    };
    entities.set(fact.subject, row);
  }
  const value = fact.value ?? null;
  if (fact.predicate === 'name') row.name = value;
  if (fact.predicate === 'kind') row.kind = value;
  if (fact.predicate === 'date') row.date = value;
  if (fact.predicate === 'endYear') row.end_year = value;
  if (fact.predicate === 'synonym') row.synonyms = row.synonyms ? `${row.synonyms}${SYNONYM_SEPARATOR}${value}` : value;
}

/** The tables of a release being written into a folder. */
export interface CsvTables {
  /** Writes a page of facts' statements, qualifiers and citations, and keeps their entities' rows. */
  add(facts: ExportedFact[], sources: SourceIndex): Promise<void>;
  /** Writes the entities and the sources, closes every file, and returns each table's rows. */
  end(sources: ReleaseSource[]): Promise<Record<CsvTable, number>>;
  /** Closes every file at once, after a failure. */
  destroy(): void;
}

/**
 * Opens the five tables in `dir`, each with its header. Entity rows wait for the end, since an
 * entity's facts may span two pages; there is one small row per entity, far fewer than facts.
 */
export async function openCsvTables(dir: string, base: string): Promise<CsvTables> {
  const files = {} as Record<CsvTable, TextFile>;
  const counts = {} as Record<CsvTable, number>;
  for (const table of CSV_TABLES) {
    files[table] = openTextFile(join(dir, csvFileName(table)));
    counts[table] = 0;
  }
  const entities = new Map<string, Row<'entities'>>();
  const write = async <T extends CsvTable>(table: T, rows: Row<T>[], header = false) => {
    counts[table] += rows.length;
    if (rows.length || header) await files[table].write(csvText(table, rows, header));
  };
  try {
    for (const table of CSV_TABLES) await write(table, [], true);
  } catch (error) {
    for (const table of CSV_TABLES) files[table].destroy();
    throw error;
  }
  return {
    async add(facts, sources) {
      for (const fact of facts) addToEntity(entities, fact, base);
      await write(
        'statements',
        facts.map((fact) => statementRow(fact, base)),
      );
      await write('qualifiers', facts.flatMap(qualifierRows));
      await write(
        'citations',
        facts.flatMap((fact) => citationRows(fact, sources)),
      );
    },
    async end(sources) {
      await write('entities', [...entities.values()]);
      await write('sources', sources.map(sourceRow));
      for (const table of CSV_TABLES) await files[table].end();
      return counts;
    },
    destroy() {
      for (const table of CSV_TABLES) files[table].destroy();
    },
  };
}
