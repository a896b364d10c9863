/**
 * Every fact reachable without GraphQL: each entity and statement at its URL (JSON by default,
 * JSON-LD when asked, a page for a browser, 404 for an unknown id, ETags and 304s), `url` fields
 * that open, and a release served under its data version and `latest`, listed by `meta`, with
 * the bytes its manifest's checksums name. Through a real HTTP server over the test Neo4j.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFacts, type ExportedFact } from '../src/graph/facts.js';
import { entityUrl, statementUrl } from '../src/model/resourceUrls.js';
import { writeRelease, type Release } from '../src/release/writeRelease.js';
import { createHttpServer } from '../src/server/httpServer.js';
import { graphql, openDatabase, testApi, useStandardGraph } from './support/testGraph.js';
import { freePort } from './support/processes.js';
import { Database } from '../src/neo4j/database.js';

const database = openDatabase(30_000);
const releases = mkdtempSync(join(tmpdir(), 'drug-facts-releases-'));
const PUBLIC_URL = 'https://facts.example.org';
let server: Server;
let base: string;
let version: string;
let facts: ExportedFact[];
let release: Release;

/** Opens a URL of the public scheme on the test server. */
const open = (url: string, headers: Record<string, string> = {}) => fetch(url.replace(PUBLIC_URL, base), { headers });

