/**
 * Conformance: rules on single values (rules 1 and 4)
 *
 * 1. No value of type ID is the empty string.
 * 4. No String value is stored JSON (text starting `[{` or `{"`: a stored evidence list, a
 *    stored qualifier map) or the name of a storage property, and no qualifier key is one.
 *
 * Storage property names are the property keys Neo4j holds that the API has no use for (not a
 * field of the schema, not a qualifier key of any exported statement or citation), together with
 * the names every store of this project uses: `cite*`, factId, qualifierKeys, contentHash,
 * synonymsText, brandNames.
 */
import type { ScalarRecord } from './answers.js';
import { show, type Violation } from './report.js';

const KNOWN_STORAGE_NAMES = ['factId', 'qualifierKeys', 'contentHash', 'synonymsText', 'brandNames'];
const STORAGE_PREFIX = /^cite[A-Z]/;
const STORED_JSON = /^(\[\{|\{")/;

const objectOf = (s: ScalarRecord) =>
  s.owner ? (s.owner.id !== undefined ? `${s.owner.typename}:${s.owner.id}` : s.owner.typename) : s.parent;

/** Rule 1: every ID value that is the empty string. */
export function emptyIds(scalars: ScalarRecord[]): Violation[] {
  return scalars
    .filter((s) => s.type === 'ID' && s.value === '')
    .map((s) => ({ object: objectOf(s), field: s.field, detail: `"" at ${s.where}` }));
}

/** The storage property names among Neo4j's property keys (see the module's comment). */
export function storageNames(propertyKeys: string[], apiNames: Set<string>): Set<string> {
  return new Set([
    ...KNOWN_STORAGE_NAMES,
    ...propertyKeys.filter((key) => STORAGE_PREFIX.test(key) || !apiNames.has(key)),
  ]);
}

/** Rule 4: String values that are stored JSON or a storage property name. */
export function storageLeaks(scalars: ScalarRecord[], storage: Set<string>): Violation[] {
  const violations: Violation[] = [];
  for (const s of scalars) {
    if (s.type !== 'String' || typeof s.value !== 'string') continue;
    if (STORED_JSON.test(s.value))
      violations.push({ object: objectOf(s), field: s.field, detail: `stored JSON ${show(s.value)} at ${s.where}` });
    else if (storage.has(s.value) || STORAGE_PREFIX.test(s.value))
      violations.push({
        object: objectOf(s),
        field: s.field,
        detail: `storage property name ${show(s.value)} at ${s.where}`,
      });
  }
  return violations;
}
