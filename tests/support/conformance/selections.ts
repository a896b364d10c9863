/**
 * Conformance: selections
 *
 * Generates, from the executable schema alone, the selection of every field of a type, as a tree
 * the other conformance modules walk beside the answers, and prints it as GraphQL. Nothing here
 * names a field of this API: a field added to the schema is selected by the next run.
 *
 * Depth: the object a root field returns (level 1) and the objects two levels below it are
 * selected in full (every field); an entity (a type that implements an interface, or an
 * abstract type) below level 1, and anything deeper than FULL_LEVELS, is selected briefly:
 * `__typename`, `id`, its scalar fields and its single (non-list) objects, themselves brief, down
 * to BRIEF_LEVELS. `__typename` is selected on every object.
 */
import {
  astFromValue,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  print,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** Levels selected in full below a root field (1 is the root field's own value). */
export const FULL_LEVELS = 3;
/** Deepest level a brief selection reaches. */
export const BRIEF_LEVELS = 6;

/** One selected field: where its value is in the answer, what it is, and what is selected of it. */
export interface FieldSelection {
  /** The response key (the alias, or the field's name). */
  key: string;
  /** The type that declares the field. */
  parent: string;
  field: string;
  /** Argument values sent (JS values, in the order of the field's arguments). */
  args: Record<string, unknown>;
  type: GraphQLOutputType;
  /** What is selected of a composite value. */
  selection?: SelectionSet;
}

/** A selection of a composite type: the fields of every object here, and per object type its own. */
export interface SelectionSet {
  common: FieldSelection[];
  byType: Map<string, FieldSelection[]>;
}

/** The fields selected on an object of this type name. */
export const fieldsFor = (set: SelectionSet, typename: string): FieldSelection[] => [
  ...set.common,
  ...(set.byType.get(typename) ?? []),
];

/** What a field of a given type is compared by: its name and the arguments it was sent with. */
export const fieldKey = (f: Pick<FieldSelection, 'field' | 'args'>): string =>
  Object.keys(f.args).length ? `${f.field}(${JSON.stringify(f.args)})` : f.field;

/**
 * An entity: a type that implements an interface other than Relay's Node (which statements,
 * citations and sources implement too), or an interface or union itself.
 */
export const isEntityType = (type: GraphQLNamedType): boolean =>
  isAbstractType(type) || (isObjectType(type) && type.getInterfaces().some((i) => i.name !== 'Node'));

/**
 * Values for a field's arguments: every value an argument may be given (for required ones, the
 * first is used; for optional ones, each is a variant), or none when nothing is known.
 */
export type ArgumentCandidates = (
  parent: string,
  field: GraphQLField<unknown, unknown>,
  arg: GraphQLArgument,
) => unknown[];

export interface SelectionOptions {
  schema: GraphQLSchema;
  candidates: ArgumentCandidates;
  /** Which variant of each optional argument this selection carries (rotates through them). */
  variant: number;
}

const isRequired = (arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined;

/** Optional arguments worth a variant: all but paging cursors and numbers with a default. */
export function variantArguments(
  parent: string,
  field: GraphQLField<unknown, unknown>,
  candidates: ArgumentCandidates,
): { arg: string; value: unknown }[] {
  return field.args
    .filter((arg) => !isRequired(arg))
    .flatMap((arg) => candidates(parent, field, arg).map((value) => ({ arg: arg.name, value })));
}

/** Required arguments' first candidates, or null when one has none. */
function requiredArguments(
  parent: string,
  field: GraphQLField<unknown, unknown>,
  candidates: ArgumentCandidates,
): Record<string, unknown> | null {
  const args: Record<string, unknown> = {};
  for (const arg of field.args.filter(isRequired)) {
    const [first] = candidates(parent, field, arg);
    if (first === undefined) return null;
    args[arg.name] = first;
  }
  return args;
}

type Mode = 'full' | 'brief';

function childMode(mode: Mode, level: number, named: GraphQLNamedType): Mode {
  if (mode === 'brief' || level > FULL_LEVELS) return 'brief';
  return level >= 2 && isEntityType(named) ? 'brief' : 'full';
}

const aliasOf = (field: string, arg: string, value: unknown) =>
  `${field}_${arg}_${JSON.stringify(value).replace(/[^A-Za-z0-9]+/g, '_')}`.replace(/_+$/, '');

/** The selections of one object or interface type's fields at a level. */
function fieldsOf(
  type: GraphQLObjectType | Extract<GraphQLCompositeType, { getFields: unknown }>,
  level: number,
  mode: Mode,
  options: SelectionOptions,
  only?: (name: string) => boolean,
): FieldSelection[] {
  const selections: FieldSelection[] = [];
  for (const field of Object.values(type.getFields())) {
    if (only && !only(field.name)) continue;
    const args = requiredArguments(type.name, field, options.candidates);
    if (!args) continue;
    const named = getNamedType(field.type);
    const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
    const base = { parent: type.name, field: field.name, type: field.type };
    const leaf = isLeafType(named);
    if (!leaf && mode === 'brief' && (list || level >= BRIEF_LEVELS)) continue;
    const selection = () =>
      leaf
        ? undefined
        : selectionOf(named as GraphQLCompositeType, level + 1, childMode(mode, level + 1, named), options);
    selections.push({ ...base, key: field.name, args, selection: selection() });
    // One more copy with one optional argument, in full selections: each variant somewhere.
    if (mode === 'full') {
      const variants = variantArguments(type.name, field, options.candidates);
      const chosen = variants[options.variant % Math.max(variants.length, 1)];
      if (chosen)
        selections.push({
          ...base,
          key: aliasOf(field.name, chosen.arg, chosen.value),
          args: { ...args, [chosen.arg]: chosen.value },
          selection: selection(),
        });
    }
  }
  return selections;
}

/** Field names that have different types in some of `types`. */
function conflictingFields(types: readonly GraphQLObjectType[]): Set<string> {
  const typesOf = new Map<string, Set<string>>();
  for (const type of types)
    for (const field of Object.values(type.getFields()))
      typesOf.set(field.name, (typesOf.get(field.name) ?? new Set()).add(String(field.type)));
  return new Set([...typesOf].filter(([, seen]) => seen.size > 1).map(([name]) => name));
}

/** The selection of a composite type at a level: its fields, and each possible type's own. */
export function selectionOf(type: GraphQLCompositeType, level: number, mode: Mode, options: SelectionOptions) {
  const set: SelectionSet = { common: [], byType: new Map() };
  if (isObjectType(type)) {
    set.common = fieldsOf(type, level, mode, options);
    return set;
  }
  const shared = isInterfaceType(type) ? new Set(Object.keys(type.getFields())) : new Set<string>();
  if (isInterfaceType(type)) set.common = fieldsOf(type, level, mode, options);
  const possibleTypes = options.schema.getPossibleTypes(type);
  const conflicting = conflictingFields(possibleTypes);
  for (const possible of possibleTypes)
    set.byType.set(
      possible.name,
      fieldsOf(possible, level, mode, options, (name) => !shared.has(name)).map((f) =>
        // Fields of one name but different types cannot share a response key (a Source's kind
        // and an entity's, under Node): each type's gets its own alias, as a client would write.
        conflicting.has(f.field) ? { ...f, key: `${f.key}_${possible.name}` } : f,
      ),
    );
  return set;
}

/** One root field's selection, with its arguments and alias. */
export function rootSelection(
  options: SelectionOptions,
  field: string,
  args: Record<string, unknown>,
  alias: string,
): FieldSelection {
  const query = options.schema.getQueryType()!;
  const definition = query.getFields()[field]!;
  const named = getNamedType(definition.type);
  return {
    key: alias,
    parent: query.name,
    field,
    args,
    type: definition.type,
    selection: isCompositeType(named) ? selectionOf(named, 1, 'full', options) : undefined,
  };
}

/** Lists longer than this are cut short, and texts longer than TEXT, in reports. */
const LIST = 3;
const TEXT = 40;

function printArgs(schema: GraphQLSchema, f: FieldSelection, short = false): string {
  const definition = (schema.getType(f.parent) as GraphQLObjectType).getFields()[f.field]!;
  const parts = Object.entries(f.args).map(([name, value]) => {
    const arg = definition.args.find((a) => a.name === name)!;
    const cut = short && Array.isArray(value) && value.length > LIST;
    const ast = astFromValue(cut ? (value as unknown[]).slice(0, LIST) : value, arg.type);
    if (!ast) throw new Error(`cannot print ${f.parent}.${f.field}(${name}: ${JSON.stringify(value)})`);
    let text = print(ast);
    if (cut) text = `${text.slice(0, -1)}, … ${(value as unknown[]).length} in all]`;
    else if (short && text.length > TEXT) text = `${text.slice(0, TEXT)}…`;
    return `${name}: ${text}`;
  });
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Selections longer than this are printed once per document, as a named fragment. */
const FRAGMENT_FROM = 200;

/** Named fragments of one document, by their selection's text. */
class Fragments {
  readonly byText = new Map<string, { name: string; on: string }>();
  use(on: string, text: string): string {
    if (text.length < FRAGMENT_FROM) return text;
    const key = `${on} ${text}`;
    const known = this.byText.get(key) ?? { name: `s${this.byText.size}`, on };
    this.byText.set(key, known);
    return `{ ...${known.name} }`;
  }
  print(): string {
    return [...this.byText]
      .map(([key, { name, on }]) => `fragment ${name} on ${on} ${key.slice(on.length + 1)}`)
      .join(' ');
  }
}

function printField(schema: GraphQLSchema, f: FieldSelection, fragments: Fragments): string {
  const head = `${f.key === f.field ? '' : `${f.key}: `}${f.field}${printArgs(schema, f)}`;
  if (!f.selection) return head;
  return `${head} ${fragments.use(getNamedType(f.type).name, printSet(schema, f.selection, fragments))}`;
}

function printSet(schema: GraphQLSchema, set: SelectionSet, fragments: Fragments): string {
  const parts = ['__typename', ...set.common.map((f) => printField(schema, f, fragments))];
  for (const [typename, fields] of set.byType)
    if (fields.length)
      parts.push(`... on ${typename} { ${fields.map((f) => printField(schema, f, fragments)).join(' ')} }`);
  return `{ ${parts.join(' ')} }`;
}

/** A query document of some root fields (a selection repeated in it is a named fragment). */
export function printDocument(schema: GraphQLSchema, roots: FieldSelection[]): string {
  const fragments = new Fragments();
  const operation = `{ ${roots.map((f) => printField(schema, f, fragments)).join(' ')} }`;
  return `${operation} ${fragments.print()}`.trim();
}

/** Where a root field's answer comes from, for reports: `entity(id: "drug:baclofen")`. */
export const describeRoot = (schema: GraphQLSchema, f: FieldSelection): string =>
  `${f.field}${printArgs(schema, f, true)}`;

/**
 * Every field of every object and interface type reachable from Query, as `Type.field`, and
 * whether the given root selections select it somewhere (an interface's field selected on the
 * interface counts for every type that implements it).
 */
export function coverage(schema: GraphQLSchema, roots: FieldSelection[]): { all: Set<string>; selected: Set<string> } {
  const selected = new Set<string>();
  const seen = new WeakSet<SelectionSet>();
  const visit = (f: FieldSelection) => {
    selected.add(`${f.parent}.${f.field}`);
    const parent = schema.getType(f.parent);
    if (parent && isInterfaceType(parent))
      for (const possible of schema.getPossibleTypes(parent)) selected.add(`${possible.name}.${f.field}`);
    if (!f.selection || seen.has(f.selection)) return;
    seen.add(f.selection);
    f.selection.common.forEach(visit);
    for (const fields of f.selection.byType.values()) fields.forEach(visit);
  };
  roots.forEach(visit);

  const all = new Set<string>();
  const reached = new Set<string>();
  const walk = (type: GraphQLNamedType) => {
    if (reached.has(type.name) || !isCompositeType(type)) return;
    reached.add(type.name);
    if (isAbstractType(type)) schema.getPossibleTypes(type).forEach(walk);
    if (isObjectType(type) || isInterfaceType(type))
      for (const field of Object.values(type.getFields())) {
        all.add(`${type.name}.${field.name}`);
        walk(getNamedType(field.type));
      }
  };
  walk(schema.getQueryType()!);
  return { all, selected };
}
