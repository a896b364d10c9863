/**
 * The API's cost model
 *
 * How many items each list field of this schema can return, for `operationCost`. Lists whose
 * resolver enforces a bound are costed at that bound, taken from the resolvers' own limits, so
 * an argument beyond it is costed at the bound and then refused by the resolver with
 * BAD_USER_INPUT naming the argument. Lists that only the data bounds (a drug's targets, an
 * entity's relations) are assumed to hold `defaultListSize` items, or for the few that run
 * longer in the seed data, a little more than their longest there (baclofen's 148 relations,
 * 67 effects, 29 properties, 19 indications, 5 sentences for one statement; with the
 * neighbourhood datasets, gabapentin's 20 classes, baclofen's one disagreement of 3 statements); the
 * answer-size limit catches what this underestimates when the data grows. An entity's
 * identifiers are costed at one per namespace: no entity holds two in one namespace today
 * (baclofen holds 10, in 10), and asking for them on every entity of a list must not be cheaper
 * than the data allows.
 */
import { MAX_NEIGHBOURHOOD_NODES } from '../graph/research.js';
import { MAX_HITS } from '../graph/search.js';
import { MAX_FACTS_PAGE } from '../graphql/factsResolvers.js';
import { MAX_BATCH } from '../graphql/lookupResolvers.js';
import { LIMITS } from '../graphql/researchResolvers.js';
import { IDENTIFIER_NAMESPACES } from '../model/vocabulary.js';
import type { Arguments, CostModel } from './operationCost.js';

/** An integer argument, within 1..bound; the schema's default applies when it was not sent. */
function bounded(value: unknown, bound: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 1), bound) : bound;
}

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** The centre and the reached nodes. */
const NEIGHBOURHOOD_NODES = MAX_NEIGHBOURHOOD_NODES + 1;
/**
 * Edges are not capped by the query: those between the nodes are returned. Assumed at most two
 * per node (the seed graph has 1.5 in baclofen's depth-3 neighbourhood).
 */
const NEIGHBOURHOOD_EDGES = 2 * NEIGHBOURHOOD_NODES;

const maxHops = (pathsArgs: Arguments) => bounded(pathsArgs.maxHops, LIMITS.maxHops);

export const COST_MODEL: CostModel = {
  lists: {
    'Query.drugs': (args) => Math.min(lengthOf(args.ids) + lengthOf(args.names), MAX_BATCH),
    'Query.entitiesByIdentifier': (args) => Math.min(lengthOf(args.values), MAX_BATCH),
    'Query.nodes': (args) => Math.min(lengthOf(args.ids), MAX_BATCH),
    'Query.search': (args) => bounded(args.first, MAX_HITS),
    'Query.paths': (args) => bounded(args.first, LIMITS.paths),
    'Path.nodes': (_, pathsArgs) => maxHops(pathsArgs) + 1,
    'Path.hops': (_, pathsArgs) => maxHops(pathsArgs),
    'Neighbourhood.nodes': () => NEIGHBOURHOOD_NODES,
    'Neighbourhood.edges': () => NEIGHBOURHOOD_EDGES,
    'FactConnection.edges': (_, factsArgs) => bounded(factsArgs.first, MAX_FACTS_PAGE),
    '*.relations': () => 150,
    '*.effects': () => 70,
    '*.properties': () => 30,
    '*.indications': () => 20,
    '*.classes': () => 24,
    'Drug.disagreements': () => 2,
    'Disagreement.statements': () => 4,
    '*.identifiers': () => IDENTIFIER_NAMESPACES.length,
    // A statement's evidence: at most 5 sentences in the seed data; each sentence's own qualifiers.
    '*.citations': () => 8,
    '*.qualifiers': () => 8,
    'Hop.statements': () => 8,
    'Meta.vocabularies': () => 8,
    'Vocabulary.values': () => 30,
  },
  reads: {
    // The whole neighbourhood is read whatever the selection asks of it.
    'Query.neighbourhood': () => NEIGHBOURHOOD_NODES + NEIGHBOURHOOD_EDGES,
  },
  defaultListSize: 10,
};
