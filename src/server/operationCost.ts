/**
 * Operation cost
 *
 * The most values an operation's answer can hold, worked out from the document and its
 * variables before anything runs. Every object and every leaf counts one; a list counts its
 * bound times one item's cost, so nesting multiplies and aliases add: thirty aliases of a field
 * cost thirty times one. A list's bound comes from the model (usually from the arguments its
 * resolver enforces, such as `first`), else the model's assumed list size. A field may also
 * carry work its resolver does whatever is selected (`reads`). On an interface or union,
 * fragments on narrower types count for the costliest possible type only; `@skip` and
 * `@include` are honoured. Introspection is answered from the schema in memory and costs
 * nothing here.
 *
 * It runs on every request, so it must stay cheap on hostile documents too: each selection is
 * walked once (not once per possible type), a named fragment once per type and parent
 * arguments (a fragment spread twice at each of 40 levels is not walked 2^40 times), and a
 * fragment cycle is cut.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

export type Arguments = Record<string, unknown>;

export interface CostModel {
  /**
   * Most items of a list field, by "Type.field" (or "*.field" for that field on every type):
   * from the field's arguments and those of the field whose value holds it (a path's `nodes`
   * are bounded by the `maxHops` of `paths`).
   */
  lists: Record<string, (args: Arguments, parentArgs: Arguments) => number>;
  /** Values a field's resolver reads whatever is selected, by "Type.field". */
  reads: Record<string, (args: Arguments) => number>;
  /** Items assumed in a list that the model does not bound. */
  defaultListSize: number;
}

interface Walk {
  schema: GraphQLSchema;
  model: CostModel;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Named fragments being costed, to cut a cycle (validation refuses those anyway). */
  open: Set<string>;
  /** Named fragments costed, by name, type and parent arguments. */
  done: Map<string, number>;
}

/** The cost of `operation`; `variables` are the coerced variable values. */
export function operationCost(
  schema: GraphQLSchema,
  model: CostModel,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const walk: Walk = {
    schema,
    model,
    fragments: new Map(fragments.map((f) => [f.name.value, f])),
    variables,
    open: new Set(),
    done: new Map(),
  };
  return selectionCost(walk, operation.selectionSet, root, {});
}

/**
 * A selection set on `type`: its fields, the fragments that apply to every value of `type`, and
 * of the fragments on narrower types, those of the costliest possible type.
 */
function selectionCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, parentArgs: Arguments): number {
  const fields = isUnionType(type) ? {} : type.getFields();
  let cost = 0;
  const narrower: { on: GraphQLCompositeType; cost: number }[] = [];
  for (const selection of set.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__schema' || name === '__type') continue;
      const field = fields[name];
      // __typename, or a field validation refuses: one leaf at most.
      cost += field ? fieldCost(walk, type, field, selection, parentArgs) : 1;
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
    if (!fragment) continue;
    const on = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : type;
    if (!isCompositeType(on) || !overlaps(walk, on, type)) continue;
    const fragmentCost =
      selection.kind === Kind.FRAGMENT_SPREAD
        ? namedFragmentCost(walk, selection.name.value, fragment.selectionSet, narrowest(walk, on, type), parentArgs)
        : selectionCost(walk, fragment.selectionSet, narrowest(walk, on, type), parentArgs);
    if (covers(walk, on, type)) cost += fragmentCost;
    else narrower.push({ on, cost: fragmentCost });
  }
  if (narrower.length === 0) return cost;
  let most = 0;
  for (const one of possible(walk, type)) {
    let sum = 0;
    for (const fragment of narrower) if (covers(walk, fragment.on, one)) sum += fragment.cost;
    most = Math.max(most, sum);
  }
  return cost + most;
}

function namedFragmentCost(
  walk: Walk,
  name: string,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  parentArgs: Arguments,
): number {
  const key = `${name} ${type.name} ${JSON.stringify(parentArgs)}`;
  const known = walk.done.get(key);
  if (known !== undefined) return known;
  if (walk.open.has(name)) return 0;
  walk.open.add(name);
  const cost = selectionCost(walk, set, type, parentArgs);
  walk.open.delete(name);
  walk.done.set(key, cost);
  return cost;
}

function fieldCost(
  walk: Walk,
  parent: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  parentArgs: Arguments,
): number {
  const key = `${parent.name}.${field.name}`;
  const args = argumentsOf(walk, field, node);
  const items = isListType(getNullableType(field.type))
    ? ((walk.model.lists[key] ?? walk.model.lists[`*.${field.name}`])?.(args, parentArgs) ?? walk.model.defaultListSize)
    : 1;
  const named = getNamedType(field.type);
  const each =
    isCompositeType(named) && node.selectionSet ? 1 + selectionCost(walk, node.selectionSet, named, args) : 1;
  return (walk.model.reads[key]?.(args) ?? 0) + Math.max(0, items) * each;
}

/** The field's argument values; where they cannot be read, none (the model's defaults apply). */
function argumentsOf(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode): Arguments {
  try {
    return getArgumentValues(field, node, walk.variables);
  } catch {
    return {};
  }
}

function included(walk: Walk, node: SelectionNode): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
  } catch {
    return true;
  }
}

/** The object types a composite type's values can have. */
function possible(walk: Walk, type: GraphQLCompositeType) {
  return isObjectType(type) ? [type] : walk.schema.getPossibleTypes(type);
}

/** Whether every value of `type` is also a value of `on`. */
function covers(walk: Walk, on: GraphQLCompositeType, type: GraphQLCompositeType): boolean {
  if (on === type) return true;
  const within = possible(walk, on);
  return possible(walk, type).every((t) => within.includes(t));
}

/** Whether some value of `type` is also a value of `on`. */
function overlaps(walk: Walk, on: GraphQLCompositeType, type: GraphQLCompositeType): boolean {
  if (on === type) return true;
  const within = possible(walk, on);
  return possible(walk, type).some((t) => within.includes(t));
}

/** The type a fragment's fields are read on: its own condition, unless `type` is narrower. */
function narrowest(walk: Walk, on: GraphQLCompositeType, type: GraphQLCompositeType): GraphQLCompositeType {
  return covers(walk, on, type) ? type : on;
}
