/**
 * The releases on the shelf
 *
 * The releases a folder holds (RELEASE_DIR, one folder per data version), as the API serves and
 * lists them: a release counts only when whole, its manifest verified (every file at its size
 * and SHA-256, src/release/manifest.ts) the first time it is asked for in a process.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, verifyRelease, type ReleaseManifest } from './manifest.js';

/** A data version is a hash; nothing else names a release folder. */
const VERSION = /^[0-9a-f]{8,64}$/;

export interface ReleaseShelf {
  /** The whole release of `version`, or null when there is none (or it is not whole). */
  release(version: string): Promise<ReleaseManifest | null>;
}

/** When a release's manifest was last written, or null when it has none. */
const writtenAt = (file: string) =>
  stat(file).then(
    (s) => s.mtimeMs,
    () => null,
  );

/** The releases of a folder, each verified when first asked for and again when rewritten. */
export function releaseShelf(dir: string): ReleaseShelf {
  const verified = new Map<string, { manifest: ReleaseManifest; mtimeMs: number }>();
  return {
    async release(version) {
      if (!VERSION.test(version)) return null;
      const folder = join(dir, version);
      const mtimeMs = await writtenAt(join(folder, MANIFEST_FILE));
      if (mtimeMs === null) return null;
      const known = verified.get(version);
      if (known?.mtimeMs === mtimeMs) return known.manifest;
      const { manifest, problems } = await verifyRelease(folder);
      if (!manifest || problems.length > 0) return null;
      verified.set(version, { manifest, mtimeMs });
      return manifest;
    },
  };
}
