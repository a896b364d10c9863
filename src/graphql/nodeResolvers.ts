/**
 * Object identification
 *
 * `node`, `nodes` and `statement`: any object the API can fetch again, by its id alone (the
 * Relay convention). What an id names is read from its form:
 * - `source:...` a source; `cite:...` a piece of evidence, `cite:.../record` its dataset record;
 * - `meta:<version>` what is loaded, while that version is; `disagreement:...` a reviewed
 *   disagreement, as its drug gives it;
 * - `<statement>/incoming` the view of a relationship from its object (a Relation);
 * - a statement's id (`fact:`, `literal:`, `identifier:`, `<entity>#...`) the statement as a Fact,
 *   with every piece of evidence, whichever typed view it was read in;
 * - anything else an entity.
 * `nodes` reads each family once for all its ids. An id that names nothing is null.
 */
import { citationsById, disagreementOwners, statementsById } from '../graph/statementsById.js';
import { disagreementsOf } from './drugResolvers.js';
import { metaOf } from './metaResolvers.js';
import { fromFactCitation, indexSources } from '../model/citations.js';
import type { StoredSource } from '../model/storedShapes.js';
import { readMeta } from '../neo4j/meta.js';
import { badInput } from './arguments.js';
import type { Context } from './context.js';
import { relationsOf } from './entityResolvers.js';
import { factValue } from './factsResolvers.js';
import type { Resolvers } from './generated/resolvers.js';
import { MAX_BATCH } from './lookupResolvers.js';
import { isIncomingView, statementOf } from '../model/statementViews.js';
import { entityValue, type EntityValue, type RelationValue } from './values.js';

const RECORD = '/record';

type NodeFamily = 'source' | 'record' | 'citation' | 'view' | 'statement' | 'meta' | 'disagreement' | 'entity';

function familyOf(id: string): NodeFamily {
  if (id.startsWith('source:')) return 'source';
  if (id.startsWith('meta:')) return 'meta';
  if (id.startsWith('disagreement:')) return 'disagreement';
  if (id.startsWith('cite:')) return id.endsWith(RECORD) ? 'record' : 'citation';
  if (isIncomingView(id)) return 'view';
  if (/^(fact|literal|identifier):/.test(id) || id.includes('#')) return 'statement';
  return 'entity';
}

/** A value `node` gives back, with the type it is (entities and relations carry theirs). */
type NodeValue = EntityValue | RelationValue | ({ __typename: string } & Record<string, unknown>);

async function sourcesById(context: Context, ids: string[]): Promise<Map<string, StoredSource>> {
  if (ids.length === 0) return new Map();
  const meta = await readMeta(context.database);
  return new Map((meta?.sources ?? []).map((s) => [s.id, s]));
}

async function statementsOf(context: Context, ids: string[]): Promise<Map<string, NodeValue>> {
  const { byId, sources } = await statementsById(context.database, ids);
  const index = indexSources(sources);
  return new Map([...byId].map(([id, fact]) => [id, { __typename: 'Fact', ...factValue(fact, index) }]));
}

async function citationsOf(context: Context, ids: string[]): Promise<Map<string, NodeValue>> {
  const { byId, sources } = await citationsById(context.database, ids);
  const index = indexSources(sources);
  const found = new Map<string, NodeValue>();
  for (const [id, { citation, fact }] of byId) {
    const value = fromFactCitation({ ...fact, citation }, index);
    found.set(id, { __typename: 'Citation', ...value });
    if (value.record) found.set(`${id}${RECORD}`, { __typename: 'SourceRecord', ...value.record });
  }
  return found;
}

