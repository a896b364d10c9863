/**
 * Releases
 *
 * One data version of the graph as files anyone can download, cite and check, in
 * `<outDir>/<dataVersion>/`: facts.jsonl (the bulk export), five CSV tables (csvTables.ts),
 * N-Triples and JSON-LD (rdf.ts, rdfFormats.ts), and last the manifest (manifest.ts) with each
 * file's size and SHA-256. The files are written into a hidden folder beside the final one,
 * which is renamed into place whole: a failed release leaves nothing, and no reader sees a
 * release without its manifest. The data version is read before and after the facts, and a
 * release of a graph reloaded in between fails. A release already whole, of the same version
 * and base URL, is left as it is unless forced.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { factLine, openTextFile, readFactPages, writeFailure } from '../graph/exportGraph.js';
import type { ExportedFact } from '../graph/facts.js';
import { indexSources } from '../model/citations.js';
import { releaseUrl } from '../model/resourceUrls.js';
import type { StoredSource } from '../model/storedShapes.js';
import type { Reader } from '../neo4j/database.js';
import { graphVersion } from '../neo4j/meta.js';
import { csvFileName, CSV_TABLES, openCsvTables } from './csvTables.js';
import {
  DATA_VERSION,
  fileDigest,
  MANIFEST_FILE,
  verifyRelease,
  type ReleaseFile,
  type ReleaseManifest,
  type ReleaseSource,
} from './manifest.js';
import { factQuads } from './rdf.js';
import { toJsonLd, toNTriples } from './rdfFormats.js';

export { readManifest, verifyRelease } from './manifest.js';

export interface ReleaseOptions {
  /** The folder of releases; this one goes into `<outDir>/<dataVersion>/`. */
  outDir: string;
  /** The base of every URL and IRI in the release (PUBLIC_URL). */
  baseUrl: string;
  /** Write the release again even when a whole one of this version is there. @default false */
  force?: boolean;
}

export interface Release {
  dir: string;
  manifest: ReleaseManifest;
  /** False when a whole release was already there and was left as it is. */
  written: boolean;
}

/** Every file of a release but the manifest, in the order the manifest lists them, with its media type. */
const MEDIA_TYPES: Record<string, string> = {
  'facts.jsonl': 'application/x-ndjson',
  ...Object.fromEntries(CSV_TABLES.map((t) => [csvFileName(t), 'text/csv; charset=utf-8; header=present'])),
  'graph.nt': 'application/n-triples',
  'graph.jsonld': 'application/ld+json',
};

const releaseSource = (s: StoredSource): ReleaseSource => ({
  id: s.id,
  kind: s.kind,
  title: s.title,
  url: s.url,
  licence: s.licence,
  attribution: s.attribution ?? null,
  citation: s.citation ?? null,
  asOf: s.asOf ?? null,
});

/** What each source supports: the statements with evidence from it, and its pieces of evidence. */
function countBySource(facts: ExportedFact[], into: ReleaseManifest['counts']['bySource']): void {
  for (const fact of facts) {
    const cited = new Set<string>();
    for (const { source } of fact.citations) {
      const counts = (into[source] ??= { statements: 0, citations: 0 });
      counts.citations += 1;
      if (!cited.has(source)) counts.statements += 1;
      cited.add(source);
    }
  }
}

/** Writes every file of the release into `dir` and returns its manifest. */
async function writeFiles(database: Reader, dir: string, version: string, baseUrl: string): Promise<ReleaseManifest> {
  const lines = openTextFile(join(dir, 'facts.jsonl'));
  const tables = await openCsvTables(dir, baseUrl);
  const all: ExportedFact[] = [];
  const bySource: ReleaseManifest['counts']['bySource'] = {};
  let stored: StoredSource[] = [];
  try {
    const read = await readFactPages(database, async (page) => {
      const facts = page.facts.map((f) => f.fact);
      stored = page.sources;
      await lines.write(facts.map(factLine).join(''));
      await tables.add(facts, indexSources(page.sources));
      countBySource(facts, bySource);
      // RDF's JSON-LD is one document, made from all of the facts at once.
      all.push(...facts);
    });
    if (read !== version) throw new Error('the graph was reloaded before the release began; run it again');
    await lines.end();
    const sources = [...stored].sort((a, b) => (a.id < b.id ? -1 : 1)).map(releaseSource);
    const rows = await tables.end(sources);
    const quads = factQuads(all, stored, baseUrl);
    const triples = toNTriples(quads);
    await writeFile(join(dir, 'graph.nt'), triples);
    await writeFile(join(dir, 'graph.jsonld'), `${JSON.stringify(await toJsonLd(quads, baseUrl), null, 2)}\n`);

    const files: ReleaseFile[] = [];
    for (const [name, mediaType] of Object.entries(MEDIA_TYPES)) {
      const digest = await fileDigest(join(dir, name));
      files.push({ name, mediaType, ...digest, url: releaseUrl(baseUrl, version, name) });
    }
    const manifest: ReleaseManifest = {
      dataVersion: version,
      writtenAt: new Date().toISOString(),
      baseUrl,
      files,
      counts: {
        entities: rows.entities,
        statements: rows.statements,
        qualifiers: rows.qualifiers,
        citations: rows.citations,
        // One line of graph.nt per quad.
        triples: quads.length,
        bySource,
      },
      sources,
    };
    await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    lines.destroy();
    tables.destroy();
  }
}

/** Puts the folder `from` where `to` is, moving a release already there out of the way first. */
async function moveIntoPlace(from: string, to: string): Promise<void> {
  const old = `${from}.old`;
  const moved = await rename(to, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(from, to);
  } catch (error) {
    if (moved) await rename(old, to);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

/** Writes the release of the graph's data version, unless a whole one is already there. */
export async function writeRelease(database: Reader, options: ReleaseOptions): Promise<Release> {
  const version = await graphVersion(database);
  if (!version) throw new Error('the graph holds no completed load: load it with `npm run seed`, then release');
  if (!DATA_VERSION.test(version)) throw new Error(`the data version ${version} cannot name a folder`);
  const dir = join(options.outDir, version);
  if (!options.force) {
    const { manifest, problems } = await verifyRelease(dir);
    if (manifest && problems.length === 0 && manifest.baseUrl === options.baseUrl) {
      return { dir, manifest, written: false };
    }
  }
  const partial = join(options.outDir, `.${version}.partial-${process.pid}`);
  try {
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });
    const manifest = await writeFiles(database, partial, version, options.baseUrl);
    await moveIntoPlace(partial, dir);
    return { dir, manifest, written: true };
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => {}); // the error below says more
    throw writeFailure(error, dir);
  }
}
