/**
 * Release manifest
 *
 * What a release holds, written last into its folder as manifest.json: the data version, when
 * and under which base URL it was written, each file with its media type, size and SHA-256, the
 * counts, and the sources with the licence and attribution each asks for. A release is whole
 * when its manifest parses and every file it lists has the size and digest it states: that is
 * what `verifyRelease` checks, for `npm run release` (which leaves a whole release as it is) and
 * for the server (which serves nothing else).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';

const count = z.number().int().min(0);
/** A data version, which names its release's folder: the seed data's content hash, in hex. */
export const DATA_VERSION = /^[0-9a-f]{8,64}$/;
/** A plain name inside the release folder: no path, nothing hidden. */
const fileName = z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'must be a file name inside the release folder');

export const ReleaseFileSchema = z.object({
  name: fileName,
  /** The Content-Type to serve it with. */
  mediaType: z.string().min(1),
  bytes: count,
  /** Lowercase hex, as `sha256sum` prints it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the API serves it (/releases/<version>/<name> under the base URL). */
  url: z.string().url(),
});

export const ReleaseSourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  url: z.string(),
  licence: z.string(),
  /** The attribution its licence asks for; null when none beyond the citation. */
  attribution: z.string().nullable(),
  /** How to cite it (a dataset's publication); null where the title and URL say it. */
  citation: z.string().nullable(),
  /** When its data was current; null for the article and the registries. */
  asOf: z.string().nullable(),
});

export const ReleaseManifestSchema = z.object({
  dataVersion: z.string().regex(DATA_VERSION, 'must be a data version (a hex content hash)'),
  /** ISO 8601 date and time. */
  writtenAt: z.string().datetime(),
  /** The base of every URL and IRI in the release (PUBLIC_URL). */
  baseUrl: z.string().url(),
  files: z.array(ReleaseFileSchema),
  counts: z.object({
    entities: count,
    /** Facts: the lines of facts.jsonl, the rows of statements.csv. */
    statements: count,
    qualifiers: count,
    /** Pieces of evidence: the rows of citations.csv. */
    citations: count,
    /** Lines of graph.nt. */
    triples: count,
    /** By source id: the statements it supports and its pieces of evidence. */
    bySource: z.record(z.string(), z.object({ statements: count, citations: count })),
  }),
  sources: z.array(ReleaseSourceSchema),
});

export type ReleaseFile = z.infer<typeof ReleaseFileSchema>;
export type ReleaseSource = z.infer<typeof ReleaseSourceSchema>;
export type ReleaseManifest = z.infer<typeof ReleaseManifestSchema>;

/** The size and SHA-256 of a file, read as a stream. */
export async function fileDigest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(createReadStream(path), async function (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      hash.update(chunk);
    }
  });
  return { bytes, sha256: hash.digest('hex') };
}

/** The manifest of the release in `dir`, or null when it has none; an unreadable one throws, saying why. */
export async function readManifest(dir: string): Promise<ReleaseManifest | null> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ReleaseManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${path} is not a release manifest: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export interface ReleaseCheck {
  /** The manifest, when it could be read. */
  manifest: ReleaseManifest | null;
  /** What is wrong; none for a whole release. */
  problems: string[];
}

/** Whether the release in `dir` is whole: its manifest, and every file it lists at its size and digest. */
export async function verifyRelease(dir: string): Promise<ReleaseCheck> {
  let manifest: ReleaseManifest | null;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    return { manifest: null, problems: [(error as Error).message] };
  }
  if (!manifest) return { manifest: null, problems: [`${join(dir, MANIFEST_FILE)} does not exist`] };
  const problems: string[] = [];
  for (const file of manifest.files) {
    const found = await fileDigest(join(dir, file.name)).catch(() => null);
    if (!found) problems.push(`${file.name} is missing`);
    else if (found.bytes !== file.bytes) problems.push(`${file.name} has ${found.bytes} bytes, not ${file.bytes}`);
    else if (found.sha256 !== file.sha256) problems.push(`${file.name} does not have the SHA-256 of the manifest`);
  }
  return { manifest, problems };
}
