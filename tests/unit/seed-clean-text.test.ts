/**
 * Seed text is clean text (seed/cleanText.ts, seed/parseSeedFile.ts), in memory: bytes that are
 * not UTF-8, control characters (raw or escaped), the replacement character and YAML tags
 * outside the core schema are each refused at their line and column (or JSON path); clean text,
 * tabs, CRLF line ends, a BOM and the core schema's own tags pass.
 */
import { describe, expect, it } from 'vitest';
import { readSeed } from '../../seed/readSeed.js';
import { DEFAULT_DATA_DIR } from '../../seed/seedGraph.js';
import { parseSeedFile } from '../../seed/parseSeedFile.js';
import { copySeedData } from '../support/seedDataCopy.js';

const yaml = (text: string | number[]) =>
  parseSeedFile(typeof text === 'string' ? new TextEncoder().encode(text) : Uint8Array.from(text), false);
const json = (text: string) => parseSeedFile(new TextEncoder().encode(text), true);
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
