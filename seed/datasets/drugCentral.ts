/**
 * DrugCentral
 *
 * Each record of DrugCentral's files (as processed for Hetionet) in scope becomes one piece of
 * evidence, in the graph's terms:
 * - a target row (GeneID x DrugBank id) is an ACTS_ON from the drug to the gene-level target,
 *   with the row's action; the drug's ChEMBL id is read from the row's url;
 * - an indication row (DOID x DrugBank id) is an INDICATED_FOR with PharmacotherapyDB's
 *   category (DrugCentral's file carries it), or a NOT_INDICATED_FOR for a non-indication;
 * - a drug-to-class row is a MEMBER_OF the class, which classes.tsv names, and whose ChEBI, MeSH
 *   or NDF-RT id it gives with its url.
 * The fields a record keeps are the row's own, as the file writes them.
 */
import { z } from 'zod';
import { ACTIONS } from '../../src/model/predicates.js';
import type { IdentifierNamespace } from '../../src/model/vocabulary.js';
import type { Problem } from '../readSeed.js';
import { DatasetGraph, slug } from './datasetGraph.js';
import type { HetionetNodes } from './hetionet.js';
import { entityOf, geneSymbol } from './newEntities.js';
import { indicationRelation, type InScope } from './indicationRows.js';
import { datasetDisplayPath, readTsv } from './readTsv.js';

export const DRUGCENTRAL = 'source:drugcentral';
export const DRUGCENTRAL_FILES = {
  targets: 'drugcentral/targets.tsv',
  indications: 'drugcentral/indications.tsv',
  drugToClass: 'drugcentral/drug-to-class.tsv',
  classes: 'drugcentral/classes.tsv',
} as const;

const DrugBankId = z.string().regex(/^DB\d{5}$/, 'a DrugBank id is DB and five digits');
const TargetRow = z.strictObject({
  GeneID: z.string().regex(/^\d+$/, 'an Entrez Gene id is a number'),
  drugbank_id: DrugBankId,
  drugbank_name: z.string().min(1),
  pubmed_ids: z.string(),
  sources: z.string().min(1),
  actions: z.enum(ACTIONS),
  urls: z.string(),
});
const IndicationRow = z.strictObject({
  doid_id: z.string().regex(/^DOID:\d+$/),
  drugbank_id: DrugBankId,
  disease: z.string().min(1),
  drug: z.string().min(1),
  category: z.enum(['DM', 'SYM', 'NOT', '']),
});
const DrugToClassRow = z.strictObject({
  drugbank_id: DrugBankId,
  drugbank_name: z.string().min(1),
  class_id: z.string().min(1),
  class_name: z.string().min(1),
});
const ClassRow = z.strictObject({
  class_id: z.string().min(1),
  class_name: z.string().min(1),
  class_source: z.enum(['CHEBI', 'MeSH', 'FDA']),
  class_type: z.string().min(1),
  url: z.url(),
});

/** Which namespace and id prefix a class of each vocabulary takes. */
const VOCABULARY = {
  CHEBI: { namespace: 'CHEBI', prefix: 'chebi', title: 'ChEBI' },
  MeSH: { namespace: 'MESH', prefix: 'mesh', title: 'MeSH' },
  FDA: { namespace: 'NDFRT', prefix: 'ndfrt', title: 'NDF-RT' },
} as const satisfies Record<string, { namespace: IdentifierNamespace; prefix: string; title: string }>;

/** Only the fields a row gives: an empty cell is no field. */
const given = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));

