/**
 * Identifier keys
 *
 * A registry identifier is stored once, under `NAMESPACE:value` with the value as its source
 * writes it (`PUBCHEM_CID:2284`, `DOID:DOID:2377`). A lookup takes the value as a client may
 * write it, so it is read into that stored form first: trimmed, and in the registries whose
 * values carry the registry's own prefix, with the prefix in its stored case and added to a bare
 * number ("2377", "doid:2377" and "DOID:2377" are one disease). Disease Ontology and ChEBI ids
 * are commonly written both ways (Hetionet and DrugCentral write "DOID:2377"; many papers and
 * tables write 2377), which makes a miss on the bare number a surprise rather than a rule.
 */
import type { IdentifierNamespace } from './vocabulary.js';

/** The prefix that is part of the stored value, in the namespaces whose values carry one. */
const VALUE_PREFIX: Partial<Record<IdentifierNamespace, string>> = { CHEBI: 'CHEBI:', DOID: 'DOID:' };

/** The key an identifier is stored under. */
export const identifierKey = (namespace: IdentifierNamespace, value: string): string => `${namespace}:${value}`;

/** The key a lookup by `value` as written in `namespace` reads. */
export function lookupKey(namespace: IdentifierNamespace, written: string): string {
  const value = written.trim();
  const prefix = VALUE_PREFIX[namespace];
  if (prefix === undefined) return identifierKey(namespace, value);
  if (/^\d+$/.test(value)) return identifierKey(namespace, prefix + value);
  if (value.toUpperCase().startsWith(prefix)) return identifierKey(namespace, prefix + value.slice(prefix.length));
  return identifierKey(namespace, value);
}
