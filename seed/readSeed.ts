/**
 * Reading seed data
 *
 * Reads every YAML (or JSON) file under a data directory, parses it as clean text and plain YAML
 * (seed/parseSeedFile.ts), and validates each against the schema of its document kind (decided
 * by its folder). Nothing stops at the first problem: every problem is collected with its file
 * and the path inside the file, so one run shows all that is wrong.
 *
 * Only regular files are read. Opening a named pipe waits for a writer and reading a device may
 * never end, so anything else (a FIFO, a socket, a device, a link to one) is refused from its
 * stat, without being opened; a file swapped for one between the stat and the open is opened
 * without blocking and refused from the descriptor's stat.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  EntitiesDocument,
  FactsDocument,
  IdentifiersDocument,
  LocatorsDocument,
  MappingsDocument,
  DisagreementsDocument,
  SourcesDocument,
  type DatasetEntitiesDocument,
  type DatasetFactsDocument,
} from '../src/model/seedDocuments.js';
import { parseSeedFile } from './parseSeedFile.js';

export interface Problem {
  file: string;
  path: string;
  message: string;
}

/** A document and where it was read: a file, and for a dataset record its line (`line 333`). */
export interface Located<T> {
  file: string;
  path: string;
  doc: T;
}

/** Every document of the data directories; the entities and facts of datasets are added later (seed/datasets/). */
export interface SeedDocuments {
  sources: Located<SourcesDocument>[];
  entities: Located<EntitiesDocument | DatasetEntitiesDocument>[];
  facts: Located<FactsDocument | DatasetFactsDocument>[];
  identifiers: Located<IdentifiersDocument>[];
  locators: Located<LocatorsDocument>[];
  mappings: Located<MappingsDocument>[];
  disagreements: Located<DisagreementsDocument>[];
}

/** Which schema a file follows, by where it lives under the data directory. */
function documentKind(relativePath: string): keyof SeedDocuments | undefined {
  const name = relativePath.replace(/\.(ya?ml|json)$/, '');
  if (name === 'sources') return 'sources';
  if (name === 'mappings') return 'mappings';
  if (name === 'disagreements') return 'disagreements';
  if (name === 'identifiers' || relativePath.startsWith('identifiers/')) return 'identifiers';
  if (relativePath.startsWith('entities/')) return 'entities';
  if (relativePath.startsWith('facts/')) return 'facts';
  if (relativePath.startsWith('locators/')) return 'locators';
  return undefined;
}

const SCHEMAS = {
  sources: SourcesDocument,
  entities: EntitiesDocument,
  facts: FactsDocument,
  identifiers: IdentifiersDocument,
  locators: LocatorsDocument,
  mappings: MappingsDocument,
  disagreements: DisagreementsDocument,
} as const;

/** A file that cannot be opened (a broken link, say) is still listed, so reading it reports it. */
function listYamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return listYamlFiles(full);
      return /\.(ya?ml|json)$/.test(entry.name) ? [full] : [];
    });
}

/**
 * How a file is named in a problem: relative to the working directory when it lies inside it
 * (seed/data/facts/x.yaml), else absolute, so that the name can be opened from where the
 * command ran instead of reading as a chain of ../../.
 */
function displayPath(root: string, full: string): string {
  const rel = relative(root, full);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(full);
}

