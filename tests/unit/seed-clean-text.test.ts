/**
 * Seed text is clean text (seed/cleanText.ts, seed/parseSeedFile.ts), in memory: bytes that are
 * not UTF-8, control characters, invisible format characters (bidirectional controls, zero-width
 * characters), unpaired surrogates and noncharacters (raw or escaped), the replacement character
 * and YAML tags outside the core schema are each refused at their line and column (or JSON path);
 * clean text, tabs, CRLF line ends, a BOM and the core schema's own tags pass. Fields longer than
 * their maximum (MAX_LENGTH in src/model/seedDocuments.ts) are refused at their path, line and
 * column, and a data directory's entries that are not regular files are refused without being
 * read.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_LENGTH } from '../../src/model/seedDocuments.js';
import { uncleanCharacter } from '../../seed/cleanText.js';
import { readSeed, type Problem } from '../../seed/readSeed.js';
import { DEFAULT_DATA_DIR } from '../../seed/seedGraph.js';
import { parseSeedFile, type Parsed } from '../../seed/parseSeedFile.js';
import { copySeedData } from '../support/seedDataCopy.js';

/** The value and problems of a parse (its locator of paths is readSeed's part, below). */
const valueAndProblems = ({ locate: _locate, ...parsed }: Parsed) => parsed;
const yaml = (text: string | number[]) =>
  valueAndProblems(
    parseSeedFile(typeof text === 'string' ? new TextEncoder().encode(text) : Uint8Array.from(text), false),
  );
const json = (text: string) => valueAndProblems(parseSeedFile(new TextEncoder().encode(text), true));
const bytes = (text: string) => [...new TextEncoder().encode(text)];
const lines = (parsed: ReturnType<typeof yaml>) => parsed.problems.map((p) => `${p.path}: ${p.message}`);

describe('clean text passes', () => {
  it("the project's data, every file", () => {
    expect(readSeed([DEFAULT_DATA_DIR]).problems).toEqual([]);
  });

  it('tabs, CRLF line ends, a byte order mark, Greek letters and the core schema tags', () => {
    const parsed = yaml('\uFEFFa: "x\ty"\r\nb: !!str 12\r\nc: !!int "3"\r\nd: βγ µM\r\ne: !!null ""\r\n');
    expect(parsed).toEqual({ value: { a: 'x\ty', b: '12', c: 3, d: 'βγ µM', e: null }, problems: [] });
  });
});

describe('bytes that are not UTF-8 are refused at the first one, with its line and column', () => {
  it.each([
    ['0xFF', [0xff], 'FF'],
    ['a lone continuation byte', [0x80], '80'],
    ['an overlong "/"', [0xc0, 0xaf], 'C0'],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 'ED'],
    ['a sequence cut short', [0xe2, 0x82, 0x20], 'E2'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'F4'],
  ])('%s', (_, bad, shown) => {
    const parsed = yaml([...bytes('a: ok\nb: "µ'), ...bad, ...bytes('"\nc: ok\n')]);
    expect(lines(parsed)).toEqual([
      `line 2, column 6: not UTF-8: byte 0x${shown} (offset 12) does not begin a well-formed UTF-8 character; save the file as UTF-8`,
    ]);
  });
});

describe('control characters and U+FFFD are refused wherever they stand', () => {
  it('raw: NUL, BEL, ESC, DEL, a C1 control and the replacement character, each at its place', () => {
    const parsed = yaml('a: x\u0000y\nb: \u0007\nc: "\u001b[31m"\nd: \u007f\ne: \u0085\nf: euph\uFFFDria\n');
    expect(lines(parsed)).toEqual([
      'line 1, column 5: a control character, U+0000 (NUL): seed text holds only printable characters, tabs and line breaks; remove it',
      'line 2, column 4: a control character, U+0007: seed text holds only printable characters, tabs and line breaks; remove it',
      'line 3, column 5: a control character, U+001B: seed text holds only printable characters, tabs and line breaks; remove it',
      'line 4, column 4: a control character, U+007F (DEL): seed text holds only printable characters, tabs and line breaks; remove it',
      'line 5, column 4: a control character, U+0085: seed text holds only printable characters, tabs and line breaks; remove it',
      'line 6, column 8: the replacement character U+FFFD, which marks a character lost by a wrong encoding conversion: restore the original character',
    ]);
  });

  it('written as YAML escapes, in values and keys', () => {
    expect(lines(yaml('a: ok\nb: "x\\0y"\n"k\\x07": v\nc: "\\uFFFD"\n'))).toEqual([
      'line 2, column 4: an escape writes a control character, U+0000 (NUL): seed text holds only printable characters, tabs and line breaks; remove it',
      'line 3, column 1: an escape writes a control character, U+0007: seed text holds only printable characters, tabs and line breaks; remove it',
      'line 4, column 4: an escape writes the replacement character U+FFFD, which marks a character lost by a wrong encoding conversion: restore the original character',
    ]);
  });

  it('written as JSON escapes: named by the path of the value', () => {
    expect(lines(json('{"entities": [{"id": "x", "name": "a\\u0000b"}]}'))).toEqual([
      'entities[0].name: an escape writes a control character, U+0000 (NUL): seed text holds only printable characters, tabs and line breaks; remove it',
    ]);
  });

  it('many in one file are summed up after ten', () => {
    const parsed = yaml(`a: "${'\u0001'.repeat(25)}"\n`);
    expect(parsed.problems).toHaveLength(10);
    expect(parsed.problems[9]!.message).toMatch(/\(and 15 more such characters in this file\)$/);
  });
});

