/**
 * The releases on the shelf
 *
 * The releases a folder holds (RELEASE_DIR, one folder per data version), as the API serves and
 * lists them: a release counts only when whole, its manifest verified (every file at its size
 * and SHA-256, src/release/manifest.ts) the first time it is asked for in a process.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DATA_VERSION,
  fileDigest,
  MANIFEST_FILE,
  verifyRelease,
  type ReleaseFile,
  type ReleaseManifest,
} from './manifest.js';

/** A file to serve: the manifest's files, and the manifest itself. */
export type ShelvedFile = Pick<ReleaseFile, 'name' | 'mediaType' | 'bytes' | 'sha256'>;

export interface ShelvedRelease {
  manifest: ReleaseManifest;
  /** The folder it was verified in, which its files are served from. */
  folder: string;
  /** Every file of the release, manifest.json last. */
  files: ShelvedFile[];
}

export interface ReleaseShelf {
  /** The whole release of `version`, or null when there is none (or it is not whole). */
  release(version: string): Promise<ShelvedRelease | null>;
}

/** When a release's manifest was last written, or null when it has none. */
const writtenAt = (file: string) =>
  stat(file).then(
    (s) => s.mtimeMs,
    () => null,
  );

/** The releases of a folder, each verified when first asked for and again when rewritten. */
export function releaseShelf(dir: string): ReleaseShelf {
  /** Verifications by version, done or under way, with the manifest's time they checked. */
  const verified = new Map<string, { check: Promise<ShelvedRelease | null>; mtimeMs: number }>();
  const verify = async (version: string, folder: string): Promise<ShelvedRelease | null> => {
    const { manifest, problems } = await verifyRelease(folder);
    // A folder holds the release it is named after, or nothing this shelf serves.
    if (!manifest || problems.length > 0 || manifest.dataVersion !== version) return null;
    const itself = {
      name: MANIFEST_FILE,
      mediaType: 'application/json',
      ...(await fileDigest(join(folder, MANIFEST_FILE))),
    };
    return { manifest, folder, files: [...manifest.files, itself] };
  };
  return {
    async release(version) {
      if (!DATA_VERSION.test(version)) return null;
      const folder = join(dir, version);
      const mtimeMs = await writtenAt(join(folder, MANIFEST_FILE));
      if (mtimeMs === null) return null;
      const known = verified.get(version);
      if (known?.mtimeMs === mtimeMs) return known.check;
      // Requests that ask at once share one verification (it hashes every file).
      const check = verify(version, folder);
      verified.set(version, { check, mtimeMs });
      return check;
    },
  };
}
