/**
 * Checking seed data (seed/readSeed.ts, seed/checkSeed.ts through prepareSeed), in memory: the
 * project's data passes, and broken data is refused with one precise problem per fault, naming
 * the file and the place inside it. Each test breaks one thing in a copy of seed/data; that
 * nothing reaches Neo4j is tests/seed-errors.test.ts's part.
 */
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/model/vocabulary.js';
import type { Problem } from '../../seed/readSeed.js';
import { prepareSeed, SeedDataError } from '../../seed/seedGraph.js';
import { copySeedData, type SeedDataCopy } from '../support/seedDataCopy.js';

let copy: SeedDataCopy;
beforeEach(() => {
  copy = copySeedData();
});
afterEach(() => copy.remove());

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

/** The problems prepareSeed refuses the copy with. */
function refused(): Problem[] {
  let thrown: unknown;
  try {
    prepareSeed([copy.dir]);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SeedDataError);
  return (thrown as SeedDataError).problems;
}

/** The same, as the lines the CLI prints. */
const problemLines = () => refused().map((p) => `${p.file}: ${p.path}: ${p.message}`);

describe("the project's seed data", () => {
  it('passes every check, with baclofen among entities of every kind', () => {
    const rows = prepareSeed();
    expect(rows.version).toMatch(/^[0-9a-f]{16,}$/);
    expect([...rows.entities.keys()].sort()).toEqual([...ENTITY_KINDS].sort());
    expect(rows.entities.get('Drug')!.map((e) => e.id)).toContain('drug:baclofen');
  });

  it('gives a copy of itself the same rows and version', () => {
    expect(prepareSeed([copy.dir]).version).toBe(prepareSeed().version);
  });
});

