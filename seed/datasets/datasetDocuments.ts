/**
 * Datasets as seed documents
 *
 * What a load takes from the kept datasets, by scope:
 * - `none`: nothing; dataset sources are left out, and the public pages whose facts link their
 *   genes to the article's targets, so the graph is the article's and the registries' alone;
 * - `neighbourhood`: every record of a drug the graph has (a DrugBank id in identifiers.yaml or
 *   matched in mappings.yaml), with the entities those records name;
 * - `full`: every record of the files.
 * Records come after the YAML, so an article sentence stays the first evidence of a claim a
 * record also states. Only datasets that sources.yaml lists are read, so a data directory
 * without them (a fixture, a synthetic graph) loads as before.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Source } from '../../src/model/seedDocuments.js';
import type { Problem, SeedDocuments } from '../readSeed.js';
import { DatasetGraph } from './datasetGraph.js';
import { DRUGCENTRAL, drugCentral } from './drugCentral.js';
import { readHetionetNodes } from './hetionet.js';
import { HETIONET, matchedIdentifiers } from './newEntities.js';
import { PHARMACOTHERAPYDB, pharmacotherapyDb } from './pharmacotherapyDb.js';

export const DATASET_SCOPES = ['none', 'neighbourhood', 'full'] as const;
export type DatasetScope = (typeof DATASET_SCOPES)[number];

/** What a load takes when nothing says: the records of the graph's own drugs. */
export const DEFAULT_DATASET_SCOPE: DatasetScope = 'neighbourhood';

/** seed/sources/: the project's copies of the dataset files. */
export const DEFAULT_SOURCES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'sources');

/** The DrugBank ids of the graph's drugs: from identifiers.yaml and the reviewed matches. */
export function graphDrugBankIds(documents: SeedDocuments): Set<string> {
  const ids = new Set<string>();
  for (const { doc } of documents.identifiers)
    for (const i of doc.identifiers) if (i.namespace === 'DRUGBANK') ids.add(i.value);
  for (const { doc } of documents.mappings)
    for (const m of doc.mappings) if (m.namespace === 'DRUGBANK') ids.add(m.value);
  return ids;
}

/**
 * The documents without the datasets: their sources left out, the pages with them, whose facts
 * (and locators) name the datasets' genes, and the disagreements, which are with their records.
 */
function withoutDatasets(documents: SeedDocuments): SeedDocuments {
  const left = new Set<string>();
  for (const { doc } of documents.sources)
    for (const s of doc.sources) if (s.kind === 'dataset' || s.kind === 'page') left.add(s.id);
  return {
    ...documents,
    sources: documents.sources.map((located) => ({
      ...located,
      doc: { sources: located.doc.sources.filter((s) => !left.has(s.id)) },
    })),
    facts: documents.facts.filter(({ doc }) => !left.has(doc.source)),
    locators: documents.locators.filter(({ doc }) => !left.has(doc.source)),
    disagreements: [],
  };
}

/** The documents with the datasets' records of `scope` added (or the dataset sources removed, for none). */
export function withDatasets(
  documents: SeedDocuments,
  scope: DatasetScope,
  sourcesDir = DEFAULT_SOURCES_DIR,
): { documents: SeedDocuments; problems: Problem[] } {
  const datasets = new Map<string, Source>();
  for (const { doc } of documents.sources) for (const s of doc.sources) if (s.kind === 'dataset') datasets.set(s.id, s);
  if (scope === 'none' || datasets.size === 0) return { documents: withoutDatasets(documents), problems: [] };
  const sources = new Map<string, Source>();
  for (const { doc } of documents.sources) for (const s of doc.sources) sources.set(s.id, s);
  const graph = new DatasetGraph(documents, sources, sourcesDir);
  const problems: Problem[] = [];
  if (!datasets.has(HETIONET))
    problems.push({ file: 'sources.yaml', path: '', message: `the datasets need ${HETIONET} to name what they add` });
  const hetionet = readHetionetNodes(sourcesDir);
  problems.push(...hetionet.problems);
  const drugBankIds = graphDrugBankIds(documents);
  const inScope = scope === 'full' ? () => true : (id: string) => drugBankIds.has(id);
  matchedIdentifiers(graph, hetionet);
  if (datasets.has(PHARMACOTHERAPYDB)) problems.push(...pharmacotherapyDb(graph, hetionet, sourcesDir, inScope));
  if (datasets.has(DRUGCENTRAL)) problems.push(...drugCentral(graph, hetionet, sourcesDir, inScope));
  problems.push(...graph.problems);
  const added = graph.documents;
  return {
    documents: {
      ...documents,
      entities: [...documents.entities, ...added.entities],
      facts: [...documents.facts, ...added.facts],
      identifiers: [...documents.identifiers, ...added.identifiers],
    },
    problems,
  };
}