/** A key this long is the data's fault, not a name to print in full: its start is enough to find it. */
const LONGEST_KEY_SHOWN = 60;
const shownKey = (key: PropertyKey) => {
  const name = String(key);
  return name.length > LONGEST_KEY_SHOWN ? `${name.slice(0, LONGEST_KEY_SHOWN)}... (${name.length} characters)` : name;
};

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${shownKey(key)}` : shownKey(key)),
    '',
  );
}

/** What a file is when it is not a regular file, in words; undefined when it is one. */
function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/**
 * A regular file's bytes, or why it was not read. The stat follows links, so a link to a
 * regular file is read and a link to a pipe is not; O_NONBLOCK makes opening a pipe that
 * replaced the file since return at once rather than wait for a writer.
 */
function readRegularFile(full: string): { bytes: Buffer } | { refusal: string } {
  let fd: number;
  try {
    const kind = notRegular(statSync(full));
    if (kind) return { refusal: notRegularMessage(lstatSync(full).isSymbolicLink() ? `a link to ${kind}` : kind) };
    fd = openSync(full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { refusal: `cannot read: ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const kind = notRegular(fstatSync(fd));
    return kind ? { refusal: notRegularMessage(kind) } : { bytes: readFileSync(fd) };
  } catch (error) {
    return { refusal: `cannot read: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    closeSync(fd);
  }
}

const notRegularMessage = (kind: string) =>
  `not read: this is ${kind}, and seed data is regular files only; remove it or replace it with the file itself`;

/** A message that quotes a value (an unknown unit, a key) shows the start of a long one only. */
const LONGEST_MESSAGE = 500;
const clipped = (message: string) =>
  message.length > LONGEST_MESSAGE
    ? `${message.slice(0, LONGEST_MESSAGE)}... (${message.length} characters in all)`
    : message;

/**
 * Where a schema issue stands. A text over its maximum is also given its line and column in
 * YAML, as a long value is the one place in a file a path alone does not lead the eye to. A
 * record key that fails is named by its record, so a megabyte key is not printed.
 */
function schemaProblems(
  file: string,
  issue: { code: string; path: PropertyKey[]; message: string; issues?: { message: string }[] },
  locate: ((path: readonly PropertyKey[]) => string | undefined) | undefined,
): Problem[] {
  if (issue.code === 'invalid_key' && issue.issues?.length) {
    const record = issue.path.slice(0, -1);
    return issue.issues.map((inner) => ({ file, path: formatPath(record), message: clipped(inner.message) }));
  }
  const where = issue.code === 'too_big' ? locate?.(issue.path) : undefined;
  const path = formatPath(issue.path);
  return [{ file, path: where ? `${path} (${where})` : path, message: clipped(issue.message) }];
}

/** Reads the documents of one or more data directories (later ones add to earlier ones). */
export function readSeed(dataDirs: string[], root = process.cwd()): { documents: SeedDocuments; problems: Problem[] } {
  const documents: SeedDocuments = {
    sources: [],
    entities: [],
    facts: [],
    identifiers: [],
    locators: [],
    mappings: [],
    disagreements: [],
  };
  const problems: Problem[] = [];
  for (const dir of dataDirs) {
    let files: string[];
    try {
      files = listYamlFiles(dir);
    } catch (error) {
      problems.push({
        file: displayPath(root, dir),
        path: '',
        message: `cannot read the data directory: ${(error as Error).message}`,
      });
      continue;
    }
    for (const full of files) {
      const file = displayPath(root, full);
      const kind = documentKind(relative(dir, full).split('\\').join('/'));
      if (!kind) {
        problems.push({
          file,
          path: '',
          message: 'unknown document kind: put it in entities/, facts/, locators/, identifiers.yaml or sources.yaml',
        });
        continue;
      }
      const read = readRegularFile(full);
      if ('refusal' in read) {
        problems.push({ file, path: '', message: read.refusal });
        continue;
      }
      const parsed = parseSeedFile(read.bytes, full.endsWith('.json'));
      if (parsed.problems.length) {
        for (const problem of parsed.problems) problems.push({ file, ...problem });
        continue;
      }
      const result = SCHEMAS[kind].safeParse(parsed.value);
      if (!result.success) {
        for (const issue of result.error.issues) problems.push(...schemaProblems(file, issue, parsed.locate));
        continue;
      }
      (documents[kind] as Located<unknown>[]).push({ file, path: '', doc: result.data });
    }
  }
  return { documents, problems };
}
