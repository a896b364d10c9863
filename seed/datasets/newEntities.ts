/**
 * New entities from dataset ids
 *
 * How a dataset id the graph lacks becomes an entity: named and cited by its Hetionet node row
 * when Hetionet has one (genes by symbol, diseases and compounds by name), else by the record
 * that names it. Ids follow the name (`target:gabbr1`, `condition:restless-legs-syndrome`,
 * `drug:goserelin`); descriptions say only what the records say.
 */
import type { IdentifierNamespace } from '../../src/model/vocabulary.js';
import { DatasetGraph, slug, type NewEntity } from './datasetGraph.js';
import { HETIONET_NODES, type HetionetNodes } from './hetionet.js';

export const HETIONET = 'source:hetionet';

/** The record that names an id when Hetionet has no node for it. */
export interface Naming {
  source: string;
  file: string;
  line: number;
  key: string;
  fields: Record<string, string>;
  /** The name the record gives. */
  name: string;
}

interface Kind {
  kind: NewEntity['kind'];
  namespace: IdentifierNamespace;
  id: (name: string, value: string) => string;
  description: (value: string, name: string, by: string) => string;
  statement: (value: string, name: string, by: string) => string;
}

const KINDS = {
  drug: {
    kind: 'Drug',
    namespace: 'DRUGBANK',
    id: (name) => `drug:${slug(name)}`,
    description: (value, name, by) => `${name}, a compound with DrugBank id ${value}, as ${by} names it.`,
    statement: (value, name, by) => `${by} names the compound with DrugBank id ${value} ${name}.`,
  },
  gene: {
    kind: 'Target',
    namespace: 'ENTREZ_GENE',
    id: (name) => `target:${slug(name)}`,
    description: (value, name) => `The protein of the human gene ${name} (Entrez Gene ${value}): a gene-level target.`,
    statement: (value, name, by) => `${by} names the human gene with Entrez Gene id ${value} ${name}.`,
  },
  disease: {
    kind: 'Condition',
    namespace: 'DOID',
    id: (name) => `condition:${slug(name)}`,
    description: (value, name, by) => `${name}, the Disease Ontology's ${value}, as ${by} names it.`,
    statement: (value, name, by) => `${by} names the disease ${value} of the Disease Ontology ${name}.`,
  },
} as const satisfies Record<string, Kind>;

const TITLES: Record<string, string> = {
  'source:hetionet': 'Hetionet',
  'source:drugcentral': 'DrugCentral',
  'source:pharmacotherapydb': 'PharmacotherapyDB',
};
export const sourceTitle = (source: string) => TITLES[source] ?? source;

/**
 * The entity of a drug (DrugBank id), gene (Entrez id) or disease (DOID), introduced if the
 * graph lacks it. `naming` is the record at hand, used when Hetionet has no node for the id.
 */
export function entityOf(
  graph: DatasetGraph,
  hetionet: HetionetNodes,
  what: keyof typeof KINDS,
  value: string,
  naming: Naming,
): string | undefined {
  const kind: Kind = KINDS[what];
  return graph.resolve(kind.namespace, value, () => {
    const node = hetionet.node(kind.namespace, value);
    const name = node?.row.name ?? naming.name;
    const by = sourceTitle(node ? HETIONET : naming.source);
    const statement = kind.statement(value, name, by);
    const citation = node
      ? DatasetGraph.nodeRecord(node, HETIONET_NODES, statement)
      : { file: naming.file, line: naming.line, key: naming.key, fields: naming.fields, statement };
    const entity: NewEntity = {
      kind: kind.kind,
      id: kind.id(name, value),
      name,
      description: kind.description(value, name, by),
      source: node ? HETIONET : naming.source,
      citation,
    };
    return { entity };
  });
}

/**
 * Gives the graph's entities the identifiers their reviewed matches name, each cited to the
 * Hetionet node that holds it (a UMLS side effect, a MeSH symptom, a compound, a disease).
 * Matches whose record is elsewhere (a DrugCentral class) are the adapter of that file's.
 */
export function matchedIdentifiers(graph: DatasetGraph, hetionet: HetionetNodes): void {
  for (const { namespace, value, entity } of graph.matches()) {
    const node = hetionet.node(namespace, value);
    if (!node) continue;
    const statement = `Hetionet lists ${node.row.kind.toLowerCase()} ${value} as ${node.row.name}.`;
    graph.addIdentifier(entity, namespace, value, HETIONET, DatasetGraph.nodeRecord(node, HETIONET_NODES, statement));
  }
}

/** The gene symbol of a gene-level target, as Hetionet names the gene. */
export function geneSymbol(graph: DatasetGraph, hetionet: HetionetNodes, target: string, geneId: string): void {
  const node = hetionet.node('ENTREZ_GENE', geneId);
  if (!node) return;
  const statement = `Hetionet names the gene ${geneId} ${node.row.name}.`;
  graph.addIdentifier(
    target,
    'GENE_SYMBOL',
    node.row.name,
    HETIONET,
    DatasetGraph.nodeRecord(node, HETIONET_NODES, statement),
  );
}
