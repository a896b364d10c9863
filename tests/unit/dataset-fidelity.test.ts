/**
 * Dataset fidelity, with no Neo4j: the kept dataset files are read again here, with a parser of
 * this test's own, and set against the rows the seed would load. For each scope, every record in
 * scope is exactly one piece of evidence, citing the same file, line, key and fields; no piece
 * of evidence cites a record that is not in scope or not in the file; its ends are the entities
 * that carry the record's ids; and every identifier a dataset gives is read from a row that holds it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES_DIR } from '../../seed/datasets/datasetDocuments.js';
import { DEFAULT_DATA_DIR, prepareSeed, SeedDataError } from '../../seed/seedGraph.js';
import type { GraphRows } from '../../seed/toGraph.js';
import type { StoredEvidence } from '../../src/model/storedShapes.js';

type Table = { line: number; row: Record<string, string> }[];
const tables = new Map<string, Table>();

/** A TSV file as this test reads it (once): rows by column name, with their 1-based line. */
function table(file: string): Table {
  if (!tables.has(file)) tables.set(file, readTable(file));
  return tables.get(file)!;
}

function readTable(file: string): Table {
  const [header, ...lines] = readFileSync(join(DEFAULT_SOURCES_DIR, file), 'utf8')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  const columns = header!.split('\t');
  return lines.map((text, i) => {
    const cells = text.split('\t');
    return { line: i + 2, row: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])) };
  });
}

const nonEmpty = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v));

/** What each statement file's record must become: its key, fields, predicate, qualifiers and the ids of its ends. */
const RECORDS = {
  'drugcentral/targets.tsv': (r: Record<string, string>) => ({
    key: `GeneID ${r.GeneID} x ${r.drugbank_id}`,
    fields: nonEmpty({ actions: r.actions!, sources: r.sources!, pubmed_ids: r.pubmed_ids!, urls: r.urls! }),
    predicate: 'ACTS_ON',
    qualifiers: { action: r.actions },
    subject: `DRUGBANK:${r.drugbank_id}`,
    object: `ENTREZ_GENE:${r.GeneID}`,
  }),
  'drugcentral/indications.tsv': (r: Record<string, string>) => ({
    key: `${r.doid_id} x ${r.drugbank_id}`,
    fields: nonEmpty({ category: r.category! }),
    ...indication(r.category!),
    subject: `DRUGBANK:${r.drugbank_id}`,
    object: `DOID:${r.doid_id}`,
  }),
  'pharmacotherapydb/indications.tsv': (r: Record<string, string>) => ({
    key: `${r.doid_id} x ${r.drugbank_id}`,
    fields: { category: r.category!, n_curators: r.n_curators!, n_resources: r.n_resources! },
    ...indication(r.category!),
    subject: `DRUGBANK:${r.drugbank_id}`,
    object: `DOID:${r.doid_id}`,
  }),
  'drugcentral/drug-to-class.tsv': (r: Record<string, string>) => ({
    key: `${r.drugbank_id} x ${r.class_id}`,
    fields: { class_name: r.class_name! },
    predicate: 'MEMBER_OF',
    qualifiers: {},
    subject: `DRUGBANK:${r.drugbank_id}`,
    object: r.class_id!.startsWith('CHEBI:')
      ? `CHEBI:${r.class_id}`
      : r.class_id!.startsWith('N')
        ? `NDFRT:${r.class_id}`
        : `MESH:${r.class_id}`,
  }),
};

function indication(category: string) {
  if (category === 'NOT') return { predicate: 'NOT_INDICATED_FOR', qualifiers: {} };
  const named = ({ DM: 'disease-modifying', SYM: 'symptomatic' } as Record<string, string>)[category];
  return { predicate: 'INDICATED_FOR', qualifiers: { status: 'used', ...(named ? { category: named } : {}) } };
}

/** The graph's DrugBank ids, read from the YAML here: identifiers.yaml and the matches of mappings.yaml. */
let drugBankIds: Set<string> | undefined;
function graphDrugBankIds(): Set<string> {
  if (drugBankIds) return drugBankIds;
  const read = (name: string) => parse(readFileSync(join(DEFAULT_DATA_DIR, name), 'utf8')) as Record<string, unknown>;
  const identifiers = read('identifiers.yaml').identifiers as { namespace: string; value: string }[];
  const matches = read('mappings.yaml').mappings as { namespace: string; value: string }[];
  drugBankIds = new Set([...identifiers, ...matches].filter((i) => i.namespace === 'DRUGBANK').map((i) => i.value));
  return drugBankIds;
}

interface Evidence extends StoredEvidence {
  predicate: string;
  subject: string;
  object: string;
  qualifiers: Record<string, unknown>;
}

function datasetEvidence(rows: GraphRows): Evidence[] {
  return [...rows.relations].flatMap(([predicate, list]) =>
    list.flatMap((r) =>
      (JSON.parse(r.props.citeEvidence!) as StoredEvidence[])
        .filter((e) => e.citeFile)
        .map((e) => ({
          ...e,
          predicate,
          subject: r.subject,
          object: r.object,
          qualifiers: {
            ...Object.fromEntries(r.props.qualifierKeys.map((k) => [k, r.props[k]])),
            ...e.citeQualifiers,
          },
        })),
    ),
  );
}

