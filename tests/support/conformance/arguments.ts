/**
 * Conformance: argument values
 *
 * Real values for the generated documents' arguments, read from the API's own answers (never
 * listed by hand), and the calls of each root field made from them.
 *
 * - An enum argument takes each of its enum's values; a list of enums, each one alone.
 * - An ID argument named after a type that is not an entity kind (`sources`: Source) takes the
 *   ids of that type's objects seen, a list each one alone. Any other ID argument takes every
 *   entity id seen: the ids of entities (objects of a type that implements an interface) and the
 *   values of other objects' ID fields that point elsewhere (a fact's subject and object, an
 *   edge's source and target); a list of IDs takes them in chunks.
 * - A String argument takes the values of the vocabulary whose `usedBy` names it (Meta's
 *   vocabularies), else the values entities have in a field of the argument's name (or its
 *   singular: `names` takes names), else entity names.
 * - A Boolean argument takes what its default is not; numbers keep their defaults; a Relay
 *   `after` is only ever the `endCursor` of the page before (see runner.ts).
 * - Several required arguments take the values of one object of a type with fields of the same
 *   names and types (drugByIdentifier's namespace and value from an Identifier), a list argument
 *   the values of its singular field, in chunks, from the objects that share the other
 *   arguments' values (entitiesByIdentifier's values from the Identifiers of one namespace);
 *   else each entity id paired with others (paths from one entity to another).
 *
 * A root field is called once per value of its required argument(s), and once more per value of
 * each optional argument (with the required ones of one of those calls).
 */
import {
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLFieldMap,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { identity, type ObjectRecord, type ScalarRecord } from './answers.js';
import { isEntityType, type ArgumentCandidates } from './selections.js';

/** Root fields that fetch any object by its id alone. */
const BY_ID_ALONE = new Set(['node', 'nodes', 'statement']);
/** How many ids of each type those fields are called with. */
const SAMPLE = 3;

/** How many ids or names a list argument takes at once. */
const CHUNK = 50;
/** How far along its list (of n values) each partner of a value is: the next one, and half way. */
const PAIRINGS = [() => 1, (n: number) => Math.floor(n / 2)];

export interface Pools {
  entityIds: string[];
  /** A few ids of each type seen, for the root fields that fetch by id alone. */
  sampleIds: string[];
  /** Values of entities' String fields, by field name. */
  entityStrings: Map<string, string[]>;
  /** Vocabulary values by the argument that takes them: `Type.field.arg`, or `*.field.arg`. */
  vocabularies: Map<string, string[]>;
  /** Objects seen, by type name. */
  objects: Map<string, Record<string, unknown>[]>;
}

const addTo = <K, V>(map: Map<K, Set<V>>, key: K, value: V) => {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
};

const sortedMap = <K>(map: Map<K, Set<string>>) =>
  new Map([...map].map(([k, v]) => [k, [...v].sort()] as [K, string[]]));

/** `facts(predicate:), Drug.properties(attribute:)` as the arguments it names. */
const USED_BY = /(?:([A-Z]\w*)\.)?(\w+)\((\w+):\)/g;

/** The pools of argument values in what the answers so far hold. */
export function poolsFrom(schema: GraphQLSchema, objects: ObjectRecord[], scalars: ScalarRecord[]): Pools {
  const entity = (typename: string) => {
    const type = schema.getType(typename);
    return type !== undefined && isEntityType(type);
  };
  const ids = new Set<string>();
  const strings = new Map<string, Set<string>>();
  const vocabularies = new Map<string, Set<string>>();
  const byType = new Map<string, Map<string, Record<string, unknown>>>();
  for (const o of objects) {
    if (entity(o.typename) && o.id) ids.add(o.id);
    const seen = byType.get(o.typename) ?? new Map<string, Record<string, unknown>>();
    seen.set(o.id !== undefined ? identity(o) : JSON.stringify(o.value), o.value);
    byType.set(o.typename, seen);
    const { usedBy, values } = o.value;
    if (typeof usedBy === 'string' && Array.isArray(values))
      for (const [, type, field, arg] of usedBy.matchAll(USED_BY))
        for (const v of values as { value?: unknown }[])
          if (typeof v.value === 'string') addTo(vocabularies, `${type ?? '*'}.${field}.${arg}`, v.value);
  }
  for (const s of scalars) {
    if (!s.owner || typeof s.value !== 'string') continue;
    // An ID field other than `id` points at another object, unless it names the object itself
    // (the statement an object is a view of: its id, or its id before a `/` suffix).
    const own = s.owner.id ?? '';
    if (s.type === 'ID' && s.field !== 'id' && own !== s.value && !own.startsWith(`${s.value}/`)) ids.add(s.value);
    if (s.type === 'String' && entity(s.parent)) addTo(strings, s.field, s.value);
  }
  const sampleIds = [...byType.values()].flatMap((seen) =>
    [...new Set([...seen.values()].map((o) => o.id).filter((id): id is string => typeof id === 'string'))]
      .sort()
      .slice(0, SAMPLE),
  );
  return {
    entityIds: [...ids].sort(),
    sampleIds: [...new Set(sampleIds)].sort(),
    entityStrings: sortedMap(strings),
    vocabularies: sortedMap(vocabularies),
    objects: new Map([...byType].map(([t, m]) => [t, [...m.values()]])),
  };
}

/**
 * The ids of the objects seen of the type an argument is named after (`sources`: Source), when
 * that is a type of its own, not an entity kind; null otherwise.
 */
function idsOfType(pools: Pools, argName: string): string[] | null {
  const singular = argName.replace(/s$/, '');
  const typename = singular.charAt(0).toUpperCase() + singular.slice(1);
  const seen = pools.objects.get(typename);
  if (!seen || pools.entityIds.some((id) => seen.some((o) => o.id === id))) return null;
  return [...new Set(seen.map((o) => o.id).filter((id): id is string => typeof id === 'string'))].sort();
}

const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

const isList = (arg: GraphQLArgument) => isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type);

