/**
 * Hetionet's nodes
 *
 * Hetionet v1.0's node list gives names to the identifiers the other datasets use: genes by
 * Entrez id (named by symbol), diseases by DOID, compounds by DrugBank id, side effects by UMLS
 * concept and symptoms by MeSH term. It states no claim of its own here (its edges are not in
 * the copy): a node row names an entity the datasets introduce, and gives identifiers.
 */
import { z } from 'zod';
import type { IdentifierNamespace } from '../../src/model/vocabulary.js';
import type { Problem } from '../readSeed.js';
import { readTsv, type DatasetRow } from './readTsv.js';

export const HETIONET_NODES = 'hetionet/hetionet-v1.0-nodes.tsv';

const NodeRow = z.strictObject({ id: z.string().min(3), name: z.string().min(1), kind: z.string().min(1) });
export type HetionetNode = DatasetRow<z.infer<typeof NodeRow>>;

/** The Hetionet node kind (and its id prefix) that holds each namespace's identifiers. */
const KIND_OF: Partial<Record<IdentifierNamespace, string>> = {
  DRUGBANK: 'Compound',
  DOID: 'Disease',
  ENTREZ_GENE: 'Gene',
  UMLS: 'Side Effect',
  MESH: 'Symptom',
  NDFRT: 'Pharmacologic Class',
};

export interface HetionetNodes {
  /** The node row of an identifier, if Hetionet has one. */
  node(namespace: IdentifierNamespace, value: string): HetionetNode | undefined;
  problems: Problem[];
}

export function readHetionetNodes(sourcesDir: string): HetionetNodes {
  const { rows, problems } = readTsv(sourcesDir, HETIONET_NODES, ['id', 'name', 'kind'], NodeRow);
  const byId = new Map(rows.map((r) => [r.row.id, r]));
  return {
    node: (namespace, value) => {
      const kind = KIND_OF[namespace];
      return kind ? byId.get(`${kind}::${value}`) : undefined;
    },
    problems,
  };
}
