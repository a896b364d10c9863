/**
 * Drug scope
 *
 * Which part of a drug's profile a selection needs: the relationship types, literals and
 * identifiers its fields read, added up from the Drug field table (src/model/drugFields.ts) that
 * the Drug resolvers read through too. Root lookups fetch only that much, which keeps a query
 * for brands from dragging a drug's hundred effects out of Neo4j. A field the table misses still
 * works: its resolver sees the scope does not cover it and fetches the full profile. The drug
 * itself is fetched brief (id, kind, name, date) when the selection reads nothing else of its
 * own properties. Also here: whether a selection asks the entities or edges it reaches for more
 * than their brief form.
 */
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { ProfileScope } from '../graph/profiles.js';
import { BRIEF_ENTITY_FIELDS } from '../graph/projections.js';
import { drugFieldReads } from '../model/drugFields.js';

/** What of a drug's profile one Drug field reads, from the table; nothing for fields it omits. */
export function fieldNeeds(
  field: string,
): Pick<ProfileScope, 'types' | 'literals' | 'identifiers'> & Partial<Pick<ProfileScope, 'entity'>> {
  const reads = drugFieldReads(field);
  const relationships = reads?.relationships;
  return {
    types: relationships === 'any' ? null : (relationships ?? []).map((r) => r.type),
    literals: reads?.literals !== undefined,
    identifiers: reads?.identifiers === true,
    ...(reads?.ownProperties ? { entity: 'full' as const } : {}),
  };
}

function selectedFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Set<string>): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) selectedFields(selection.selectionSet, info, into);
    else selectedFields(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
}

/** What a brief neighbour (ProfileScope.neighbours) can answer. */
const BRIEF_FIELDS = new Set<string>(['__typename', 'date', ...BRIEF_ENTITY_FIELDS]);

const isEntityType = (type: GraphQLNamedType) =>
  type.name === 'Entity' || (isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Entity'));

/**
 * Whether every entity the selection reaches under `type` (the drug's neighbours) asks only for
 * brief fields. Walks the selection with the schema's types, through fragments; deeper entities
 * are fetched by their own profiles, so the walk stops at the first entity on each branch.
 */
function neighboursBrief(
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  info: GraphQLResolveInfo,
): boolean {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
      const field = fields[selection.name.value];
      if (!field) continue;
      const fieldType = getNamedType(field.type);
      if (isEntityType(fieldType)) {
        const asked = new Set<string>();
        selectedFields(selection.selectionSet, info, asked);
        if ([...asked].some((name) => !BRIEF_FIELDS.has(name))) return false;
      } else if (!neighboursBrief(selection.selectionSet, fieldType, info)) return false;
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      const condition = fragment?.typeCondition ? info.schema.getType(fragment.typeCondition.name.value) : type;
      if (!neighboursBrief(fragment?.selectionSet, condition ?? type, info)) return false;
    }
  }
  return true;
}

/**
 * Whether every entity the field being resolved returns, at any depth of its selection, is
 * asked only for what a brief entity holds (id, kind, name, date).
 */
export function entitiesBrief(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  return (info.fieldNodes as FieldNode[]).every((node) => neighboursBrief(node.selectionSet, type, info));
}

/** Whether the field's selection asks its list `field` for more than `allowed`. */
export function asksBeyond(info: GraphQLResolveInfo, field: string, allowed: ReadonlySet<string>): boolean {
  const top = new Set<string>();
  const asked = new Set<string>();
  for (const node of info.fieldNodes as FieldNode[]) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD && selection.name.value === field)
        selectedFields(selection.selectionSet, info, asked);
      else if (selection.kind !== Kind.FIELD)
        selectedFields(
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection.selectionSet
            : info.fragments[selection.name.value]?.selectionSet,
          info,
          top,
        );
    }
  }
  // A field reached through a fragment is not walked into: say it asks for more.
  if (top.has(field)) return true;
  return [...asked].some((name) => !allowed.has(name));
}

/**
 * Scopes worked out, by the field's first node: a scope depends on the document alone (its
 * selections and fragments, never on variables), and a repeated document is the same parsed
 * object (yoga's parser cache), so a repeated query works its scope out once.
 */
const scopes = new WeakMap<FieldNode, { fieldNodes: readonly FieldNode[]; scope: ProfileScope }>();

/** The scope the Drug-valued field being resolved needs, from its selection. */
export function drugScope(info: GraphQLResolveInfo): ProfileScope {
  const first = info.fieldNodes[0]!;
  const known = scopes.get(first);
  const same = (nodes: readonly FieldNode[]) =>
    nodes.length === info.fieldNodes.length && nodes.every((node, i) => node === info.fieldNodes[i]);
  if (known && same(known.fieldNodes)) return known.scope;
  const scope = workedOutScope(info);
  scopes.set(first, { fieldNodes: [...info.fieldNodes], scope });
  return scope;
}

function workedOutScope(info: GraphQLResolveInfo): ProfileScope {
  const fields = new Set<string>();
  for (const node of info.fieldNodes as FieldNode[]) selectedFields(node.selectionSet, info, fields);
  const needs = [...fields].map(fieldNeeds);
  const types = new Set<string>();
  for (const need of needs) for (const type of need.types ?? []) types.add(type);
  const neighbours = entitiesBrief(info) ? 'brief' : 'full';
  return {
    types: needs.some((need) => need.types === null) ? null : [...types].sort(),
    literals: needs.some((need) => need.literals),
    identifiers: needs.some((need) => need.identifiers),
    neighbours,
    // Brief entities under it include the drug itself where it reappears (an affinity's drug).
    entity: neighbours === 'brief' && [...fields].every(readsBriefDrug) ? 'brief' : 'full',
  };
}

/**
 * Whether a Drug field reads no more of the drug's own properties than a brief entity holds:
 * the brief fields, and the table's fields that read only its relationships, literals or
 * identifiers. Fields the table omits read the drug's own properties.
 */
const readsBriefDrug = (field: string) =>
  BRIEF_FIELDS.has(field) || (drugFieldReads(field) !== undefined && fieldNeeds(field).entity !== 'full');