describe('YAML tags outside the core schema are refused at the tag', () => {
  it.each([
    ['!!js/function', 'a: !!js/function "function () {}"\n'],
    ['!!binary', 'a: !!binary aGVsbG8=\n'],
    ['!!set', 'a: !!set { x }\n'],
    ['!!timestamp', 'a: !!timestamp 2001-12-14\n'],
    ['!local', 'a: !local x\n'],
    ['!<tag:example.com,2000:app/thing>', 'a: !<tag:example.com,2000:app/thing> x\n'],
  ])('%s', (tag, text) => {
    expect(lines(yaml(text))).toEqual([
      `line 1, column 4: the YAML tag ${tag} is not allowed: seed data is plain YAML: text, numbers, true/false, null, maps and lists`,
    ]);
  });

  it('a core tag given another meaning by a %TAG directive', () => {
    expect(lines(yaml('%TAG !! tag:example.com,2000:\n---\na: !!str x\n'))).toEqual([
      'line 3, column 4: the YAML tag !!str is not allowed: seed data is plain YAML: text, numbers, true/false, null, maps and lists',
    ]);
  });
});

describe('through readSeed', () => {
  it('each problem names the file, and the file is left out of the documents', () => {
    const copy = copySeedData();
    try {
      copy.write(
        'entities/routes.yaml',
        'kind: Route\nsource: source:wikipedia-baclofen\nentities: !!binary aGVsbG8=\n',
      );
      const { documents, problems } = readSeed([copy.dir]);
      expect(problems).toEqual([
        {
          file: copy.file('entities/routes.yaml'),
          path: 'line 3, column 11',
          message:
            'the YAML tag !!binary is not allowed: seed data is plain YAML: text, numbers, true/false, null, maps and lists',
        },
      ]);
      expect(documents.entities.map((d) => d.file)).not.toContain(copy.file('entities/routes.yaml'));
    } finally {
      copy.remove();
    }
  });
});

