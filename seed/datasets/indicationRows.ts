/**
 * Indication records
 *
 * PharmacotherapyDB's curators class a drug-disease pair as disease-modifying (DM), symptomatic
 * (SYM) or a non-indication (NOT), and DrugCentral's indication file carries the same category.
 * A DM or SYM record (or one with no category) says the drug is used for the disease: an
 * INDICATED_FOR with status `used`, so that it is the same claim as an article sentence saying
 * the drug is used for it, and the category rides on the record's own evidence. A NOT record is
 * a NOT_INDICATED_FOR.
 */
import { DatasetGraph } from './datasetGraph.js';
import type { HetionetNodes } from './hetionet.js';
import { entityOf, sourceTitle } from './newEntities.js';

/** Whether a DrugBank id is in the chosen scope. */
export type InScope = (drugbankId: string) => boolean;

const CATEGORY = { DM: 'disease-modifying', SYM: 'symptomatic' } as const;

export interface IndicationFields {
  doid_id: string;
  drugbank_id: string;
  disease: string;
  drug: string;
  category: string;
}

/** One indication record as one piece of evidence; `fields` are the row's fields that it keeps. */
export function indicationRelation(
  graph: DatasetGraph,
  hetionet: HetionetNodes,
  source: string,
  file: string,
  line: number,
  row: IndicationFields,
  fields: Record<string, string>,
): void {
  const key = `${row.doid_id} x ${row.drugbank_id}`;
  const naming = { source, file, line, key, fields };
  const drug = entityOf(graph, hetionet, 'drug', row.drugbank_id, { ...naming, name: row.drug });
  const condition = entityOf(graph, hetionet, 'disease', row.doid_id, { ...naming, name: row.disease });
  if (!drug || !condition) return;
  const by = sourceTitle(source);
  if (row.category === 'NOT') {
    graph.addRelation(source, {
      subject: drug,
      predicate: 'NOT_INDICATED_FOR',
      object: condition,
      qualifiers: {},
      citation: {
        file,
        line,
        key,
        fields,
        statement: `${by} classes ${row.drug} for ${row.disease} as a non-indication.`,
      },
    });
    return;
  }
  const category = row.category === 'DM' || row.category === 'SYM' ? CATEGORY[row.category] : undefined;
  graph.addRelation(source, {
    subject: drug,
    predicate: 'INDICATED_FOR',
    object: condition,
    qualifiers: { status: 'used', ...(category ? { category } : {}) },
    citation: {
      file,
      line,
      key,
      fields,
      statement: category
        ? `${by} lists ${row.drug} as a ${category} treatment of ${row.disease}.`
        : `${by} lists ${row.drug} as a treatment of ${row.disease}, with no category.`,
    },
  });
}
