/**
 * Seeding
 *
 * Validate everything first, write only if nothing is wrong. A data set with any problem
 * writes nothing and reports every problem with its file and path.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/neo4j/database.js';
import { graphVersion } from '../src/neo4j/meta.js';
import { checkSeed } from './checkSeed.js';
import {
  DEFAULT_DATASET_SCOPE,
  DEFAULT_SOURCES_DIR,
  withDatasets,
  type DatasetScope,
} from './datasets/datasetDocuments.js';
import { applySchema, loadGraph, type LoadOptions, type LoadSummary } from './loadGraph.js';
import { readSeed, type Problem } from './readSeed.js';
import { toGraph, type GraphRows } from './toGraph.js';

export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'data');

export class SeedDataError extends Error {
  override name = 'SeedDataError';
  constructor(readonly problems: Problem[]) {
    super(
      `the seed data has ${problems.length} problem(s); nothing was written:\n` +
        problems.map((p) => `  ${p.file}${p.path ? `: ${p.path}` : ''}: ${p.message}`).join('\n'),
    );
  }
}

/**
 * Reads and checks the data directories; throws SeedDataError listing every problem. Files are
 * checked together only once each is valid on its own: a file that fails is left out, and
 * checking the rest without it would report its facts' sentences as uncited and its entities
 * as unknown, burying the one real problem under problems that are not there.
 */
export interface PrepareOptions {
  /**
   * Which records of the kept datasets to load: none, those of the graph's drugs
   * (`neighbourhood`), or every record of the files (`full`). @default 'neighbourhood'
   */
  datasets?: DatasetScope;
  /** Where the dataset files are. @default seed/sources */
  sourcesDir?: string;
}

export function prepareSeed(dataDirs: string[] = [DEFAULT_DATA_DIR], options: PrepareOptions = {}): GraphRows {
  const read = readSeed(dataDirs);
  if (read.problems.length > 0) throw new SeedDataError(read.problems);
  const { documents, problems } = withDatasets(
    read.documents,
    options.datasets ?? DEFAULT_DATASET_SCOPE,
    options.sourcesDir ?? DEFAULT_SOURCES_DIR,
  );
  if (problems.length > 0) throw new SeedDataError(problems);
  const checked = checkSeed(documents);
  if (checked.problems.length > 0) throw new SeedDataError(checked.problems);
  return toGraph(checked.data);
}

export interface SeedOptions extends LoadOptions, PrepareOptions {
  /** The data directories to read. @default [DEFAULT_DATA_DIR] */
  dataDirs?: string[];
  /** Rows prepareSeed already made, so the data is not read and checked again (dataDirs is then unused). */
  rows?: GraphRows;
  /** Skip the write when the graph already holds this data version. */
  onlyIfChanged?: boolean;
}

export async function seedGraph(database: Database, options: SeedOptions = {}): Promise<LoadSummary | null> {
  const rows = options.rows ?? prepareSeed(options.dataDirs, options);
  await applySchema(database);
  if (options.onlyIfChanged && (await graphVersion(database)) === rows.version) return null;
  return loadGraph(database, rows, options);
}