describe('invisible characters, unpaired surrogates and noncharacters are refused wherever they stand', () => {
  const BIDI = 'invisible, it reorders how the text around it is shown; remove it';
  const FORMAT = 'text that looks the same would differ; remove it';
  const NONCHARACTER = "Unicode keeps it for a program's own use, never for text; remove it";
  it.each([
    ['\u202E', `a bidirectional control, U+202E (RIGHT-TO-LEFT OVERRIDE): ${BIDI}`],
    ['\u202A', `a bidirectional control, U+202A (LEFT-TO-RIGHT EMBEDDING): ${BIDI}`],
    ['\u2066', `a bidirectional control, U+2066 (LEFT-TO-RIGHT ISOLATE): ${BIDI}`],
    ['\u2069', `a bidirectional control, U+2069 (POP DIRECTIONAL ISOLATE): ${BIDI}`],
    ['\u200E', `a bidirectional control, U+200E (LEFT-TO-RIGHT MARK): ${BIDI}`],
    ['\u200F', `a bidirectional control, U+200F (RIGHT-TO-LEFT MARK): ${BIDI}`],
    ['\u061C', `a bidirectional control, U+061C (ARABIC LETTER MARK): ${BIDI}`],
    ['\u200B', `an invisible format character, U+200B (ZERO WIDTH SPACE): ${FORMAT}`],
    ['\u200C', `an invisible format character, U+200C (ZERO WIDTH NON-JOINER): ${FORMAT}`],
    ['\u200D', `an invisible format character, U+200D (ZERO WIDTH JOINER): ${FORMAT}`],
    ['\u2060', `an invisible format character, U+2060 (WORD JOINER): ${FORMAT}`],
    [
      '\uFEFF',
      `an invisible format character, U+FEFF (ZERO WIDTH NO-BREAK SPACE, a byte order mark inside the text): ${FORMAT}`,
    ],
    ['\u00AD', `an invisible format character, U+00AD (SOFT HYPHEN): ${FORMAT}`],
    ['\u2028', `an invisible format character, U+2028 (LINE SEPARATOR): ${FORMAT}`],
    ['\u{E0041}', `an invisible format character, U+E0041: ${FORMAT}`],
    ['\uFDD0', `a noncharacter, U+FDD0: ${NONCHARACTER}`],
    ['\uFFFE', `a noncharacter, U+FFFE: ${NONCHARACTER}`],
    ['\uFFFF', `a noncharacter, U+FFFF: ${NONCHARACTER}`],
    ['\u{1FFFF}', `a noncharacter, U+1FFFF: ${NONCHARACTER}`],
    ['\u{10FFFE}', `a noncharacter, U+10FFFE: ${NONCHARACTER}`],
  ])('raw %j, at its line and column', (char, message) => {
    expect(lines(yaml(`a: ok\nb: x${char}y\n`))).toEqual([`line 2, column 5: ${message}`]);
  });

  it('every character the issue names, every format character (Cf) and every noncharacter, and nothing printable', () => {
    const named = [0x061c, 0x200e, 0x200f, ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
    const zeroWidth = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
    // Noncharacters by their definition: U+FDD0-FDEF and the last two code points of each plane.
    const noncharacters = [
      ...range(0xfdd0, 0xfdef),
      ...range(0, 16).flatMap((p) => [p * 0x10000 + 0xfffe, p * 0x10000 + 0xffff]),
    ];
    for (const code of [...named, ...zeroWidth, ...noncharacters, ...range(0xd800, 0xdfff)])
      expect(uncleanCharacter(`x${String.fromCodePoint(code)}y`), `U+${code.toString(16)}`).toBeDefined();
    expect(noncharacters).toHaveLength(66);
    // Over every code point: each format character refused, each visible one (letters, marks,
    // digits, punctuation, symbols, spaces; U+FFFD aside) accepted. Misses are collected, so
    // that 140,000 characters cost one assertion each way.
    const formats: number[] = [];
    const printable: number[] = [];
    const formatsAccepted: number[] = [];
    const printableRefused: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (/\p{Cf}/u.test(char)) {
        formats.push(code);
        if (!uncleanCharacter(char)) formatsAccepted.push(code);
      } else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(char) && char !== '\uFFFD') {
        printable.push(code);
        if (uncleanCharacter(char)) printableRefused.push(code);
      }
    }
    expect(formatsAccepted).toEqual([]);
    expect(printableRefused).toEqual([]);
    expect(formats.length).toBeGreaterThan(150);
    expect(printable.length).toBeGreaterThan(140_000);
  });

  it('an unpaired surrogate written as a YAML escape, in a value or a key; a pair of escapes is one character and passes', () => {
    expect(lines(yaml('a: "\\ud800"\nb: "x\\uDC00"\n"\\ud83d": v\nc: "\\ud83d\\ude00 \\U0001F600"\n'))).toEqual([
      'line 1, column 4: an escape writes an unpaired surrogate, U+D800: half of a UTF-16 pair, which is no character; write the whole character',
      'line 2, column 4: an escape writes an unpaired surrogate, U+DC00: half of a UTF-16 pair, which is no character; write the whole character',
      'line 3, column 1: an escape writes an unpaired surrogate, U+D83D: half of a UTF-16 pair, which is no character; write the whole character',
    ]);
    expect(yaml('c: "\\ud83d\\ude00 \\U0001F600"\n')).toEqual({ value: { c: '😀 😀' }, problems: [] });
  });

  it('bidirectional controls, invisible characters and noncharacters written as YAML escapes', () => {
    expect(lines(yaml('a: "\\u202E"\nb: "\\uFEFF"\nc: "\\L"\nd: "\\U0010FFFF"\n'))).toEqual([
      `line 1, column 4: an escape writes a bidirectional control, U+202E (RIGHT-TO-LEFT OVERRIDE): ${BIDI}`,
      `line 2, column 4: an escape writes an invisible format character, U+FEFF (ZERO WIDTH NO-BREAK SPACE, a byte order mark inside the text): ${FORMAT}`,
      `line 3, column 4: an escape writes an invisible format character, U+2028 (LINE SEPARATOR): ${FORMAT}`,
      `line 4, column 4: an escape writes a noncharacter, U+10FFFF: ${NONCHARACTER}`,
    ]);
  });

  it('written as JSON escapes: named by the path of the value or key; escapes of printable text pass', () => {
    expect(lines(json('{"a": "\\ud800", "b": ["\\u200b"], "\\uffff": 1}'))).toEqual([
      'a: an escape writes an unpaired surrogate, U+D800: half of a UTF-16 pair, which is no character; write the whole character',
      `b[0]: an escape writes an invisible format character, U+200B (ZERO WIDTH SPACE): ${FORMAT}`,
      `: a key's escape writes a noncharacter, U+FFFF: ${NONCHARACTER}`,
    ]);
    expect(json('{"a": "\\ud83d\\ude00 caf\\u00e9 \\u03b2"}')).toEqual({ value: { a: '😀 café β' }, problems: [] });
  });

  it('a no-break space, an en dash, Greek and µ pass: they are visible text', () => {
    expect(yaml('a: 5\u00A0mg \u2013 β-GABA, 0.1 µM\n')).toEqual({
      value: { a: '5\u00A0mg \u2013 β-GABA, 0.1 µM' },
      problems: [],
    });
  });
});

