/**
 * Broken seed data is refused by `npm run seed` and by the loader with one precise line per
 * problem, `file: path: message`, and the graph in Neo4j is left exactly as it was. Each test
 * breaks one thing in a copy of seed/data (unclean text, an over-long field, a named pipe among
 * the files); every kind of problem, in memory, is in tests/unit/seed-check.test.ts and
 * tests/unit/seed-clean-text.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SeedDataError, seedGraph } from '../seed/seedGraph.js';
import { graphVersion } from '../src/neo4j/meta.js';
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

function runSeedCli() {
  return runProject('bin/seed.ts', testNeo4jEnv(), ['--data', copy.dir]);
}

/**
 * The exit code of a run, which is killed if it has not exited in 45 s: a loader blocked on a
 * named pipe would otherwise outlive the test. The bound only ends a hang (a refusal takes the
 * few seconds of starting the CLI and reading the data); it measures nothing.
 */
async function exitCode(run: ReturnType<typeof runSeedCli>): Promise<number | null> {
  const hang = setTimeout(() => run.child.kill('SIGKILL'), 45_000);
  try {
    return await run.exited;
  } finally {
    clearTimeout(hang);
  }
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

describe('loading broken data writes nothing', () => {
  it('refuses with every problem of every file before the first write', async () => {
    const i = editRelation('facts/pharmacodynamics.yaml', isKi156, (r) => (r.object = 'target:no-such-target'));
    copy.edit('identifiers.yaml', (doc) => (doc.identifiers[0].subject = 'drug:no-such-drug'));

    const refused = await seedGraph(database, { dataDirs: [copy.dir] }).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(SeedDataError);
    expect((refused as SeedDataError).problems.map((p) => `${p.file}: ${p.path}: ${p.message}`)).toEqual([
      `${copy.file('facts/pharmacodynamics.yaml')}: relations[${i}].object: unknown reference target:no-such-target`,
      `${copy.file('identifiers.yaml')}: identifiers[0].subject: unknown reference drug:no-such-drug`,
    ]);
    // The graph keeps its counts and version: checked after every test.
  });
});

describe('npm run seed refuses text that is not clean, naming the file, line and column, and writes nothing', () => {
  const FILE = 'facts/abuse.yaml';
  /** The line (1-based) of the first statement that says "euphoria", and where its "o" is. */
  function euphoria(): { line: number; column: number; text: string } {
    const lines = readFileSync(copy.file(FILE), 'utf8').split('\n');
    const index = lines.findIndex((l) => l.includes('statement:') && l.includes('euphoria'));
    return { line: index + 1, column: lines[index]!.indexOf('euphoria') + 5, text: lines[index]! };
  }
  /** Puts `bytes` in place of the "o" of "euphoria" on that line, as raw bytes. */
  function damage(bytes: number[]) {
    const at = euphoria();
    const raw = readFileSync(copy.file(FILE));
    const offset = raw.indexOf(Buffer.from(at.text.slice(0, at.column - 1))) + at.column - 1;
    writeFileSync(
      copy.file(FILE),
      Buffer.concat([raw.subarray(0, offset), Buffer.from(bytes), raw.subarray(offset + 1)]),
    );
    return at;
  }
  async function refusal(): Promise<string> {
    const run = runSeedCli();
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('the seed data has 1 problem(s); nothing was written:\n');
    return run.output();
  }

  it('a byte that is not UTF-8 (0xFF, which used to load as "euph\uFFFDria")', async () => {
    const at = damage([0xff]);
    expect(await refusal()).toContain(
      `  ${copy.file(FILE)}: line ${at.line}, column ${at.column}: not UTF-8: byte 0xFF (offset `,
    );
  });

  it('a raw NUL byte', async () => {
    const at = damage([0x00]);
    expect(await refusal()).toContain(
      `  ${copy.file(FILE)}: line ${at.line}, column ${at.column}: a control character, U+0000 (NUL): seed text holds only printable characters, tabs and line breaks; remove it\n`,
    );
  });

  it('another control character (ESC)', async () => {
    const at = damage([0x1b]);
    expect(await refusal()).toContain(
      `  ${copy.file(FILE)}: line ${at.line}, column ${at.column}: a control character, U+001B:`,
    );
  });

  it('a !!js/function tag, which used to load as a string with a warning', async () => {
    const at = euphoria();
    copy.write(
      FILE,
      readFileSync(copy.file(FILE), 'utf8').replace(
        at.text,
        at.text.replace('statement: ', 'statement: !!js/function '),
      ),
    );
    const column = at.text.indexOf('statement: ') + 'statement: '.length + 1;
    expect(await refusal()).toContain(
      `  ${copy.file(FILE)}: line ${at.line}, column ${column}: the YAML tag !!js/function is not allowed: seed data is plain YAML: text, numbers, true/false, null, maps and lists\n`,
    );
  });
});

describe('npm run seed refuses invisible text, unpaired surrogates, noncharacters and over-long fields, naming the file, line and column, and writes nothing', () => {
  const FILE = 'facts/abuse.yaml';
  /** The first line of FILE whose statement says "euphoria", its number and where its value starts. */
  function statementLine(): { line: number; column: number; text: string } {
    const lines = readFileSync(copy.file(FILE), 'utf8').split('\n');
    const index = lines.findIndex((l) => l.includes('statement:') && l.includes('euphoria'));
    return {
      line: index + 1,
      column: lines[index]!.indexOf('statement: ') + 'statement: '.length + 1,
      text: lines[index]!,
    };
  }
  function replaceStatement(value: string) {
    const at = statementLine();
    const indent = at.text.slice(0, at.text.indexOf('statement: '));
    copy.write(FILE, readFileSync(copy.file(FILE), 'utf8').replace(at.text, `${indent}statement: ${value}`));
    return at;
  }
  async function refusal(): Promise<string> {
    const run = runSeedCli();
    expect(await exitCode(run)).toBe(1);
    expect(run.output()).toContain('the seed data has 1 problem(s); nothing was written:\n');
    return run.output();
  }

  it('an unpaired surrogate written as a YAML escape ("\\ud800"), which used to be loaded and served as is', async () => {
    const at = replaceStatement('"The BNF 75 rates euph\\ud800ria as a common baclofen side effect."');
    expect(await refusal()).toContain(
      `  ${copy.file(FILE)}: line ${at.line}, column ${at.column}: an escape writes an unpaired surrogate, U+D800:`,
    );
  });

  it.each([
    ['a right-to-left override', '\u202E', 'a bidirectional control, U+202E (RIGHT-TO-LEFT OVERRIDE):'],
    ['a zero width space', '\u200B', 'an invisible format character, U+200B (ZERO WIDTH SPACE):'],
    ['the noncharacter U+FFFF', '\uFFFF', 'a noncharacter, U+FFFF:'],
  ])('%s, raw', async (_, char, message) => {
    const at = replaceStatement(`The BNF 75 rates euph${char}ria as a common baclofen side effect.`);
    const column = at.column + 'The BNF 75 rates euph'.length;
    expect(await refusal()).toContain(`  ${copy.file(FILE)}: line ${at.line}, column ${column}: ${message}`);
  });

  it('a 1 MB statement: names its path, line and column and says how long it is, not what it says', async () => {
    const at = replaceStatement('S'.repeat(2 ** 20));
    const output = await refusal();
    expect(output).toMatch(
      new RegExp(
        ` {2}${copy.file(FILE)}: relations\\[\\d+\\]\\.citation\\.statement \\(line ${at.line}, column ${at.column}\\): too long: a statement is at most 1000 characters, this one has 1048576 \\(MAX_LENGTH in src/model/seedDocuments\\.ts\\)\\n`,
      ),
    );
    expect(output.length).toBeLessThan(10_000);
  });
});

describe('npm run seed refuses an entry of the data directory that is not a regular file, at once', () => {
  it('a named pipe among the facts, which used to hang the loader forever', async () => {
    const pipe = copy.fifo('facts/pipe.yaml');
    const run = runSeedCli();
    expect(await exitCode(run)).toBe(1);
    expect(run.output()).toContain(
      `the seed data has 1 problem(s); nothing was written:\n  ${pipe}: not read: this is a named pipe (FIFO), and seed data is regular files only; remove it or replace it with the file itself\n`,
    );
  });
});
