/**
 * The README's "Data for researchers" runs as printed: its pandas snippet over a release's CSVs
 * lists baclofen's targets with each piece of evidence, as the API gives them, and its SPARQL
 * query over the release's N-Triples (rdflib, through docs/sparql/run.py) finds the statements
 * cited to the article's Pharmacodynamics paragraph 2, as the API's statements say.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFacts, type ExportedFact } from '../src/graph/facts.js';
import { statementUrl } from '../src/model/resourceUrls.js';
import { writeRelease, type Release } from '../src/release/writeRelease.js';
import { README_PATH } from '../scripts/readmeSections.js';
import { PYTHON_SETUP_MS, researchPython, runPython } from './support/python.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';

const database = openDatabase(30_000);
const folder = mkdtempSync(join(tmpdir(), 'drug-facts-snippets-'));
/** The vocabulary prefix of the README's query is the default PUBLIC_URL's. */
const PUBLIC_URL = 'http://localhost:4000';
let release: Release;
let facts: ExportedFact[];
let python: string | null = null;

/** The code block of a language in the README's "Data for researchers" section. */
function block(language: string): string {
  const readme = readFileSync(README_PATH, 'utf8');
  const section = readme.slice(readme.indexOf('## Data for researchers'), readme.indexOf('## Configuration'));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section);
  if (!match) throw new Error(`the README's "Data for researchers" has no ${language} block`);
  return match[1]!;
}

beforeAll(async () => {
  await useStandardGraph(database);
  facts = await readFacts(database);
  release = await writeRelease(database, { outDir: folder, baseUrl: PUBLIC_URL });
  const found = researchPython();
  if ('skipped' in found) process.stdout.write(`skipped: the README's pandas and SPARQL snippets: ${found.skipped}\n`);
  else python = found.python;
}, PYTHON_SETUP_MS);

afterAll(async () => {
  await database.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("the README's snippets for researchers", () => {
  it("pandas: baclofen's targets, each with every piece of evidence the API gives", async ({ skip }) => {
    if (!python) return skip();
    const printed = runPython(python, block('python'), [release.dir]).trim().split('\n');
    expect(printed[0]).toBe('id,object,citation_id,statement');
    const { data } = await graphql<{
      drug: { targets: { id: string; target: { id: string }; citations: { id: string; statement: string }[] }[] };
    }>(testApi(database), '{ drug(id: "drug:baclofen") { targets { id target { id } citations { id statement } } } }');
    const expected = data!.drug.targets.flatMap((t) => t.citations.map((c) => [t.id, t.target.id, c.id, c.statement]));
    expect(expected.length).toBeGreaterThan(4);
    // Parsed back with the same CSV rules the release is written with (a statement may hold a comma).
    const csv = runPython(
      python,
      'import sys, csv, json; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8")))))',
      [writeTemp(printed.join('\n'))],
    );
    const rows = (JSON.parse(csv) as string[][]).slice(1);
    expect(new Set(rows.map((r) => r.join(' | ')))).toEqual(new Set(expected.map((r) => r.join(' | '))));
  });

  it('SPARQL: the statements cited to Pharmacodynamics paragraph 2, as the export says', ({ skip }) => {
    if (!python) return skip();
    const query = join(folder, 'query.rq');
    writeFileSync(query, block('sparql'));
    const program = readFileSync('docs/sparql/run.py', 'utf8');
    const answer = JSON.parse(runPython(python, program, [join(release.dir, 'graph.nt'), query])) as {
      rows: { statement: string; says: string }[];
    };
    const cited = facts.flatMap((f) =>
      f.citations
        .filter((c) => 'section' in c && c.section === 'Pharmacodynamics' && c.paragraph === 2)
        .map((c) => `${statementUrl(PUBLIC_URL, f.id)} | ${(c as { statement: string }).statement}`),
    );
    expect(cited.length).toBeGreaterThan(3);
    expect(new Set(answer.rows.map((r) => `${r.statement} | ${r.says}`))).toEqual(new Set(cited));
  });
});

function writeTemp(text: string): string {
  const file = join(folder, 'printed.csv');
  writeFileSync(file, text);
  return file;
}
