/**
 * Reading seed data
 *
 * Reads every YAML (or JSON) file under a data directory, parses it as clean text and plain YAML
 * (seed/parseSeedFile.ts), and validates each against the schema of its document kind (decided
 * by its folder). Nothing stops at the first problem: every problem is collected with its file
 * and the path inside the file, so one run shows all that is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  EntitiesDocument,
  FactsDocument,
  IdentifiersDocument,
  LocatorsDocument,
  SourcesDocument,
} from '../src/model/seedDocuments.js';
import { parseSeedFile } from './parseSeedFile.js';

export interface Problem {
  file: string;
  path: string;
  message: string;
}

export interface Located<T> {
  file: string;
  path: string;
  doc: T;
}

export interface SeedDocuments {
  sources: Located<SourcesDocument>[];
  entities: Located<EntitiesDocument>[];
  facts: Located<FactsDocument>[];
  identifiers: Located<IdentifiersDocument>[];
  locators: Located<LocatorsDocument>[];
}

/** Which schema a file follows, by where it lives under the data directory. */
function documentKind(relativePath: string): keyof SeedDocuments | undefined {
  const name = relativePath.replace(/\.(ya?ml|json)$/, '');
  if (name === 'sources') return 'sources';
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

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** Reads the documents of one or more data directories (later ones add to earlier ones). */
export function readSeed(dataDirs: string[], root = process.cwd()): { documents: SeedDocuments; problems: Problem[] } {
  const documents: SeedDocuments = { sources: [], entities: [], facts: [], identifiers: [], locators: [] };
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
      let bytes: Buffer;
      try {
        bytes = readFileSync(full);
      } catch (error) {
        problems.push({ file, path: '', message: `cannot read: ${(error as Error).message.split('\n')[0]}` });
        continue;
      }
      const parsed = parseSeedFile(bytes, full.endsWith('.json'));
      if (parsed.problems.length) {
        for (const problem of parsed.problems) problems.push({ file, ...problem });
        continue;
      }
      const result = SCHEMAS[kind].safeParse(parsed.value);
      if (!result.success) {
        for (const issue of result.error.issues)
          problems.push({ file, path: formatPath(issue.path), message: issue.message });
        continue;
      }
      (documents[kind] as Located<unknown>[]).push({ file, path: '', doc: result.data });
    }
  }
  return { documents, problems };
}