describe('a field longer than its maximum is refused at its path, line and column, saying how long, not what it says', () => {
  it('a 1 MB statement, a name, a synonym, a description, a qualifier value and a qualifier key', () => {
    const copy = copySeedData();
    try {
      const long = (char: string, max: number) => char.repeat(max + 1);
      const replace = (relativePath: string, from: string, to: string) => {
        const text = readFileSync(copy.file(relativePath), 'utf8');
        expect(text).toContain(from);
        copy.write(relativePath, text.replace(from, to));
      };
      replace(
        'facts/abuse.yaml',
        "statement: 'The BNF 75 rates euphoria as a common to very common baclofen side effect.'",
        `statement: ${'S'.repeat(2 ** 20)}`,
      );
      replace(
        'facts/abuse.yaml',
        'qualifiers: { context: common, frequency: common to very common }',
        `qualifiers: { context: common, frequency: ${long('Q', MAX_LENGTH.qualifierValue)}, ${long('k', MAX_LENGTH.qualifierKey)}: x }`,
      );
      replace('entities/drugs.yaml', 'name: Baclofen', `name: ${long('N', MAX_LENGTH.name)}`);
      replace(
        'entities/drugs.yaml',
        'description: A GABA-derived muscle relaxant that stimulates GABAB receptors, given mainly for spasticity.',
        `description: ${long('D', MAX_LENGTH.description)}`,
      );
      replace('entities/drugs.yaml', "synonyms: ['β-phenyl-GABA']", `synonyms: ['${long('Y', MAX_LENGTH.name)}']`);
      /** "line L, column C" of the first place `needle` stands in a file of the copy. */
      const at = (relativePath: string, needle: string) => {
        const fileLines = readFileSync(copy.file(relativePath), 'utf8').split('\n');
        const line = fileLines.findIndex((l) => l.includes(needle));
        return `line ${line + 1}, column ${fileLines[line]!.indexOf(needle) + 1}`;
      };
      const tooLong = (what: string, max: number, length: number) =>
        `too long: ${what} is at most ${max} characters, this one has ${length} (MAX_LENGTH in src/model/seedDocuments.ts)`;

      const { problems } = readSeed([copy.dir]);
      const drugs = copy.file('entities/drugs.yaml');
      const abuse = copy.file('facts/abuse.yaml');
      expect(problems).toEqual<Problem[]>([
        {
          file: drugs,
          path: `entities[0].name (${at('entities/drugs.yaml', 'NNN')})`,
          message: tooLong('a name', MAX_LENGTH.name, MAX_LENGTH.name + 1),
        },
        {
          file: drugs,
          path: `entities[0].description (${at('entities/drugs.yaml', 'DDD')})`,
          message: tooLong('a description', MAX_LENGTH.description, MAX_LENGTH.description + 1),
        },
        {
          file: drugs,
          path: `entities[1].synonyms[0] (${at('entities/drugs.yaml', "'YYY")})`,
          message: tooLong('a synonym', MAX_LENGTH.name, MAX_LENGTH.name + 1),
        },
        {
          file: abuse,
          path: `relations[0].qualifiers.frequency (${at('facts/abuse.yaml', 'QQQ')})`,
          message: tooLong("a qualifier's text", MAX_LENGTH.qualifierValue, MAX_LENGTH.qualifierValue + 1),
        },
        {
          file: abuse,
          path: 'relations[0].qualifiers',
          message: tooLong("a qualifier's key", MAX_LENGTH.qualifierKey, MAX_LENGTH.qualifierKey + 1),
        },
        {
          file: abuse,
          path: `relations[0].citation.statement (${at('facts/abuse.yaml', 'SSS')})`,
          message: tooLong('a statement', MAX_LENGTH.statement, 2 ** 20),
        },
      ]);
    } finally {
      copy.remove();
    }
  });

  it('every maximum is at least twice the longest text of its kind in the data', () => {
    const { documents } = readSeed([DEFAULT_DATA_DIR]);
    const longest = Object.fromEntries(Object.keys(MAX_LENGTH).map((field) => [field, 0])) as Record<
      keyof typeof MAX_LENGTH,
      number
    >;
    const note = (field: keyof typeof MAX_LENGTH, ...texts: unknown[]) => {
      for (const text of texts.flat())
        if (typeof text === 'string') longest[field] = Math.max(longest[field], text.length);
    };
    const cited = (citation: { section: string; statement: string } | { statement: string }) => {
      if ('section' in citation) note('section', citation.section);
      note('statement', citation.statement);
    };
    for (const { doc } of documents.sources)
      for (const s of doc.sources) {
        note('id', s.id);
        note('title', s.title, s.licence);
        note('url', s.url);
      }
    for (const { doc } of documents.identifiers)
      for (const i of doc.identifiers) {
        note('identifier', i.value);
        note('url', i.url);
      }
    for (const { doc } of documents.locators)
      for (const l of doc.locators) {
        note('section', l.section);
        note('statement', l.noFact);
      }
    for (const { doc } of documents.entities)
      for (const e of doc.entities) {
        note('id', e.id);
        note('name', e.name, ...e.synonyms.map((s) => (typeof s === 'string' ? s : s.name)));
        note('description', e.description);
        cited(e.citation);
      }
    for (const { doc } of documents.facts)
      for (const fact of [...doc.relations, ...doc.literals]) {
        note('id', fact.subject, 'object' in fact ? fact.object : undefined);
        note('qualifierKey', ...Object.keys(fact.qualifiers));
        note('qualifierValue', ...Object.values(fact.qualifiers), 'value' in fact ? fact.value : undefined);
        cited(fact.citation);
      }
    for (const field of Object.keys(MAX_LENGTH) as (keyof typeof MAX_LENGTH)[]) {
      expect(longest[field], field).toBeGreaterThan(0);
      expect(2 * longest[field], field).toBeLessThanOrEqual(MAX_LENGTH[field]);
    }
  });
});