describe('prepareSeed names each kind of problem precisely, and alone', () => {
  it('an unknown reference: names the fact and its object', () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isKi156, (r) => (r.object = 'target:no-such-target'));
    expect(problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].object: unknown reference target:no-such-target`,
    ]);
  });

  it('a locator that is not a sentence of the article: names the citation and the locator', () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isMemberOfGabaAnalogue, (r) => (r.citation!.paragraph = 9));
    expect(problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].citation: locator Pharmacology|9|1 does not exist in source:wikipedia-baclofen`,
    ]);
  });

  it('a missing citation', () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isMemberOfGabaAnalogue, (r) => delete r.citation);
    expect(problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].citation: missing citation: add section, paragraph, sentence and statement of the sentence that states this`,
    ]);
  });

  it('a bad unit on a literal', () => {
    let i = -1;
    copy.edit('facts/chemistry.yaml', (doc) => {
      i = doc.literals.findIndex((l: { unit?: string }) => l.unit === 'g/mol');
      doc.literals[i].unit = 'kg/mol';
    });
    expect(problemLines()).toEqual([
      `${copy.file('facts/chemistry.yaml')}: literals[${i}].unit: unknown unit "kg/mol": use one of g/mol, h, µM, year, USD, prescriptions, fold, rank`,
    ]);
  });

  it('a bad unit in a qualifier', () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isKi156, (r) => (r.qualifiers.unit = 'nM'));
    expect(problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].qualifiers.unit: unknown unit "nM": use one of g/mol, h, µM, year, USD, prescriptions, fold, rank`,
    ]);
  });

  it('a duplicate entity id', () => {
    let i = -1;
    copy.edit('entities/drugs.yaml', (doc) => {
      i = doc.entities.push({ ...doc.entities[0], name: 'Baclofen again' }) - 1;
    });
    expect(problemLines()).toEqual([
      `${copy.file('entities/drugs.yaml')}: entities[${i}].id: duplicate entity id drug:baclofen`,
    ]);
  });

  /** Changes the synonyms of an entity of entities/conditions.yaml; returns its index. */
  function editSynonyms(id: string, change: (synonyms: unknown[]) => void): number {
    let i = -1;
    copy.edit('entities/conditions.yaml', (doc) => {
      i = doc.entities.findIndex((e: { id: string }) => e.id === id);
      change(doc.entities[i].synonyms);
    });
    return i;
  }

  it('a synonym cited to a sentence the article lacks: names the synonym and the locator', () => {
    const i = editSynonyms('condition:alcohol-use-disorder', (s) => ((s[0] as { paragraph: number }).paragraph = 9));
    expect(problemLines()).toEqual([
      `${copy.file('entities/conditions.yaml')}: entities[${i}].synonyms[0]: locator Research|9|1 does not exist in source:wikipedia-baclofen`,
    ]);
  });

  it('a synonym with a locator lacking its paragraph: says what a synonym is and what is missing', () => {
    const i = editSynonyms('condition:alcohol-use-disorder', (s) => delete (s[1] as { paragraph?: number }).paragraph);
    expect(problemLines()).toEqual([
      `${copy.file('entities/conditions.yaml')}: entities[${i}].synonyms[1]: a synonym is a name, or { name, section, paragraph, sentence } of a sentence where it occurs; paragraph: Invalid input: expected number, received undefined`,
    ]);
  });

  it('a synonym that repeats a name of its entity', () => {
    const i = editSynonyms('condition:spasticity', (s) => s.push('Spasticity', 'muscle spasticity'));
    expect(problemLines()).toEqual([
      `${copy.file('entities/conditions.yaml')}: entities[${i}].synonyms[2]: "Spasticity" is already a name of condition:spasticity`,
      `${copy.file('entities/conditions.yaml')}: entities[${i}].synonyms[3]: "muscle spasticity" is already a name of condition:spasticity`,
    ]);
  });

  it('a qualifier the predicate does not take', () => {
    const i = editRelation(
      'facts/pharmacodynamics.yaml',
      (r) => r.predicate === 'ACTS_ON',
      (r) => (r.qualifiers.potency = 'high'),
    );
    expect(problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].qualifiers.potency: ACTS_ON does not take the qualifier potency (it takes action, selectivity, clinicallyRelevant)`,
    ]);
  });

  it('a qualifier named like a storage property: refused, as it would be overwritten', () => {
    let i = -1;
    copy.edit('facts/chemistry.yaml', (doc) => {
      i = doc.literals.findIndex((l: { unit?: string }) => l.unit === 'g/mol');
      doc.literals[i].qualifiers = { citeEvidence: 'mine' };
    });
    expect(problemLines()).toEqual([
      `${copy.file('facts/chemistry.yaml')}: literals[${i}].qualifiers.citeEvidence: "citeEvidence" is a storage name and cannot be a qualifier; choose another key`,
    ]);
  });

  it("two sentences of one statement that differ in what the predicate requires (a comparison's outcome)", () => {
    let [first, second] = [-1, -1];
    copy.edit('facts/pharmacodynamics.yaml', (doc) => {
      first = (doc.relations as Fact[]).findIndex(
        (r) => r.predicate === 'COMPARED_WITH' && r.qualifiers.outcome === 'weaker',
      );
      const copyOf = structuredClone(doc.relations[first]) as Fact;
      copyOf.qualifiers.outcome = 'more potent';
      copyOf.citation!.sentence = 3;
      second = doc.relations.push(copyOf) - 1;
    });
    expect(problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${second}].qualifiers.outcome: outcome "more potent" differs from "weaker" of the same statement at ${copy.file('facts/pharmacodynamics.yaml')}: relations[${first}]; sentences of one statement must agree on what COMPARED_WITH requires`,
    ]);
  });

  it('the same fact stated twice', () => {
    let i = -1;
    let first = -1;
    copy.edit('facts/pharmacodynamics.yaml', (doc) => {
      first = (doc.relations as Fact[]).findIndex(isKi156);
      i = doc.relations.push(structuredClone(doc.relations[first])) - 1;
    });
    const file = copy.file('facts/pharmacodynamics.yaml');
    expect(problemLines()).toEqual([
      `${file}: relations[${i}]: duplicate fact: the same as ${file}: relations[${first}]`,
    ]);
  });

  it('an unparseable YAML file: names the line and column', () => {
    const file = copy.file('facts/pharmacodynamics.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.indexOf('    predicate: ACTS_ON') + 1;
    lines.splice(at, 0, '    predicate: AGONIST_OF');
    copy.write('facts/pharmacodynamics.yaml', lines.join('\n'));
    expect(problemLines()).toEqual([`${file}: line ${at + 1}, column 5: invalid YAML: Map keys must be unique`]);
  });

  it('a file that cannot be opened: names it, and reports nothing else', () => {
    const link = join(copy.dir, 'facts', 'missing-topic.yaml');
    symlinkSync(join(copy.dir, 'facts', 'no-such-file.yaml'), link);
    const problems = refused();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(link);
    expect(problems[0]!.message).toMatch(/^cannot read: ENOENT: no such file or directory/);
  });

  it('every problem of every file in one run', () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isKi156, (r) => (r.object = 'target:no-such-target'));
    copy.edit('identifiers.yaml', (doc) => (doc.identifiers[0].subject = 'drug:no-such-drug'));
    expect(problemLines()).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].object: unknown reference target:no-such-target`,
      `${copy.file('identifiers.yaml')}: identifiers[0].subject: unknown reference drug:no-such-drug`,
    ]);
  });
});
