/**
 * Drug scope
 *
 * Which part of a drug's profile a selection needs: the relation families its fields read,
 * and whether literals or identifiers. Root lookups fetch only that much, which keeps a query
 * for brands from dragging a drug's hundred effects out of Neo4j. A field this map misses still
 * works: its resolver sees the scope does not cover it and fetches the full profile.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { ProfileScope } from '../graph/profiles.js';

/** The relationship types each Drug field reads (null: any type). */
const FIELD_TYPES: Record<string, string[] | null> = {
  targets: ['ACTS_ON', 'HAS_AFFINITY_FOR'],
  nonTargets: ['NO_SIGNIFICANT_AFFINITY_FOR'],
  analogues: ['ANALOGUE_OF', 'DERIVATIVE_OF'],
  comparisons: ['COMPARED_WITH'],
  indications: ['INDICATED_FOR'],
  contraindications: ['AVOID_IN'],
  effects: ['CAUSES'],
  interactions: ['INTERACTS_WITH'],
  routes: ['ADMINISTERED_VIA'],
  brands: ['BRAND_OF'],
  classes: ['MEMBER_OF'],
  history: ['PARTICIPATED_IN'],
  research: ['STUDIED_FOR'],
  relations: null,
};
const LITERAL_FIELDS = new Set(['pharmacokinetics', 'chemistry', 'properties']);

function selectedFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Set<string>): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) selectedFields(selection.selectionSet, info, into);
    else selectedFields(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
}

/** The scope the Drug-valued field being resolved needs, from its selection. */
export function drugScope(info: GraphQLResolveInfo): ProfileScope {
  const fields = new Set<string>();
  for (const node of info.fieldNodes as FieldNode[]) selectedFields(node.selectionSet, info, fields);
  const types = new Set<string>();
  let allTypes = false;
  for (const field of fields) {
    const fieldTypes = FIELD_TYPES[field];
    if (fieldTypes === null) allTypes = true;
    else for (const type of fieldTypes ?? []) types.add(type);
  }
  return {
    types: allTypes ? null : [...types].sort(),
    literals: [...fields].some((f) => LITERAL_FIELDS.has(f)),
    identifiers: fields.has('identifiers'),
  };
}