/** Whether a field is a Relay connection paged by `after`. */
export function isPagedBy(field: GraphQLField<unknown, unknown>, arg: string): boolean {
  const type = getNamedType(field.type) as GraphQLNamedType & Partial<GraphQLObjectType>;
  return arg === 'after' && typeof type.getFields === 'function' && 'pageInfo' in type.getFields();
}

/** Every value an argument can be given from the pools (see the module's comment). */
export function candidatesFrom(pools: Pools): ArgumentCandidates {
  return (parent, field, arg) => {
    const named = getNamedType(arg.type);
    const list = isList(arg);
    if (isPagedBy(field, arg.name)) return [];
    if (isEnumType(named)) {
      const values = named.getValues().map((v) => v.value as string);
      return list ? values.map((v) => [v]) : values;
    }
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    switch (named.name) {
      case 'Boolean':
        return required ? [true, false] : [!arg.defaultValue];
      case 'Int':
      case 'Float':
        return required ? [1] : [];
      case 'ID': {
        // Fetching by id alone: a few ids of every type seen (entities, statements, citations,
        // records, sources, views, computed answers), not every entity's again; rule 6 asks
        // `nodes` for every id seen.
        if (parent === 'Query' && BY_ID_ALONE.has(field.name)) return list ? chunks(pools.sampleIds) : pools.sampleIds;
        const named = idsOfType(pools, arg.name);
        if (named) return list ? named.map((id) => [id]) : named;
        return list ? chunks(pools.entityIds) : pools.entityIds;
      }
      default: {
        const strings =
          pools.vocabularies.get(`${parent}.${field.name}.${arg.name}`) ??
          pools.vocabularies.get(`*.${field.name}.${arg.name}`) ??
          pools.entityStrings.get(arg.name) ??
          pools.entityStrings.get(arg.name.replace(/s$/, '')) ??
          pools.entityStrings.get('name') ??
          [];
        return list ? chunks(strings) : strings;
      }
    }
  };
}

export interface Call {
  field: string;
  args: Record<string, unknown>;
}

export const callKey = (c: Call) => `${c.field} ${JSON.stringify(c.args)}`;