/** "DrugCentral (ChEMBL)|DrugCentral (literature)" as "ChEMBL and the literature". */
function origins(sources: string): string {
  const names = sources.split('|').map((s) => s.replace(/^DrugCentral \((.*)\)$/, '$1'));
  return names.map((n) => (n === 'literature' || n === 'label' ? `the ${n}` : n)).join(' and ');
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

export function drugCentral(graph: DatasetGraph, hetionet: HetionetNodes, sourcesDir: string, inScope: InScope) {
  const problems: Problem[] = [];
  const read = <T>(file: string, columns: string[], schema: z.ZodType<T>) => {
    const result = readTsv(sourcesDir, file, columns, schema);
    problems.push(...result.problems);
    return result.rows;
  };

  const targets = read(
    DRUGCENTRAL_FILES.targets,
    ['GeneID', 'drugbank_id', 'drugbank_name', 'pubmed_ids', 'sources', 'actions', 'urls'],
    TargetRow,
  );
  for (const { line, row } of targets) {
    if (!inScope(row.drugbank_id)) continue;
    const file = DRUGCENTRAL_FILES.targets;
    const key = `GeneID ${row.GeneID} x ${row.drugbank_id}`;
    const fields = given({
      actions: row.actions,
      sources: row.sources,
      pubmed_ids: row.pubmed_ids,
      urls: row.urls,
    });
    const naming = { source: DRUGCENTRAL, file, line, key, fields };
    const drug = entityOf(graph, hetionet, 'drug', row.drugbank_id, { ...naming, name: row.drugbank_name });
    const target = entityOf(graph, hetionet, 'gene', row.GeneID, { ...naming, name: `Entrez Gene ${row.GeneID}` });
    if (!drug || !target) continue;
    geneSymbol(graph, hetionet, target, row.GeneID);
    const chembl = row.urls.match(/\/(CHEMBL\d+)$/)?.[1];
    if (chembl && !graph.hasIdentifier('CHEMBL', chembl))
      graph.addIdentifier(drug, 'CHEMBL', chembl, DRUGCENTRAL, { file, line, key, fields }, row.urls);
    const gene = hetionet.node('ENTREZ_GENE', row.GeneID)?.row.name ?? `Entrez Gene ${row.GeneID}`;
    graph.addRelation(DRUGCENTRAL, {
      subject: drug,
      predicate: 'ACTS_ON',
      object: target,
      qualifiers: { action: row.actions },
      citation: {
        file,
        line,
        key,
        fields,
        statement: `DrugCentral lists ${row.drugbank_name} as ${article(row.actions)} ${row.actions} of ${gene} (Entrez Gene ${row.GeneID}), from ${origins(row.sources)}.`,
      },
    });
  }

  const indications = read(
    DRUGCENTRAL_FILES.indications,
    ['doid_id', 'drugbank_id', 'disease', 'drug', 'category'],
    IndicationRow,
  );
  for (const { line, row } of indications) {
    if (!inScope(row.drugbank_id)) continue;
    indicationRelation(
      graph,
      hetionet,
      DRUGCENTRAL,
      DRUGCENTRAL_FILES.indications,
      line,
      row,
      given({ category: row.category }),
    );
  }

  const classRows = read(
    DRUGCENTRAL_FILES.classes,
    ['class_id', 'class_name', 'class_source', 'class_type', 'url'],
    ClassRow,
  );
  const classes = new Map(classRows.map((r) => [r.row.class_id, r]));
  const drugToClass = read(
    DRUGCENTRAL_FILES.drugToClass,
    ['drugbank_id', 'drugbank_name', 'class_id', 'class_name'],
    DrugToClassRow,
  );
  const classOf = (classId: string, at: { line: number }): string | undefined => {
    const found = classes.get(classId);
    if (!found) {
      problems.push({
        file: datasetDisplayPath(sourcesDir, DRUGCENTRAL_FILES.drugToClass),
        path: `line ${at.line}`,
        message: `class ${classId} is not in classes.tsv`,
      });
      return undefined;
    }
    const { line, row } = found;
    const vocabulary = VOCABULARY[row.class_source];
    const file = DRUGCENTRAL_FILES.classes;
    const record = {
      file,
      line,
      key: row.class_id,
      fields: { class_name: row.class_name, class_source: row.class_source, class_type: row.class_type },
    };
    const statement = `DrugCentral lists ${row.class_id} as the ${vocabulary.title} class ${row.class_name} (${row.class_type}).`;
    return graph.resolve(vocabulary.namespace, row.class_id, () => ({
      entity: {
        kind: 'DrugClass',
        id: `class:${vocabulary.prefix}-${slug(row.class_id.replace(/^CHEBI:/, ''))}`,
        name: row.class_name,
        description: `${row.class_name}: a class of ${vocabulary.title} (${row.class_type}), ${row.class_id}.`,
        source: DRUGCENTRAL,
        citation: { ...record, statement },
      },
      url: row.url,
    }));
  };
  for (const { line, row } of drugToClass) {
    if (!inScope(row.drugbank_id)) continue;
    const file = DRUGCENTRAL_FILES.drugToClass;
    const key = `${row.drugbank_id} x ${row.class_id}`;
    const fields = { class_name: row.class_name };
    const drug = entityOf(graph, hetionet, 'drug', row.drugbank_id, {
      source: DRUGCENTRAL,
      file,
      line,
      key,
      fields,
      name: row.drugbank_name,
    });
    const drugClass = classOf(row.class_id, { line });
    if (!drug || !drugClass) continue;
    graph.addRelation(DRUGCENTRAL, {
      subject: drug,
      predicate: 'MEMBER_OF',
      object: drugClass,
      qualifiers: {},
      citation: {
        file,
        line,
        key,
        fields,
        statement: `DrugCentral files ${row.drugbank_name} under the class ${row.class_name} (${row.class_id}).`,
      },
    });
  }

  // A reviewed match with a class gives that entity the class's id, cited to its classes.tsv row.
  for (const { namespace, value, entity } of graph.matches()) {
    const found = classes.get(value);
    if (!found || VOCABULARY[found.row.class_source].namespace !== namespace) continue;
    graph.addIdentifier(
      entity,
      namespace,
      value,
      DRUGCENTRAL,
      {
        file: DRUGCENTRAL_FILES.classes,
        line: found.line,
        key: value,
        fields: {
          class_name: found.row.class_name,
          class_source: found.row.class_source,
          class_type: found.row.class_type,
        },
      },
      found.row.url,
    );
  }
  return problems;
}