beforeAll(async () => {
  version = await useStandardGraph(database);
  facts = await readFacts(database);
  release = await writeRelease(database, { outDir: releases, baseUrl: PUBLIC_URL });
  server = createHttpServer(testApi(database, { PUBLIC_URL, RELEASE_DIR: releases }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
  rmSync(releases, { recursive: true, force: true });
});

describe('entity and statement URLs', () => {
  it('every statement answers 200 with its JSON: the export statement, every piece of evidence, its url', async () => {
    expect(facts.length).toBeGreaterThan(900);
    for (const fact of facts) {
      const url = statementUrl(PUBLIC_URL, fact.id);
      const response = await open(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual(
        expect.objectContaining({
          ...fact,
          url,
          dataVersion: version,
          subjectUrl: entityUrl(PUBLIC_URL, fact.subject),
        }),
      );
    }
  }, 300_000);

  it('every entity answers 200 with its statements and the statements of others about it', async () => {
    const subjects = [...new Set(facts.map((f) => f.subject))];
    expect(subjects.length).toBeGreaterThan(200);
    for (const id of subjects) {
      const response = await open(entityUrl(PUBLIC_URL, id));
      expect(response.status, id).toBe(200);
      const body = (await response.json()) as {
        id: string;
        statements: ExportedFact[];
        statementsAboutIt: ExportedFact[];
      };
      expect(body.id).toBe(id);
      expect(body.statements.map((s) => s.id)).toEqual(facts.filter((f) => f.subject === id).map((f) => f.id));
      expect(new Set(body.statementsAboutIt.map((s) => s.id))).toEqual(
        new Set(facts.filter((f) => f.object === id).map((f) => f.id)),
      );
    }
  }, 300_000);

  it('the url fields the API hands out open, and a view from the object opens its statement', async () => {
    const { data } = await graphql<{
      drug: {
        url: string;
        targets: { id: string; url: string }[];
        relations: { id: string; statementId: string; url: string }[];
      };
    }>(
      testApi(database, { PUBLIC_URL }),
      '{ drug(id: "drug:baclofen") { url targets { id url } relations(direction: INCOMING) { id statementId url } } }',
    );
    expect(data!.drug.url).toBe(`${PUBLIC_URL}/entities/drug:baclofen`);
    const incoming = data!.drug.relations[0]!;
    expect(incoming.id).toBe(`${incoming.statementId}/incoming`);
    expect(incoming.url).toBe(statementUrl(PUBLIC_URL, incoming.statementId));
    for (const { id, url } of [...data!.drug.targets, incoming]) {
      const body = (await (await open(url)).json()) as ExportedFact;
      expect(body.id).toBe(id.replace(/\/incoming$/, ''));
    }
    const view = await open(`${PUBLIC_URL}/statements/${encodeURIComponent(incoming.id)}`);
    expect(((await view.json()) as ExportedFact).id).toBe(incoming.statementId);
  });

  it('JSON-LD when asked: it expands with the jsonld library and names the statement and its evidence', async () => {
    const fact = facts.find((f) => f.subject === 'drug:baclofen' && f.predicate === 'ACTS_ON')!;
    const response = await open(statementUrl(PUBLIC_URL, fact.id), { accept: 'application/ld+json' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const expanded = JSON.stringify(await jsonld.expand((await response.json()) as object));
    expect(expanded).toContain(statementUrl(PUBLIC_URL, fact.id));
    expect(expanded).toContain(entityUrl(PUBLIC_URL, 'drug:baclofen'));
    for (const citation of fact.citations) if ('statement' in citation) expect(expanded).toContain(citation.statement);
    const entity = await open(entityUrl(PUBLIC_URL, 'drug:baclofen'), { accept: 'application/ld+json' });
    expect(JSON.stringify(await jsonld.expand((await entity.json()) as object))).toContain('Baclofen');
  });

  it('a page for a browser, every text escaped, linking the JSON forms', async () => {
    const response = await open(entityUrl(PUBLIC_URL, 'drug:baclofen'), {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<h1>Baclofen</h1>');
    expect(page).toContain(`href="${PUBLIC_URL}/entities/target:gaba-b-receptor"`);
    expect(page).toContain('?format=jsonld');
    expect(page).not.toMatch(/<script/i);
  });

  it('an unknown id is a 404 that says which', async () => {
    for (const path of ['/entities/drug:no-such-drug', '/statements/fact:0000000000000000', '/entities/']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toMatch(path.endsWith('/') ? /say which entity/ : /no (entity|statement) has the id/);
    }
  });

  it('ETags: the same page again with If-None-Match is a 304; another form has another tag', async () => {
    const url = entityUrl(PUBLIC_URL, 'drug:phenibut');
    const first = await open(url);
    const tag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('x-data-version')).toBe(version);
    expect((await open(url, { 'if-none-match': tag })).status).toBe(304);
    const ld = await open(url, { accept: 'application/ld+json' });
    expect(ld.headers.get('etag')).not.toBe(tag);
  });
});

describe('pages while Neo4j is unreachable', () => {
  it('answer 503 SERVICE_UNAVAILABLE with the advice GraphQL gives and Retry-After, never a stack', async () => {
    const port = await freePort();
    const nowhere = new Database(
      { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'x', database: 'neo4j' },
      {
        queryTimeoutMs: 2_000,
      },
    );
    try {
      const api = testApi(nowhere, { PUBLIC_URL });
      for (const path of ['/entities/drug:baclofen', '/statements/fact:47d3b974d441bb09']) {
        const response = await api.fetch(`http://api${path}`);
        expect(response.status, path).toBe(503);
        expect(response.headers.get('retry-after')).toBe('1');
        expect(await response.json()).toEqual({
          error: { code: 'SERVICE_UNAVAILABLE', message: 'the database is unavailable; retry shortly' },
        });
      }
    } finally {
      await nowhere.close();
    }
  });
});

describe('releases served', () => {
  it('meta lists no files before a release is written, and the files as soon as it is (never a cached empty list)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'drug-facts-releases-later-'));
    try {
      const api = testApi(database, { PUBLIC_URL, RELEASE_DIR: empty });
      const ask = async () =>
        (
          await graphql<{ meta: { releaseFiles: { name: string }[] } }>(
            api,
            '{ meta { dataVersion releaseFiles { name } } }',
          )
        ).data!.meta.releaseFiles;
      expect(await ask()).toEqual([]);
      expect(await ask()).toEqual([]);
      await writeRelease(database, { outDir: empty, baseUrl: PUBLIC_URL });
      expect((await ask()).map((f) => f.name)).toContain('statements.csv');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('meta lists the release files, and each URL serves the bytes of its checksum, versioned and latest', async () => {
    const { data } = await graphql<{
      meta: { releaseFiles: { name: string; url: string; latestUrl: string; bytes: number; sha256: string }[] };
    }>(
      testApi(database, { PUBLIC_URL, RELEASE_DIR: releases }),
      '{ meta { releaseFiles { name url latestUrl bytes sha256 } } }',
    );
    const files = data!.meta.releaseFiles;
    expect(files.map((f) => f.name)).toEqual([...release.manifest.files.map((f) => f.name), 'manifest.json']);
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['statements.csv', 'graph.nt', 'graph.jsonld']));
    for (const file of files) {
      expect(file.url).toBe(`${PUBLIC_URL}/releases/${version}/${file.name}`);
      const onDisk = readFileSync(join(release.dir, file.name));
      expect(sha256(onDisk)).toBe(file.sha256);
      const listed = release.manifest.files.find((f) => f.name === file.name);
      if (listed) expect([listed.bytes, listed.sha256]).toEqual([file.bytes, file.sha256]);
      for (const url of [file.url, file.latestUrl]) {
        const response = await open(url);
        expect(response.status, url).toBe(200);
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(bytes.length).toBe(file.bytes);
        expect(sha256(bytes)).toBe(file.sha256);
        expect(response.headers.get('etag')).toBe(`"${file.sha256}"`);
      }
    }
  });

  it('a versioned file is immutable, latest is revalidated, a held tag gets 304', async () => {
    const file = release.manifest.files.find((f) => f.name === 'statements.csv')!;
    const versioned = await open(`${PUBLIC_URL}/releases/${version}/statements.csv`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(versioned.headers.get('content-type')).toMatch(/^text\/csv/);
    const latest = await open(`${PUBLIC_URL}/releases/latest/statements.csv`);
    expect(latest.headers.get('cache-control')).toBe('no-cache');
    const again = await open(`${PUBLIC_URL}/releases/latest/statements.csv`, { 'if-none-match': `"${file.sha256}"` });
    expect(again.status).toBe(304);
  });

  it('anything else under /releases/ is a 404 that says why', async () => {
    const cases: [string, RegExp][] = [
      [`/releases/${version}/secrets.txt`, /has no file "secrets.txt"/],
      ['/releases/0123456789abcdef/statements.csv', /no release of data version/],
      [`/releases/${version}/..%2F..%2Fpackage.json`, /has no file/],
      ['/releases/latest', /a release file is/],
    ];
    for (const [path, message] of cases) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });
});
