/**
 * The bulk export (`npm run export -- --out FILE`, bin/export.ts) writes every fact of the
 * graph in Neo4j as one JSON line, each with its citation, in a stable order; and it is the same
 * list that `readFacts` gives in-process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFacts, type ExportedFact } from '../src/graph/facts.js';
import { runProject } from './support/processes.js';
import { openDatabase, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
const dir = mkdtempSync(join(tmpdir(), 'drug-facts-export-'));
const out = join(dir, 'facts.jsonl');
let version: string;
let output: string;
let lines: string[];
let facts: ExportedFact[];

beforeAll(async () => {
  version = await useStandardGraph(database);
  const run = runProject('bin/export.ts', testNeo4jEnv(), ['--out', out]);
  expect(await run.exited, run.output()).toBe(0);
  output = run.output();
  lines = readFileSync(out, 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  facts = lines.map((line) => JSON.parse(line) as ExportedFact);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database.close();
});

/** A fact's id and its citation, first and only, each with the id the graph gave it. */
const citedOnce = (citation: Record<string, unknown>, id = expect.stringMatching(/^(fact|literal):/)) => {
  const withId = { id: expect.stringMatching(/^cite:/), ...citation };
  return { id, citation: withId, citations: [withId] };
};

const find = (match: Partial<ExportedFact>) =>
  facts.filter((f) =>
    Object.entries(match).every(([k, v]) => JSON.stringify(f[k as keyof ExportedFact]) === JSON.stringify(v)),
  );

