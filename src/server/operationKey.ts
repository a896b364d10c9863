/**
 * Operation key
 *
 * What the response cache keys an answer on: the operation a request runs, printed in a normal
 * form, and the values of the variables it declares. Two requests that ask the same thing get
 * the same key however their documents are written: comments, whitespace and commas, the name
 * of a lone operation, named fragments or the same selections inline, the order of arguments
 * and of variable definitions, variables the operation does not declare, and the order of keys
 * in variable values make no difference. The order of fields does make a difference to the
 * answer (its keys follow the document), so the key has two parts: `slot` ignores the order of
 * the selections in every selection set, `variant` keeps it. The cache keeps one variant per
 * slot, so a client reordering fields replaces its answer instead of adding one.
 *
 * A cached answer is served before its document is validated, so documents sharing a key must
 * be refused alike: they differ only in what validation and graphql-armor's limits ignore or
 * count alike (tokens are counted without comments; aliases, directives and depth through each
 * fragment spread, as inlined). A document that breaks that (an unused fragment, a directive
 * on a fragment definition, a fragment cycle, an unknown fragment, an operation name that names
 * nothing, definitions that are not operations or fragments), or whose normal form would be
 * huge (a fragment spread thousands of times over), gets no key: it is not cached and goes
 * through validation, which refuses it. So does a request whose variables nest deeper than
 * MAX_VALUE_DEPTH or print longer than MAX_VARIABLES_LENGTH. No input makes building a key throw.
 */
import { createHash } from 'node:crypto';
import {
  Kind,
  print,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

export interface OperationKey {
  /** The operation with its selections in any order, its variables and the data version. */
  slot: string;
  /** The same, with the selections in the document's order. */
  variant: string;
}

/** Longest normal form kept: ten times the largest request body (a fragment bomb is longer). */
const MAX_FORM_LENGTH = 640 * 1024;
/** Deepest variable value keyed; real inputs of this schema nest 2 deep. */
const MAX_VALUE_DEPTH = 32;
/** Longest variables keyed, as canonical JSON. */
const MAX_VARIABLES_LENGTH = 64 * 1024;

class NoKey extends Error {}

/** An operation in normal form, worked out once per parsed document and operation name. */
interface Shape {
  ordered: string;
  sorted: string;
  /** The variables the operation declares, sorted. */
  declared: string[];
  /** Keys already hashed, by data version and canonical variables (a few per shape). */
  keys: Map<string, OperationKey>;
}

/** Keys kept per shape: a repeated request hashes nothing, and one client cannot grow the map. */
const MAX_KEYS_PER_SHAPE = 64;
/** Longest variables whose key is kept: long ones are hashed each time rather than held. */
const MAX_KEPT_VALUES_LENGTH = 1_024;

const shapes = new WeakMap<DocumentNode, Map<string, Shape | null>>();

/**
 * The key of running `operationName` of `document` with `variables` on data `version`, or null
 * when the request is not to be cached.
 */
export function operationKey(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: unknown,
  version: string | null,
): OperationKey | null {
  const shape = shapeOf(document, operationName ?? null);
  if (!shape) return null;
  let values: string;
  try {
    values = canonicalVariables(shape.declared, variables);
  } catch (error) {
    if (error instanceof NoKey || error instanceof RangeError) return null;
    throw error;
  }
  const known = `${version ?? ''}\0${values}`;
  const kept = shape.keys.get(known);
  if (kept) return kept;
  const hash = (form: string) =>
    createHash('sha256')
      .update(version ?? '')
      .update('\0')
      .update(form)
      .update('\0')
      .update(values)
      .digest('base64url');
  const key = { slot: hash(shape.sorted), variant: hash(shape.ordered) };
  if (values.length <= MAX_KEPT_VALUES_LENGTH) {
    if (shape.keys.size >= MAX_KEYS_PER_SHAPE) shape.keys.clear();
    shape.keys.set(known, key);
  }
  return key;
}

function shapeOf(document: DocumentNode, operationName: string | null): Shape | null {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  // Only names the document holds are remembered, so a client cannot grow this map.
  const known = operationName === null || operations.some((o) => o.name?.value === operationName);
  if (!known) return null;
  let byName = shapes.get(document);
  if (!byName) shapes.set(document, (byName = new Map()));
  const memo = byName.get(operationName ?? '');
  if (memo !== undefined) return memo;
  let shape: Shape | null;
  try {
    shape = normalForm(document, operations, operationName);
  } catch (error) {
    if (!(error instanceof NoKey || error instanceof RangeError)) throw error;
    shape = null;
  }
  byName.set(operationName ?? '', shape);
  return shape;
}

function normalForm(
  document: DocumentNode,
  operations: OperationDefinitionNode[],
  operationName: string | null,
): Shape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      if (fragments.has(definition.name.value) || definition.directives?.length) throw new NoKey();
      fragments.set(definition.name.value, definition);
    } else if (definition.kind !== Kind.OPERATION_DEFINITION) throw new NoKey();
  }
  if (operations.length === 1) {
    // A lone operation: its name and its fragments' names say nothing about the answer.
    const [operation] = operations as [OperationDefinitionNode];
    const used = new Set<string>();
    const ordered = new Printer(fragments, false, used).operation(operation, false);
    const sorted = new Printer(fragments, true, new Set()).operation(operation, false);
    if (used.size !== fragments.size) throw new NoKey();
    return { ordered, sorted, declared: declaredVariables(operation), keys: new Map() };
  }
  // Several operations: the whole document as written (names and all), and the one chosen.
  const chosen = operations.find((o) => o.name?.value === operationName);
  if (!chosen) throw new NoKey();
  const printAll = (sort: boolean) => {
    const printer = new Printer(fragments, sort, null);
    const parts = document.definitions.map((d) =>
      d.kind === Kind.OPERATION_DEFINITION
        ? printer.operation(d, true)
        : printer.fragmentDefinition(d as FragmentDefinitionNode),
    );
    return `${operationName}\n${(sort ? parts.sort() : parts).join('\n')}`;
  };
  return { ordered: printAll(false), sorted: printAll(true), declared: declaredVariables(chosen), keys: new Map() };
}

