/**
 * PharmacotherapyDB
 *
 * Each record of PharmacotherapyDB 1.0's catalogue in scope becomes one piece of evidence: an
 * INDICATED_FOR with its category, or a NOT_INDICATED_FOR (seed/datasets/indicationRows.ts).
 * How many curators first gave the consensus category, and how many resources held the pair,
 * stay the record's fields.
 */
import { z } from 'zod';
import type { Problem } from '../readSeed.js';
import type { DatasetGraph } from './datasetGraph.js';
import type { HetionetNodes } from './hetionet.js';
import { indicationRelation, type InScope } from './indicationRows.js';
import { readTsv } from './readTsv.js';

export const PHARMACOTHERAPYDB = 'source:pharmacotherapydb';
export const PHARMACOTHERAPYDB_FILES = { indications: 'pharmacotherapydb/indications.tsv' } as const;

const Count = z.string().regex(/^\d+$/, 'a count is a whole number');
const IndicationRow = z.strictObject({
  doid_id: z.string().regex(/^DOID:\d+$/),
  drugbank_id: z.string().regex(/^DB\d{5}$/),
  disease: z.string().min(1),
  drug: z.string().min(1),
  category: z.enum(['DM', 'SYM', 'NOT']),
  n_curators: Count,
  n_resources: Count,
});

export function pharmacotherapyDb(
  graph: DatasetGraph,
  hetionet: HetionetNodes,
  sourcesDir: string,
  inScope: InScope,
): Problem[] {
  const { rows, problems } = readTsv(
    sourcesDir,
    PHARMACOTHERAPYDB_FILES.indications,
    ['doid_id', 'drugbank_id', 'disease', 'drug', 'category', 'n_curators', 'n_resources'],
    IndicationRow,
  );
  for (const { line, row } of rows) {
    if (!inScope(row.drugbank_id)) continue;
    indicationRelation(graph, hetionet, PHARMACOTHERAPYDB, PHARMACOTHERAPYDB_FILES.indications, line, row, {
      category: row.category,
      n_curators: row.n_curators,
      n_resources: row.n_resources,
    });
  }
  return problems;
}