/** The field an argument reads its values from: its own name, or for a list its singular (`values`: `value`). */
function sourceField(fields: GraphQLFieldMap<unknown, unknown> | undefined, arg: GraphQLArgument) {
  const name = isList(arg) && !fields?.[arg.name] ? arg.name.replace(/s$/, '') : arg.name;
  const field = fields?.[name];
  return field && getNamedType(field.type).name === getNamedType(arg.type).name ? name : null;
}

/**
 * Argument tuples from seen objects of a type with fields of the arguments' names and types; a
 * list argument gathers its singular field's values, in chunks, over the objects that agree on
 * the other arguments.
 */
function tuplesFromObjects(
  schema: GraphQLSchema,
  pools: Pools,
  args: GraphQLArgument[],
): Record<string, unknown>[] | null {
  for (const [typename, objects] of pools.objects) {
    const type = schema.getType(typename) as GraphQLObjectType | undefined;
    const fields = type?.getFields?.();
    const names = args.map((a) => sourceField(fields, a));
    if (names.some((n) => n === null)) continue;
    const lists = args.filter(isList);
    const groups = new Map<string, { tuple: Record<string, unknown>; lists: Map<string, unknown[]> }>();
    for (const o of objects) {
      const values = args.map((a, i) => [a, o[names[i]!]] as const);
      if (values.some(([, v]) => v === null || v === undefined)) continue;
      const tuple = Object.fromEntries(values.filter(([a]) => !isList(a)).map(([a, v]) => [a.name, v]));
      const key = JSON.stringify(tuple);
      const group = groups.get(key) ?? { tuple, lists: new Map(lists.map((a) => [a.name, []])) };
      for (const [a, v] of values)
        if (isList(a) && !group.lists.get(a.name)!.includes(v)) group.lists.get(a.name)!.push(v);
      groups.set(key, group);
    }
    const tuples = [...groups.values()].flatMap(({ tuple, lists: gathered }) => {
      if (lists.length === 0) return [tuple];
      const chunked = new Map([...gathered].map(([name, values]) => [name, chunks(values)]));
      const count = Math.max(...[...chunked.values()].map((c) => c.length));
      return Array.from({ length: count }, (_, k) => ({
        ...tuple,
        ...Object.fromEntries([...chunked].map(([name, c]) => [name, c[Math.min(k, c.length - 1)]])),
      }));
    });
    if (tuples.length) return tuples;
  }
  return null;
}

/** Each value of the first argument, with others' values further along their lists. */
function pairings(values: unknown[][]): Record<number, unknown>[] {
  const [first = []] = values;
  if (values.some((vs) => vs.length === 0)) return [];
  const tuples: Record<number, unknown>[] = [];
  for (const shift of PAIRINGS)
    first.forEach((_, i) => {
      const tuple = values.map((vs, j) => vs[(i + j * shift(vs.length)) % vs.length]);
      if (new Set(tuple.map((v) => JSON.stringify(v))).size === tuple.length) tuples.push(tuple);
    });
  return tuples;
}

/** The calls of one root field that the pools allow (see the module's comment). */
export function callsOf(schema: GraphQLSchema, pools: Pools, field: GraphQLField<unknown, unknown>): Call[] {
  const candidates = candidatesFrom(pools);
  const parent = schema.getQueryType()!.name;
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const optional = field.args.filter((a) => !required.includes(a));
  let tuples: Record<string, unknown>[];
  if (required.length === 0) tuples = [{}];
  else if (required.length === 1)
    tuples = candidates(parent, field, required[0]!).map((v) => ({ [required[0]!.name]: v }));
  else
    tuples =
      tuplesFromObjects(schema, pools, required) ??
      pairings(required.map((a) => candidates(parent, field, a))).map((t) =>
        Object.fromEntries(required.map((a, j) => [a.name, t[j]])),
      );
  const calls: Call[] = tuples.map((args) => ({ field: field.name, args }));
  if (tuples.length === 0) return calls;
  let k = 0;
  for (const arg of optional)
    for (const value of candidates(parent, field, arg))
      calls.push({ field: field.name, args: { ...tuples[k++ % tuples.length], [arg.name]: value } });
  return calls;
}
