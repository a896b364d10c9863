/**
 * Broken seed data is refused with one precise line per problem, `file: path: message`, naming
 * the file and the place inside it, and the graph in Neo4j is left exactly as it was. Each test
 * breaks one thing in a copy of seed/data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphVersion, prepareSeed, SeedDataError, seedGraph } from '../seed/seedGraph.js';
import { copySeedData, type SeedDataCopy } from './support/seedDataCopy.js';
import { runProject } from './support/processes.js';
import { graphCounts, openDatabase, testNeo4jEnv, useStandardGraph } from './support/testGraph.js';

const database = openDatabase();
let standard: Awaited<ReturnType<typeof fingerprint>>;
let copy: SeedDataCopy;

async function fingerprint() {
  return { counts: await graphCounts(database), version: await graphVersion(database) };
}

beforeAll(async () => {
  await useStandardGraph(database);
  standard = await fingerprint();
});
afterAll(async () => {
  await useStandardGraph(database);
  await database.close();
});
beforeEach(() => {
  copy = copySeedData();
});
afterEach(async () => {
  copy.remove();
  expect(await fingerprint()).toEqual(standard);
});

interface Fact {
  subject: string;
  predicate: string;
  object: string;
  qualifiers: Record<string, unknown>;
  citation?: Record<string, unknown>;
}
const isKi156 = (r: Fact) =>
  r.predicate === 'HAS_AFFINITY_FOR' && r.object === 'target:alpha2delta-vgcc' && r.qualifiers.value === 156;
const isMemberOfGabaAnalogue = (r: Fact) =>
  r.subject === 'drug:baclofen' && r.predicate === 'MEMBER_OF' && r.object === 'class:gaba-analogue';

/** Changes the first relation of a facts file that `match` picks; returns its index. */
function editRelation(file: string, match: (r: Fact) => boolean, change: (r: Fact) => void): number {
  let index = -1;
  copy.edit(file, (doc) => {
    index = (doc.relations as Fact[]).findIndex(match);
    expect(index).toBeGreaterThanOrEqual(0);
    change(doc.relations[index]);
  });
  return index;
}

/** The problems prepareSeed reports for the copy, as the lines the CLI prints. */
async function problemLines(): Promise<string[]> {
  let thrown: unknown;
  try {
    prepareSeed([copy.dir]);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SeedDataError);
  // Loading the same data refuses too, before anything is written (checked in afterEach).
  await expect(seedGraph(database, { dataDirs: [copy.dir] })).rejects.toThrow(SeedDataError);
  return (thrown as SeedDataError).problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);
}

function runSeedCli() {
  return runProject('seed/cli.ts', testNeo4jEnv(), ['--data', copy.dir]);
}

describe('npm run seed refuses broken data with exit code 1 and the problem on its output', () => {
  it('an unknown reference: names the fact and its object', async () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isKi156, (r) => (r.object = 'target:no-such-target'));

    const run = runSeedCli();
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('the seed data has 1 problem(s); nothing was written:\n');
    expect(run.output()).toContain(
      `  ${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].object: unknown reference target:no-such-target\n`,
    );
  });

  it('a locator that is not a sentence of the article: names the citation and the locator', async () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isMemberOfGabaAnalogue, (r) => (r.citation!.paragraph = 9));

    const run = runSeedCli();
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(
      `  ${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].citation: locator Pharmacology|9|1 does not exist in source:wikipedia-baclofen\n`,
    );
  });

  it('an unparseable YAML file: names the line and column', async () => {
    const file = copy.file('facts/pharmacodynamics.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.indexOf('    predicate: ACTS_ON') + 1;
    lines.splice(at, 0, '    predicate: AGONIST_OF');
    copy.write('facts/pharmacodynamics.yaml', lines.join('\n'));

    const run = runSeedCli();
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`  ${file}: line ${at + 1}, column 5: invalid YAML: Map keys must be unique\n`);
  });
});

describe('prepareSeed names each kind of problem precisely, and alone', () => {
  it('a missing citation', async () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isMemberOfGabaAnalogue, (r) => delete r.citation);
    expect(await problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].citation: missing citation: add section, paragraph, sentence and statement of the sentence that states this`,
    ]);
  });

  it('a bad unit on a literal', async () => {
    let i = -1;
    copy.edit('facts/chemistry.yaml', (doc) => {
      i = doc.literals.findIndex((l: { unit?: string }) => l.unit === 'g/mol');
      doc.literals[i].unit = 'kg/mol';
    });
    expect(await problemLines()).toEqual([
      `${copy.file('facts/chemistry.yaml')}: literals[${i}].unit: unknown unit "kg/mol": use one of g/mol, h, µM, year, USD, prescriptions, fold, rank`,
    ]);
  });

  it('a bad unit in a qualifier', async () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isKi156, (r) => (r.qualifiers.unit = 'nM'));
    expect(await problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].qualifiers.unit: unknown unit "nM": use one of g/mol, h, µM, year, USD, prescriptions, fold, rank`,
    ]);
  });

  it('a duplicate entity id', async () => {
    let i = -1;
    copy.edit('entities/drugs.yaml', (doc) => {
      i = doc.entities.push({ ...doc.entities[0], name: 'Baclofen again' }) - 1;
    });
    expect(await problemLines()).toEqual([
      `${copy.file('entities/drugs.yaml')}: entities[${i}].id: duplicate entity id drug:baclofen`,
    ]);
  });

  it('a qualifier the predicate does not take', async () => {
    const i = editRelation(
      'facts/pharmacodynamics.yaml',
      (r) => r.predicate === 'ACTS_ON',
      (r) => (r.qualifiers.potency = 'high'),
    );
    expect(await problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].qualifiers.potency: ACTS_ON does not take the qualifier potency (it takes action, selectivity, clinicallyRelevant)`,
    ]);
  });

  it('the same fact stated twice', async () => {
    let i = -1;
    let first = -1;
    copy.edit('facts/pharmacodynamics.yaml', (doc) => {
      first = (doc.relations as Fact[]).findIndex(isKi156);
      i = doc.relations.push(structuredClone(doc.relations[first])) - 1;
    });
    const file = copy.file('facts/pharmacodynamics.yaml');
    expect(await problemLines()).toEqual([
      `${file}: relations[${i}]: duplicate fact: the same as ${file}: relations[${first}]`,
    ]);
  });

  it('every problem of every file in one run', async () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isKi156, (r) => (r.object = 'target:no-such-target'));
    copy.edit('identifiers.yaml', (doc) => (doc.identifiers[0].subject = 'drug:no-such-drug'));
    expect(await problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].object: unknown reference target:no-such-target`,
      `${copy.file('identifiers.yaml')}: identifiers[0].subject: unknown reference drug:no-such-drug`,
    ]);
  });
});
