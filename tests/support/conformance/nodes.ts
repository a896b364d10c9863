/**
 * Conformance: object identification
 *
 * Every id any answer carried is asked for again with `nodes(ids:)` (100 at a time), the way a
 * Relay, Apollo or urql client refetches an object it holds:
 * - an object whose type implements Node comes back with the same id and the same type, except
 *   where several views share one statement's id (a Relation read from its subject, a registry
 *   citation): `node` gives the statement itself, a Fact with that id;
 * - a statement's other views (a TargetAction, an Indication, ...) come back as their statement;
 * - ids of answers computed from their question (a path, a hop, a shared target) need not.
 * And every `url` is the entity's or the statement's, under the API's public URL.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { ObjectRecord } from './answers.js';
import { identity } from './answers.js';
import type { Violation } from './report.js';
import type { GraphQLBody } from './runner.js';

const BATCH = 100;
/** Types whose ids name computed answers, not objects kept in the graph. */
const COMPUTED = new Set(['Path', 'Hop', 'SharedTarget']);

/** The type `node` gives back for an id seen on an object of type `typename`. */
function expectedType(schema: GraphQLSchema, typename: string, id: string): string | null {
  if (COMPUTED.has(typename)) return null;
  const type = schema.getType(typename);
  const isNode = isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
  if (id.endsWith('/incoming')) return 'Relation';
  if (typename === 'Citation' && id.startsWith('identifier:')) return 'Fact';
  if (isNode && typename !== 'Relation') return typename;
  return 'Fact';
}

/** Asks `nodes` for every id the answers carried and reports those that do not come back. */
export async function nodeRoundTrips(
  schema: GraphQLSchema,
  objects: ObjectRecord[],
  ask: (document: string, variables: Record<string, unknown>) => Promise<GraphQLBody>,
): Promise<{ violations: Violation[]; asked: number }> {
  const wanted = new Map<string, { object: string; type: string }>();
  for (const o of objects) {
    if (o.id === undefined) continue;
    const type = expectedType(schema, o.typename, o.id);
    if (type && !wanted.has(`${type} ${o.id}`)) wanted.set(`${type} ${o.id}`, { object: identity(o), type });
  }
  const entries = [...wanted.values()];
  const ids = [...new Set(entries.map((e) => e.object.slice(e.object.indexOf(':') + 1)))];
  const answered = new Map<string, { __typename: string; id: string } | null>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const body = await ask('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: batch });
    const nodes = (body.data?.nodes ?? []) as ({ __typename: string; id: string } | null)[];
    if (body.errors) throw new Error(`nodes failed: ${JSON.stringify(body.errors)}`);
    batch.forEach((id, k) => answered.set(id, nodes[k] ?? null));
  }
  const violations: Violation[] = [];
  for (const { object, type } of entries) {
    const id = object.slice(object.indexOf(':') + 1);
    const got = answered.get(id);
    if (!got) violations.push({ object, field: 'node', detail: `node(id: ${JSON.stringify(id)}) is null` });
    else if (got.id !== id || got.__typename !== type)
      violations.push({ object, field: 'node', detail: `expected ${type}:${id}, got ${got.__typename}:${got.id}` });
  }
  return { violations, asked: ids.length };
}

/** Every `url` names the object's entity or statement under `publicUrl`. */
export function urlMismatches(objects: ObjectRecord[], publicUrl: string, schema: GraphQLSchema): Violation[] {
  const violations: Violation[] = [];
  const segment = (id: string) => encodeURIComponent(id).replaceAll('%3A', ':');
  for (const o of objects) {
    const url = o.fields.get('url')?.value;
    if (typeof url !== 'string' || o.id === undefined) continue;
    const type = schema.getType(o.typename);
    const isEntity = isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Entity');
    const statement = String(o.value.statementId ?? o.id.replace(/\/incoming$/, ''));
    // Sources, citations and identifiers link to where their source lives, not to us.
    if (['Source', 'Citation', 'Identifier'].includes(o.typename)) continue;
    const expected = isEntity
      ? `${publicUrl}/entities/${segment(o.id)}`
      : `${publicUrl}/statements/${segment(statement)}`;
    if (url !== expected) violations.push({ object: identity(o), field: 'url', detail: `${url} is not ${expected}` });
  }
  return violations;
}