describe.each(['neighbourhood', 'full'] as const)('the %s datasets', (scope) => {
  let rows: GraphRows;
  let evidence: Evidence[];
  const idsOf = new Map<string, Set<string>>();
  const inScope = (drugbank: string) => scope === 'full' || graphDrugBankIds().has(drugbank);

  beforeAll(() => {
    rows = prepareSeed([DEFAULT_DATA_DIR], { datasets: scope });
    evidence = datasetEvidence(rows);
    for (const i of rows.identifiers) {
      if (!idsOf.has(i.subject)) idsOf.set(i.subject, new Set());
      idsOf.get(i.subject)!.add(i.key);
    }
  });

  it('make each record in scope exactly one piece of evidence, with its file, line, key and fields', () => {
    const byRecord = new Map<string, Evidence[]>();
    for (const e of evidence) {
      const at = `${e.citeFile}:${e.citeLine}`;
      byRecord.set(at, [...(byRecord.get(at) ?? []), e]);
    }
    let expected = 0;
    for (const [file, expect_] of Object.entries(RECORDS)) {
      for (const { line, row } of table(file)) {
        if (!inScope(row.drugbank_id!)) continue;
        expected += 1;
        const want = expect_(row);
        const found = byRecord.get(`${file}:${line}`) ?? [];
        expect(found.length, `${file}:${line}`).toBe(1);
        const [e] = found;
        expect(e!.citeRecordKey).toBe(want.key);
        expect(JSON.parse(e!.citeRecordFields!)).toEqual(want.fields);
        expect(e!.predicate).toBe(want.predicate);
        expect(e!.qualifiers).toEqual(want.qualifiers);
        expect([...(idsOf.get(e!.subject) ?? [])], `${file}:${line} subject`).toContain(want.subject);
        expect([...(idsOf.get(e!.object) ?? [])], `${file}:${line} object`).toContain(want.object);
        byRecord.delete(`${file}:${line}`);
      }
    }
    expect([...byRecord.keys()]).toEqual([]);
    expect(evidence.length).toBe(expected);
  });

  it('cite each identifier a dataset gives to a row of its file that holds it, from a dataset source', () => {
    const datasets = new Set(rows.sources.filter((s) => s.props.kind === 'dataset').map((s) => s.id));
    const files = new Map<string, Map<number, Record<string, string>>>();
    const rowAt = (file: string, line: number) => {
      if (!files.has(file)) files.set(file, new Map(table(file).map((r) => [r.line, r.row])));
      return files.get(file)!.get(line);
    };
    const fromDatasets = rows.identifiers.filter((i) => i.props.citeFile);
    expect(fromDatasets.length).toBeGreaterThan(0);
    for (const { props } of fromDatasets) {
      expect([...datasets], props.key).toContain(props.citeSource);
      const row = rowAt(props.citeFile!, props.citeLine!);
      expect(row, props.key).toBeDefined();
      expect(Object.values(row!).join('\t'), props.key).toContain(props.value);
    }
    for (const { props } of rows.identifiers)
      expect(
        rows.sources.map((s) => s.id),
        props.key,
      ).toContain(props.citeSource);
  });

  it('cite each entity a dataset introduces to a row that names it', () => {
    const introduced = [...rows.entities.values()].flat().filter((e) => e.props.citeFile);
    expect(introduced.length).toBeGreaterThan(0);
    for (const { id, props } of introduced) {
      // Line n is the row at index n - 2 (the header is line 1).
      const row = table(props.citeFile!)[props.citeLine! - 2]!;
      expect(row.line, id).toBe(props.citeLine);
      expect(row, id).toBeDefined();
      // A gene Hetionet does not name is named by its Entrez id ("Entrez Gene 1234").
      const names = Object.values(row.row).some((v) => v === props.name || props.name === `Entrez Gene ${v}`);
      expect(names, `${id} at ${props.citeFile}:${props.citeLine}`).toBe(true);
    }
  });
});

describe('the neighbourhood datasets', () => {
  it('hold the records of the graph drugs: 12 target rows, 28 indication rows and 77 class rows', () => {
    const evidence = datasetEvidence(prepareSeed([DEFAULT_DATA_DIR], { datasets: 'neighbourhood' }));
    const count = (file: string) => evidence.filter((e) => e.citeFile === file).length;
    expect(count('drugcentral/targets.tsv')).toBe(12);
    expect(count('drugcentral/indications.tsv')).toBe(4);
    expect(count('pharmacotherapydb/indications.tsv')).toBe(24);
    expect(count('drugcentral/drug-to-class.tsv')).toBe(77);
  });

  it('are what a load takes by default', () => {
    expect(prepareSeed().version).toBe(prepareSeed(undefined, { datasets: 'neighbourhood' }).version);
  });

  it('leave the article-only load (datasets none) as it was: no dataset source, no record', () => {
    const rows = prepareSeed(undefined, { datasets: 'none' });
    expect(rows.sources.map((s) => s.props.kind)).not.toContain('dataset');
    expect(datasetEvidence(rows)).toEqual([]);
  });
});

describe('a dataset row that does not fit', () => {
  it('is refused, naming the file and line, and nothing is prepared', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dataset-sources-'));
    try {
      cpSync(DEFAULT_SOURCES_DIR, dir, { recursive: true });
      const file = join(dir, 'drugcentral', 'targets.tsv');
      const lines = readFileSync(file, 'utf8').split('\n');
      lines[333] = lines[333]!.replace('\tmodulator\t', '\twobbler\t');
      writeFileSync(file, lines.join('\n'));
      let thrown: unknown;
      try {
        prepareSeed([DEFAULT_DATA_DIR], { datasets: 'neighbourhood', sourcesDir: dir });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SeedDataError);
      const problems = (thrown as SeedDataError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: 'line 334', message: expect.stringContaining('actions') });
      expect(problems[0]!.file).toMatch(/drugcentral\/targets\.tsv$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