function declaredVariables(operation: OperationDefinitionNode): string[] {
  return (operation.variableDefinitions ?? []).map((v) => v.variable.name.value).sort();
}

/**
 * Prints operations in one line of normal form. With `inline` (a set collecting the fragments
 * used), fragment spreads are printed as the inline fragments they stand for; otherwise as
 * spreads, with the fragment definitions printed beside the operations.
 */
class Printer {
  /** Characters inlined so far: without spreads, a form is about as long as its document. */
  private length = 0;
  private readonly done = new Map<string, string>();
  private readonly open = new Set<string>();

  constructor(
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly sort: boolean,
    private readonly inline: Set<string> | null,
  ) {}

  operation(node: OperationDefinitionNode, named: boolean): string {
    const variables = (node.variableDefinitions ?? []).map((v) => this.variableDefinition(v)).sort();
    return (
      `${node.operation}${named && node.name ? ` ${node.name.value}` : ''}` +
      `${variables.length ? `(${variables.join(',')})` : ''}${this.directives(node.directives)} ` +
      this.selectionSet(node.selectionSet)
    );
  }

  fragmentDefinition(node: FragmentDefinitionNode): string {
    return `fragment ${node.name.value} on ${node.typeCondition.name.value} ${this.selectionSet(node.selectionSet)}`;
  }

  private variableDefinition(node: VariableDefinitionNode): string {
    const defaultValue = node.defaultValue ? `=${value(node.defaultValue)}` : '';
    return `$${node.variable.name.value}:${print(node.type)}${defaultValue}${this.directives(node.directives)}`;
  }

  private selectionSet(node: SelectionSetNode): string {
    const parts = node.selections.map((selection) => {
      switch (selection.kind) {
        case Kind.FIELD: {
          const alias = selection.alias ? `${selection.alias.value}:` : '';
          const inner = selection.selectionSet ? ` ${this.selectionSet(selection.selectionSet)}` : '';
          return `${alias}${selection.name.value}${this.arguments(selection.arguments)}${this.directives(selection.directives)}${inner}`;
        }
        case Kind.INLINE_FRAGMENT: {
          const on = selection.typeCondition ? ` on ${selection.typeCondition.name.value}` : '';
          return `...${on}${this.directives(selection.directives)} ${this.selectionSet(selection.selectionSet)}`;
        }
        case Kind.FRAGMENT_SPREAD:
          return this.spread(selection.name.value, selection.directives);
      }
    });
    return `{${(this.sort ? parts.sort() : parts).join(' ')}}`;
  }

  private spread(name: string, directives: readonly DirectiveNode[] | undefined): string {
    if (!this.inline) return `...${name}${this.directives(directives)}`;
    const fragment = this.fragments.get(name);
    if (!fragment || this.open.has(name)) throw new NoKey();
    this.inline.add(name);
    let body = this.done.get(name);
    if (body === undefined) {
      this.open.add(name);
      body = this.selectionSet(fragment.selectionSet);
      this.open.delete(name);
      this.done.set(name, body);
    }
    this.length += body.length;
    if (this.length > MAX_FORM_LENGTH) throw new NoKey();
    return `... on ${fragment.typeCondition.name.value}${this.directives(directives)} ${body}`;
  }

  private arguments(nodes: readonly ArgumentNode[] | undefined): string {
    if (!nodes?.length) return '';
    return `(${nodes
      .map((a) => `${a.name.value}:${value(a.value)}`)
      .sort()
      .join(',')})`;
  }

  private directives(nodes: readonly DirectiveNode[] | undefined): string {
    return (nodes ?? []).map((d) => ` @${d.name.value}${this.arguments(d.arguments)}`).join('');
  }
}

/** A literal in normal form: strings JSON-quoted (block or not), object fields sorted. */
function value(node: ValueNode): string {
  switch (node.kind) {
    case Kind.VARIABLE:
      return `$${node.name.value}`;
    case Kind.STRING:
      return JSON.stringify(node.value);
    case Kind.LIST:
      return `[${node.values.map(value).join(',')}]`;
    case Kind.OBJECT:
      return `{${node.fields
        .map((f) => `${f.name.value}:${value(f.value)}`)
        .sort()
        .join(',')}}`;
    case Kind.NULL:
      return 'null';
    default:
      return String(node.value);
  }
}

/** The declared variables' values as JSON with sorted keys; undeclared ones are left out. */
function canonicalVariables(declared: string[], variables: unknown): string {
  if (declared.length === 0) return '{}';
  const given = variables !== null && typeof variables === 'object' ? (variables as Record<string, unknown>) : {};
  let length = 0;
  const counted = (text: string) => {
    length += text.length + 1;
    if (length > MAX_VARIABLES_LENGTH) throw new NoKey();
    return text;
  };
  const write = (v: unknown, depth: number): string => {
    if (depth > MAX_VALUE_DEPTH) throw new NoKey();
    if (Array.isArray(v)) return `[${v.map((item) => write(item, depth + 1)).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort();
      return `{${keys.map((k) => `${counted(JSON.stringify(k))}:${write((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
    }
    return counted(JSON.stringify(v) ?? 'null');
  };
  const entries = declared.filter((name) => Object.hasOwn(given, name)).map((name) => [name, given[name]] as const);
  return `{${entries.map(([name, v]) => `${JSON.stringify(name)}:${write(v, 1)}`).join(',')}}`;
}