/** The views from their objects: each statement's object entity, then its incoming relation. */
async function viewsOf(context: Context, ids: string[]): Promise<Map<string, NodeValue>> {
  const { byId } = await statementsById(context.database, ids.map(statementOf));
  // Loaded together, so the profile loader reads all the objects in one round trip.
  const views = await Promise.all(
    ids.map(async (id) => {
      const fact = byId.get(statementOf(id));
      const profile = fact?.object ? await context.profiles.load(fact.object) : null;
      if (!profile) return null;
      const owner = entityValue(profile.entity, profile.sources, profile);
      const view = (await relationsOf(owner, context, null, 'INCOMING')).find(
        (r) => r.row.props.factId === statementOf(id),
      );
      return view ? ([id, view] as const) : null;
    }),
  );
  return new Map(views.filter((v) => v !== null));
}

/** What is loaded, when an id names the data version loaded now (an older one is gone). */
async function metasOf(context: Context, ids: string[]): Promise<Map<string, NodeValue>> {
  if (ids.length === 0) return new Map();
  const meta = await metaOf(context);
  return new Map(ids.includes(meta.id) ? [[meta.id, { __typename: 'Meta', ...meta }]] : []);
}

/** Reviewed disagreements, as their drug gives them. */
async function disagreementsById(context: Context, ids: string[]): Promise<Map<string, NodeValue>> {
  const owners = await context.profiles.loadMany(await disagreementOwners(context.database, ids));
  const found = new Map<string, NodeValue>();
  for (const profile of owners) {
    if (!profile || profile instanceof Error) continue;
    for (const d of await disagreementsOf(entityValue(profile.entity, profile.sources, profile), context))
      if (ids.includes(d.id)) found.set(d.id, { __typename: 'Disagreement', ...d });
  }
  return found;
}

async function entitiesOf(context: Context, ids: string[]): Promise<Map<string, NodeValue>> {
  const profiles = await context.profiles.loadMany(ids);
  const found = new Map<string, NodeValue>();
  profiles.forEach((profile, i) => {
    if (profile && !(profile instanceof Error))
      found.set(ids[i]!, entityValue(profile.entity, profile.sources, profile));
  });
  return found;
}

/** The objects `ids` name, in their order, null where nothing matches. */
export async function resolveNodes(context: Context, ids: readonly string[]): Promise<(NodeValue | null)[]> {
  const byFamily = new Map<NodeFamily, string[]>();
  for (const id of new Set(ids)) byFamily.set(familyOf(id), [...(byFamily.get(familyOf(id)) ?? []), id]);
  const of = (family: NodeFamily) => byFamily.get(family) ?? [];
  const [sources, citations, views, statements, metas, disagreements, entities] = await Promise.all([
    sourcesById(context, of('source')),
    citationsOf(context, [...of('citation'), ...of('record').map((id) => id.slice(0, -RECORD.length))]),
    viewsOf(context, of('view')),
    statementsOf(context, of('statement')),
    metasOf(context, of('meta')),
    disagreementsById(context, of('disagreement')),
    entitiesOf(context, of('entity')),
  ]);
  return ids.map((id) => {
    const source = sources.get(id);
    if (source) return { __typename: 'Source', ...source };
    const found = [citations, views, statements, metas, disagreements, entities].find((m) => m.has(id));
    return found?.get(id) ?? null;
  });
}

/** The type of a value `node` gives back. */
export function nodeType(value: NodeValue): string {
  if ('__typename' in value && typeof value.__typename === 'string') return value.__typename;
  if ('direction' in value && 'row' in value) return 'Relation';
  return String((value as EntityValue).props.kind);
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: async (_: unknown, args: { id: string }, context: Context) => (await resolveNodes(context, [args.id]))[0],
    nodes: async (_: unknown, args: { ids: string[] }, context: Context) => {
      if (args.ids.length > MAX_BATCH) throw badInput(`nodes takes at most ${MAX_BATCH} ids`);
      return resolveNodes(context, args.ids);
    },
    statement: async (_: unknown, args: { id: string }, context: Context) =>
      (await statementsOf(context, [statementOf(args.id)])).get(statementOf(args.id)) ?? null,
  },
  Node: { __resolveType: nodeType },
} as Resolvers;
