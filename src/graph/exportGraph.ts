/**
 * Bulk export
 *
 * The graph as cited facts, one JSON object per line, in the order and shape of the API's
 * `facts` connection. It is read page by page, so a graph of any size is exported in bounded
 * memory, and written beside its final name and renamed into place, so a failed export leaves no
 * half file. A graph reloaded while the pages are read would mix two versions: the data version
 * is compared before and after, and such a read fails. Releases (src/release/) read the facts
 * and write their files through the same three pieces: the page walk, the file and the line.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Reader } from '../neo4j/database.js';
import { graphVersion } from '../neo4j/meta.js';
import { factPage, type FactPage, type FactPosition } from './factPages.js';
import type { ExportedFact } from './facts.js';

const PAGE = 5_000;

/** One fact as a line of the export. */
export const factLine = (fact: ExportedFact) => `${JSON.stringify(fact)}\n`;

/** A file written a piece at a time, waiting for the disk when it falls behind. */
export interface TextFile {
  write(text: string): Promise<void>;
  /** Resolves once everything written is in the file. */
  end(): Promise<void>;
  /** Closes the file at once, after a failure; harmless after `end`. */
  destroy(): void;
}

export function openTextFile(file: string): TextFile {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {}); // seen through the races below, at the next write or at the end
  return {
    async write(text) {
      if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
    },
    async end() {
      out.end();
      await Promise.race([once(out, 'finish'), failed]);
    },
    destroy: () => out.destroy(),
  };
}

/**
 * Hands every fact of the graph to `visit`, a page at a time in export order, and returns the
 * data version they belong to (null for a graph never loaded).
 */
export async function readFactPages(
  database: Reader,
  visit: (page: FactPage) => Promise<void>,
): Promise<string | null> {
  const version = await graphVersion(database);
  let after: FactPosition | null = null;
  for (;;) {
    const page = await factPage(database, {}, PAGE, after);
    await visit(page);
    if (!page.hasNextPage) break;
    after = page.facts[page.facts.length - 1]!.position;
  }
  if ((await graphVersion(database)) !== version) {
    throw new Error('the graph was reloaded while it was read, which would mix two versions; run it again');
  }
  return version;
}

/** A failure to write `target` as the user can act on it; other errors as they are. */
export function writeFailure(error: unknown, target: string): unknown {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (code === 'ENOSPC')
    return new Error(`the disk is full: ${target} was not written; free some space or choose another --out`);
  if (syscall) return new Error(`cannot write ${target}: ${(error as Error).message}`);
  return error;
}

/** Writes every fact of the graph to `file` as JSON Lines and returns how many. */
export async function exportGraph(database: Reader, file: string): Promise<number> {
  const partial = `${file}.partial-${process.pid}`;
  const out = openTextFile(partial);
  try {
    let count = 0;
    await readFactPages(database, async (page) => {
      await out.write(page.facts.map(({ fact }) => factLine(fact)).join(''));
      count += page.facts.length;
    });
    await out.end();
    await rename(partial, file);
    return count;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw writeFailure(error, file);
  }
}
