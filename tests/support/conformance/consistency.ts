/**
 * Conformance: one identity, one set of values (rule 2)
 *
 * A normalised client cache (Apollo's InMemoryCache, urql's graphcache) stores each object once,
 * under `__typename` and `id`, and merges into it every selection of it, wherever it was
 * reached. That is only right if an object with one `__typename` and `id` carries the same
 * value for each field everywhere. Fields are compared by name and arguments (a field sent
 * with other arguments is another field); of two values, only what both selected is compared,
 * and an object with an id inside them by its `__typename` and `id` alone.
 */
import { getNamedType, isLeafType } from 'graphql';
import { identity, type ObjectRecord } from './answers.js';
import { show, type Violation } from './report.js';
import { fieldKey, fieldsFor, type FieldSelection } from './selections.js';

type Seen = { value: unknown; selection: FieldSelection; where: string };

const hasIdentity = (v: unknown): v is { __typename: string; id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && '__typename' in v;

/** Where two values of one field differ (a path inside them, empty for the values themselves), or null. */
export function difference(a: unknown, b: unknown, sa: FieldSelection, sb: FieldSelection, path = ''): string | null {
  if (a === b) return null;
  if (a === null || b === null || a === undefined || b === undefined) return path;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return path;
    if (a.length !== b.length) return `${path} (length ${a.length} vs ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], sa, sb, `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (isLeafType(getNamedType(sa.type)) || !sa.selection || !sb.selection)
    return JSON.stringify(a) === JSON.stringify(b) ? null : path;
  if (hasIdentity(a) && hasIdentity(b))
    return identity({ typename: a.__typename, id: a.id }) === identity({ typename: b.__typename, id: b.id })
      ? null
      : path;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  if (x.__typename !== y.__typename) return `${path}.__typename`;
  const theirs = new Map(fieldsFor(sb.selection, String(y.__typename)).map((f) => [fieldKey(f), f]));
  for (const mine of fieldsFor(sa.selection, String(x.__typename))) {
    const other = theirs.get(fieldKey(mine));
    if (!other) continue;
    const d = difference(x[mine.key], y[other.key], mine, other, `${path}.${mine.key}`);
    if (d !== null) return d;
  }
  return null;
}

/** Value at a path of `difference` (without its length note), for reports. */
function at(value: unknown, path: string): unknown {
  const steps = path.replace(/ \(length.*$/, '').match(/[^.[\]]+/g) ?? [];
  return steps.reduce<unknown>((v, step) => (v as Record<string, unknown> | null)?.[step], value);
}

/** Rule 2: every field of an identified object that differs from its value where the object was first reached. */
export function inconsistencies(objects: ObjectRecord[]): Violation[] {
  const first = new Map<string, Map<string, Seen>>();
  const found = new Map<string, Violation & { times: number }>();
  for (const o of objects) {
    if (o.id === undefined) continue;
    const key = identity(o);
    const seen = first.get(key) ?? new Map<string, Seen>();
    first.set(key, seen);
    for (const [field, { selection, value }] of o.fields) {
      const earlier = seen.get(field);
      if (!earlier) {
        seen.set(field, { value, selection, where: o.where });
        continue;
      }
      const path = difference(earlier.value, value, earlier.selection, selection);
      if (path === null) continue;
      const problem = `${key} ${field}`;
      const already = found.get(problem);
      if (already) {
        already.times++;
        continue;
      }
      found.set(problem, {
        object: key,
        field,
        times: 1,
        detail: `${field}${path} is ${show(at(earlier.value, path))} at ${earlier.where}, but ${show(at(value, path))} at ${o.where}`,
      });
    }
  }
  return [...found.values()].map(({ times, ...v }) => ({
    ...v,
    detail: times > 1 ? `${v.detail} (and ${times - 1} more place(s))` : v.detail,
  }));
}
