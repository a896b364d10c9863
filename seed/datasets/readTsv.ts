/**
 * Reading a kept dataset file
 *
 * A dataset file is tab-separated text under seed/sources/, its first line the column names.
 * Each row is read by those names and validated by the row schema of the module that reads the
 * file; its line number (the header is line 1) is the record's locator, so a row that does not
 * fit is a problem naming the file and the line. Line ends may be LF or CRLF. A header other than the one expected stops the
 * file: its rows would be read into the wrong fields.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import type { Problem } from '../readSeed.js';

export interface DatasetRow<T> {
  /** 1-based line in the file; the header is line 1. */
  line: number;
  row: T;
}

/** How a dataset file is named in a problem: relative to the working directory when inside it. */
export function datasetDisplayPath(sourcesDir: string, file: string): string {
  const full = resolve(sourcesDir, file);
  const rel = relative(process.cwd(), full);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : full;
}

/** Reads `file` (`<folder>/<name>.tsv`) under `sourcesDir`, each row parsed by `schema`. */
export function readTsv<T>(
  sourcesDir: string,
  file: string,
  columns: readonly string[],
  schema: z.ZodType<T>,
): { rows: DatasetRow<T>[]; problems: Problem[] } {
  const shown = datasetDisplayPath(sourcesDir, file);
  let text: string;
  try {
    text = readFileSync(join(sourcesDir, file), 'utf8');
  } catch (error) {
    return {
      rows: [],
      problems: [{ file: shown, path: '', message: `cannot read the dataset file: ${(error as Error).message}` }],
    };
  }
  // Hetionet's node file ends its lines with CRLF, the others with LF.
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = (lines[0] ?? '').split('\t');
  if (header.join('\t') !== columns.join('\t'))
    return {
      rows: [],
      problems: [
        {
          file: shown,
          path: 'line 1',
          message: `the header is "${header.join(', ')}", expected "${columns.join(', ')}": the file is not the one the adapter reads`,
        },
      ],
    };
  const rows: DatasetRow<T>[] = [];
  const problems: Problem[] = [];
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    const cells = text.split('\t');
    if (cells.length !== columns.length) {
      problems.push({
        file: shown,
        path: `line ${line}`,
        message: `${cells.length} fields, expected ${columns.length}`,
      });
      return;
    }
    const parsed = schema.safeParse(Object.fromEntries(columns.map((c, j) => [c, cells[j]])));
    if (parsed.success) rows.push({ line, row: parsed.data });
    else
      for (const issue of parsed.error.issues)
        problems.push({ file: shown, path: `line ${line}`, message: `${issue.path.join('.')}: ${issue.message}` });
  });
  return { rows, problems };
}
