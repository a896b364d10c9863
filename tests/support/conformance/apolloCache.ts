/**
 * Conformance: Apollo's normalised cache gives back what came over the wire (rule 5)
 *
 * Every generated answer is written to one InMemoryCache (Apollo Client's default
 * configuration: objects stored once under `__typename:id`, selections merged into them; with
 * the schema's `possibleTypes`, which Apollo needs to match fragments on an interface), and
 * once all are written, each document is read back from it. The cache must answer each exactly
 * as the wire did: where it does not, two answers gave one object different values (rule 2
 * seen by a real client), or an object without an id was replaced by another. What Apollo says
 * on the console while writing (it warns when it drops data) is reported too.
 */
import { InMemoryCache } from '@apollo/client/core';
import { isAbstractType, parse, type GraphQLSchema } from 'graphql';
import { show, type Violation } from './report.js';
import type { Answer } from './runner.js';
import { describeRoot, type FieldSelection } from './selections.js';

/** Differences shown per document. */
const PER_DOCUMENT = 5;

type Json = unknown;

/** The first differences between what was sent and what the cache gives, with the object they are in. */
function differences(
  wire: Json,
  cached: Json,
  path: string,
  owner: string,
  found: { owner: string; path: string; wire: Json; cached: Json }[],
): void {
  if (found.length >= PER_DOCUMENT) return;
  if (JSON.stringify(wire) === JSON.stringify(cached)) return;
  const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null;
  if (Array.isArray(wire) && Array.isArray(cached) && wire.length === cached.length) {
    wire.forEach((item, i) => differences(item, cached[i], `${path}[${i}]`, owner, found));
    return;
  }
  if (isObject(wire) && isObject(cached) && !Array.isArray(wire) && !Array.isArray(cached)) {
    const here = typeof wire.id === 'string' ? `${String(wire.__typename)}:${wire.id}` : owner;
    for (const key of new Set([...Object.keys(wire), ...Object.keys(cached)]))
      differences(wire[key], cached[key], `${path}.${key}`, here, found);
    return;
  }
  found.push({ owner, path, wire, cached });
}

/** Rule 5: writes every answer to one cache, reads each back, and reports what differs. */
export function apolloRoundTrip(schema: GraphQLSchema, answers: Answer[]): { violations: Violation[]; said: string[] } {
  const possibleTypes = Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .map((type) => [type.name, schema.getPossibleTypes(type).map((t) => t.name)]),
  );
  const cache = new InMemoryCache({ possibleTypes });
  const said: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => void said.push(`${m}: ${args.map(String).join(' ')}`);
  const documents = answers.map((a) => parse(a.document));
  const violations: Violation[] = [];
  try {
    answers.forEach((a, i) => cache.writeQuery({ query: documents[i]!, data: a.data }));
    answers.forEach((a, i) => {
      const describe = new Map(a.roots.map((r: FieldSelection) => [r.key, describeRoot(schema, r)]));
      let cached: unknown;
      try {
        cached = cache.readQuery({ query: documents[i]! });
      } catch (error) {
        cached = `readQuery threw: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (cached === null || typeof cached !== 'object') {
        violations.push({
          object: 'Query',
          field: '(document)',
          detail: `the cache gives ${show(cached)} for ${[...describe.values()].slice(0, 3).join(', ')}…`,
        });
        return;
      }
      const found: Parameters<typeof differences>[4] = [];
      for (const root of a.roots)
        differences(
          a.data[root.key],
          (cached as Record<string, unknown>)[root.key],
          describe.get(root.key)!,
          'Query',
          found,
        );
      for (const d of found)
        violations.push({
          object: d.owner,
          field: d.path.replace(/^.*\./, '').replace(/\[\d+\]$/, ''),
          detail: `wire ${show(d.wire)}, cache ${show(d.cached)} at ${d.path}`,
        });
    });
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]!));
  }
  return { violations, said };
}
