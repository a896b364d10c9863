/**
 * Conformance: answers
 *
 * Walks each answer beside the selection that asked for it, and records every object that
 * came back (its `__typename`, its `id` when selected, each selected field's value under the
 * field's name and arguments, and where it was reached) and every scalar value with its GraphQL
 * type. The rules and the argument pools read these records, never the raw answers.
 */
import { getNamedType, isLeafType } from 'graphql';
import { fieldKey, fieldsFor, type FieldSelection } from './selections.js';

/** An object of an answer. */
export interface ObjectRecord {
  typename: string;
  /** Its `id`, when the type has one (the selection always asks for it then). */
  id?: string;
  /** Where it was reached: the root field with its arguments, then the response keys. */
  where: string;
  /** Each selected field's value, by field name and arguments. */
  fields: Map<string, { selection: FieldSelection; value: unknown }>;
  /** The object as the wire carried it. */
  value: Record<string, unknown>;
}

/** A scalar or enum value of an answer (one per item of a list). */
export interface ScalarRecord {
  parent: string;
  field: string;
  /** The GraphQL type's name: ID, String, Int, an enum's name, ... */
  type: string;
  value: unknown;
  where: string;
  /** The object holding the field (null for a root field's own value). */
  owner: ObjectRecord | null;
}

export interface Collected {
  objects: ObjectRecord[];
  scalars: ScalarRecord[];
}

export const identity = (o: { typename: string; id?: string }) => `${o.typename}:${o.id}`;

/** Records the objects and scalars of one answer's root fields. */
export function collect(
  data: Record<string, unknown>,
  roots: FieldSelection[],
  describe: (root: FieldSelection) => string,
  into: Collected = { objects: [], scalars: [] },
): Collected {
  const visit = (value: unknown, selection: FieldSelection, where: string, owner: ObjectRecord | null) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, selection, `${where}[${i}]`, owner));
      return;
    }
    const named = getNamedType(selection.type);
    if (isLeafType(named) || !selection.selection) {
      const parent = owner?.typename ?? selection.parent;
      into.scalars.push({ parent, field: selection.field, type: named.name, value, where, owner });
      return;
    }
    const object = value as Record<string, unknown>;
    const typename = String(object.__typename);
    const record: ObjectRecord = {
      typename,
      id: typeof object.id === 'string' ? object.id : undefined,
      where,
      fields: new Map(),
      value: object,
    };
    into.objects.push(record);
    for (const field of fieldsFor(selection.selection, typename)) {
      record.fields.set(fieldKey(field), { selection: field, value: object[field.key] });
      visit(object[field.key], field, `${where}.${field.key}`, record);
    }
  };
  for (const root of roots) visit(data[root.key], root, describe(root), null);
  return into;
}