describe('npm run export', () => {
  it('writes one line per fact of the graph, as Neo4j counts them', async () => {
    const [row] = await database.read<{ facts: number }>({
      name: 'test: facts in the graph',
      cypher: `CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relations }
               CALL () { MATCH (:Entity)-[:HAS_LITERAL]->(l:Literal) RETURN count(l) AS literals }
               CALL () { MATCH (:Entity)-[:HAS_IDENTIFIER]->(i:Identifier) RETURN count(i) AS identifiers }
               CALL () { MATCH (e:Entity) RETURN count(e) AS entities, sum(size(e.synonyms)) AS synonyms }
               CALL () { MATCH (e:Event) RETURN count(e.year) AS dates, count(e.endYear) AS endYears }
               RETURN relations + literals + identifiers + entities + synonyms + entities + dates + endYears AS facts`,
    });
    expect(lines.length).toBe(row!.facts);
    expect(output).toContain('the graph already holds the current data version');
    expect(output).toContain(`wrote ${row!.facts} facts (data version ${version}) to ${out}`);
  });

  it('writes the Ki of baclofen at the α2δ channel with its qualifiers and citation', () => {
    expect(
      find({ subject: 'drug:baclofen', predicate: 'HAS_AFFINITY_FOR', object: 'target:alpha2delta-vgcc' }),
    ).toEqual([
      {
        subject: 'drug:baclofen',
        predicate: 'HAS_AFFINITY_FOR',
        object: 'target:alpha2delta-vgcc',
        qualifiers: { measure: 'Ki', stereoisomer: 'not stated', unit: 'µM', value: 156 },
        ...citedOnce({
          source: 'source:wikipedia-baclofen',
          section: 'Pharmacodynamics',
          paragraph: 2,
          sentence: 2,
          statement: 'Baclofen binds α2δ channels with a Ki of 156 µM.',
        }),
      },
    ]);
  });

  it('keeps the hedge of a softened claim', () => {
    // Two statements: the agonism ("believed") and the inferred inhibitory-ligand action ("postulated").
    const actsOn = find({ subject: 'drug:baclofen', predicate: 'ACTS_ON', object: 'target:gaba-b-receptor' });
    const hedges = actsOn.flatMap((f) => f.citations.flatMap((c) => ('hedge' in c && c.hedge ? [c.hedge] : [])));
    expect(hedges.sort()).toEqual(['believed', 'postulated']);
  });

  it('writes a range literal with its unit, and its comparator among the qualifiers', () => {
    expect(find({ subject: 'drug:baclofen', predicate: 'halfLife', low: 2 })).toEqual([
      {
        subject: 'drug:baclofen',
        predicate: 'halfLife',
        low: 2,
        high: 4,
        unit: 'h',
        qualifiers: { comparator: 'about', matrix: 'serum' },
        ...citedOnce({
          source: 'source:wikipedia-baclofen',
          section: 'Pharmacokinetics',
          paragraph: 1,
          sentence: 3,
          statement: "Baclofen's serum half-life is about two to four hours.",
        }),
      },
    ]);
  });

  it('writes an identifier cited to its registry record', () => {
    expect(find({ subject: 'drug:baclofen', predicate: 'identifier:PUBCHEM_CID' })).toEqual([
      {
        subject: 'drug:baclofen',
        predicate: 'identifier:PUBCHEM_CID',
        value: '2284',
        qualifiers: {},
        id: 'identifier:PUBCHEM_CID:2284',
        citation: { source: 'source:pubchem', url: 'https://pubchem.ncbi.nlm.nih.gov/compound/2284' },
        citations: [{ source: 'source:pubchem', url: 'https://pubchem.ncbi.nlm.nih.gov/compound/2284' }],
      },
    ]);
  });

  it('writes an entity’s name and kind as facts cited like the entity, a synonym cited to its own sentence', () => {
    const citation = {
      source: 'source:wikipedia-baclofen',
      section: 'Pharmacodynamics',
      paragraph: 2,
      sentence: 1,
      statement: 'Phenibut, β-phenyl-GABA, is named as a close structural relative of baclofen.',
    };
    const cited = (id: string) => citedOnce(citation, id);
    const own = facts.filter((f) => f.subject === 'drug:phenibut' && ['name', 'synonym', 'kind'].includes(f.predicate));
    expect(own).toEqual([
      { subject: 'drug:phenibut', predicate: 'kind', value: 'Drug', qualifiers: {}, ...cited('drug:phenibut#kind') },
      {
        subject: 'drug:phenibut',
        predicate: 'name',
        value: 'Phenibut',
        qualifiers: {},
        ...cited('drug:phenibut#name'),
      },
      {
        subject: 'drug:phenibut',
        predicate: 'synonym',
        value: 'β-phenyl-GABA',
        qualifiers: {},
        ...citedOnce(
          { ...citation, statement: '"β-phenyl-GABA" names Phenibut.' },
          'drug:phenibut#synonym:β-phenyl-GABA',
        ),
      },
    ]);
  });

  it('sorts by subject, then predicate, and gives every fact a citation', () => {
    const keys = facts.map((f) => [f.subject, f.predicate]);
    const sorted = [...keys].sort(([a, b], [c, d]) => (a! < c! ? -1 : a! > c! ? 1 : b! < d! ? -1 : b! > d! ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(facts.filter((f) => !f.citation?.source)).toEqual([]);
    expect(facts.filter((f) => f.citations[0]?.source !== f.citation.source)).toEqual([]);
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
  });

  it('writes exactly what readFacts returns in-process, line for line', async () => {
    expect((await readFacts(database)).map((f) => JSON.stringify(f))).toEqual(lines);
  });

  it('says what to do when --out is missing', async () => {
    const run = runProject('bin/export.ts', testNeo4jEnv());
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('npm run export failed: say where to write the facts: npm run export -- --out FILE');
  });
});

describe('readFacts', () => {
  it('gives only the facts of one subject, or of one predicate', async () => {
    const ofTarget = await readFacts(database, { subject: 'target:alpha2delta-vgcc' });
    expect(ofTarget.length).toBe(facts.filter((f) => f.subject === 'target:alpha2delta-vgcc').length);
    expect(ofTarget.map((f) => f.predicate)).toContain('name');

    const kis = await readFacts(database, { predicate: 'HAS_AFFINITY_FOR' });
    expect(kis).toEqual(facts.filter((f) => f.predicate === 'HAS_AFFINITY_FOR'));
  });

  it('treats a subject as a value, never as Cypher', async () => {
    expect(await readFacts(database, { subject: "drug:baclofen' OR true //" })).toEqual([]);
  });
});
