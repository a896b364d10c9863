/**
 * Bulk export
 *
 * The graph as cited facts, one JSON object per line, in the order and shape of the API's
 * `facts` connection. It is read page by page, so a graph of any size is exported in bounded
 * memory, and written beside its final name and renamed into place, so a failed export leaves no
 * half file. A graph reloaded while the pages are read would mix two versions: the data version
 * is compared before and after, and such an export fails.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Reader } from '../neo4j/database.js';
import { graphVersion } from '../neo4j/meta.js';
import { factPage, type FactPosition } from './factPages.js';

const PAGE = 5_000;

async function writeFacts(database: Reader, file: string): Promise<number> {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {}); // seen through the races below, at the next write or at the end
  let count = 0;
  try {
    let after: FactPosition | null = null;
    for (;;) {
      const page = await factPage(database, {}, PAGE, after);
      const text = page.facts.map(({ fact }) => `${JSON.stringify(fact)}\n`).join('');
      if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
      count += page.facts.length;
      if (!page.hasNextPage) break;
      after = page.facts[page.facts.length - 1]!.position;
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    return count;
  } finally {
    out.destroy();
  }
}

/** Writes every fact of the graph to `file` as JSON Lines and returns how many. */
export async function exportGraph(database: Reader, file: string): Promise<number> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    const version = await graphVersion(database);
    const count = await writeFacts(database, partial);
    if ((await graphVersion(database)) !== version) {
      throw new Error('the graph was reloaded during the export, which would mix two versions; run it again');
    }
    await rename(partial, file);
    return count;
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC')
      throw new Error(`the disk is full: ${file} was not written; free some space or choose another --out`);
    if ((error as NodeJS.ErrnoException).syscall) throw new Error(`cannot write ${file}: ${(error as Error).message}`);
    throw error;
  }
}
