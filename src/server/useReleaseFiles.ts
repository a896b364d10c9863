/**
 * Release files
 *
 * Serves the releases in RELEASE_DIR (src/release/writeRelease.ts writes them, one folder per
 * data version): /releases/<version>/<file> never changes, so it is cached for a year as
 * immutable; /releases/latest/<file> is the release of the data version the API serves now, and
 * is revalidated on each use. Only a whole release is served (its manifest verified once per
 * process, src/release/manifest.ts), and only the files its manifest lists, streamed with their
 * media type and a strong ETag of their SHA-256. Anything else is a 404 that says why.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import { idOfSegment, LATEST_RELEASE, RELEASE_PATH } from '../model/resourceUrls.js';
import type { ReleaseShelf } from '../release/releaseShelf.js';
import type { DataVersionWatcher } from './dataVersionWatcher.js';
import { matchesTag } from './entityTags.js';
import { problemResponse } from './problemResponse.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
export function useReleaseFiles(shelf: ReleaseShelf, watcher: DataVersionWatcher): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(RELEASE_PATH) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const notFound = (message: string) => endResponse(problemResponse(fetchAPI.Response, 404, 'NOT_FOUND', message));
      const [versionSegment = '', fileSegment = '', ...rest] = url.pathname.slice(RELEASE_PATH.length).split('/');
      const asked = idOfSegment(versionSegment);
      const name = idOfSegment(fileSegment);
      if (!asked || !name || rest.length > 0)
        return notFound('a release file is /releases/<data version or latest>/<file>');
      const latest = asked === LATEST_RELEASE;
      const version = latest ? (watcher.current ?? (await watcher.refresh())) : asked;
      if (version === null && latest)
        return endResponse(
          problemResponse(
            fetchAPI.Response,
            503,
            'SERVICE_UNAVAILABLE',
            'the data version served now cannot be read; retry shortly',
            { 'retry-after': '1' },
          ),
        );
      const release = version ? await shelf.release(version) : null;
      if (!release)
        return notFound(
          latest
            ? `no release of the data version served now (${version ?? 'none loaded'}): npm run release writes it`
            : `no release of data version ${JSON.stringify(asked)}`,
        );
      const { manifest } = release;
      const file = release.files.find((f) => f.name === name);
      if (!file) return notFound(`release ${manifest.dataVersion} has no file ${JSON.stringify(name)}`);
      const tag = `"${file.sha256}"`;
      const headers = {
        'cache-control': latest ? 'no-cache' : IMMUTABLE,
        etag: tag,
        'x-data-version': manifest.dataVersion,
      };
      if (matchesTag(request, tag)) return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      const stream =
        request.method === 'HEAD'
          ? null
          : (Readable.toWeb(createReadStream(join(release.folder, file.name))) as ReadableStream);
      endResponse(
        new fetchAPI.Response(stream, {
          status: 200,
          headers: { ...headers, 'content-type': file.mediaType, 'content-length': String(file.bytes) },
        }),
      );
    },
  };
}