describe('an entry of a data directory that is not a regular file is refused without being read', () => {
  const notRead = (kind: string) =>
    `not read: this is ${kind}, and seed data is regular files only; remove it or replace it with the file itself`;

  it('a socket, and a link to one', async () => {
    const copy = copySeedData();
    const server = createServer();
    try {
      const socket = copy.file('facts/socket.yaml');
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      symlinkSync(socket, copy.file('facts/socket-link.yaml'));
      expect(readSeed([copy.dir]).problems).toEqual([
        { file: copy.file('facts/socket-link.yaml'), path: '', message: notRead('a link to a socket') },
        { file: socket, path: '', message: notRead('a socket') },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      copy.remove();
    }
  });

  it('a named pipe, and a link to one: at once, where reading one would wait for a writer forever', () => {
    const copy = copySeedData();
    try {
      const pipe = copy.fifo('facts/pipe.yaml');
      symlinkSync(pipe, copy.file('facts/pipe-link.yaml'));
      // In a child process: were the pipe opened, this process would block and never report.
      // The timeout only ends a hang; a refusal takes the time of reading the data once.
      const readSeedModule = pathToFileURL(fileURLToPath(new URL('../../seed/readSeed.ts', import.meta.url))).href;
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          'const { readSeed } = await import(process.argv[1]); console.log(JSON.stringify(readSeed([process.argv[2]]).problems));',
          readSeedModule,
          copy.dir,
        ],
        { encoding: 'utf8', timeout: 50_000 },
      );
      expect(child.error).toBeUndefined();
      expect(child.status, child.stderr).toBe(0);
      expect(JSON.parse(child.stdout)).toEqual([
        { file: copy.file('facts/pipe-link.yaml'), path: '', message: notRead('a link to a named pipe (FIFO)') },
        { file: pipe, path: '', message: notRead('a named pipe (FIFO)') },
      ]);
    } finally {
      copy.remove();
    }
  });
});

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
