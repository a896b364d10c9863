/**
 * Benchmark workloads
 *
 * W1-W5, each as the operation our API answers and, for W1 and W2, the equivalent for the
 * @neo4j/graphql peer and the raw driver (the very Cypher our resolvers send). The peer cannot
 * resolve brand names or synonyms, so it looks drugs up by id; it selects the same fields.
 */
import { Kind, parse, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { drugProfilesStatement } from '../src/graph/profiles.js';
import { createSchema } from '../src/graphql/schema.js';
import { drugScope } from '../src/graphql/drugScope.js';
import { normalizeName } from '../src/model/normalizeName.js';

/**
 * `ours`: our API with its response cache off (every request reaches Neo4j: the cold path);
 * `warm`: our API as deployed, answering repeats from its response cache; `revalidate`: a GET
 * that sends the ETag it holds and gets 304; `raw`: the driver alone; `peer`: @neo4j/graphql.
 */
export type Target = 'ours' | 'warm' | 'revalidate' | 'raw' | 'peer';

export interface Workload {
  name: string;
  title: string;
  ours: string;
  peer?: string;
  raw?: { cypher: string; params: Record<string, unknown> };
  /** Also measure a 304 revalidation of this workload's answer. */
  revalidate?: boolean;
}

export const BATCH_NAMES = [
  'baclofen',
  'phenibut',
  'pregabalin',
  'gabapentin',
  'GABA',
  'GHB',
  'clonidine',
  'naltrexone',
  'sorbitol',
  'alcohol',
  'Lioresal',
  'Gablofen',
  'Kemstro',
  'Ozobax',
  'Lyvispah',
  'Fleqsuvy',
  'β-phenyl-GABA',
  'ethanol',
  'no-such-drug',
  'γ-hydroxybutyric acid',
];
const BATCH_IDS = [
  'drug:baclofen',
  'drug:phenibut',
  'drug:pregabalin',
  'drug:gabapentin',
  'drug:gaba',
  'drug:ghb',
  'drug:clonidine',
  'drug:naltrexone',
  'drug:sorbitol',
  'drug:alcohol',
  'drug:baclofen',
  'drug:baclofen',
  'drug:baclofen',
  'drug:baclofen',
  'drug:baclofen',
  'drug:baclofen',
  'drug:phenibut',
  'drug:alcohol',
  'drug:none',
  'drug:ghb',
];

const schema = createSchema();

/** The statement our resolver sends for `query`: its lookups, and the scope its selection needs. */
function rawStatement(query: string, names: string[]) {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD) as FieldNode;
  const returnType = schema.getQueryType()!.getFields()[field.name.value]!.type;
  const info = { fieldNodes: [field], fragments: {}, schema, returnType } as unknown as GraphQLResolveInfo;
  const { cypher, params } = drugProfilesStatement(
    names.map((name) => ({ key: normalizeName(name) })),
    drugScope(info),
  );
  return { cypher, params: params ?? {} };
}

const W1_OURS = `{ drug(name: "lioresal") { id name
      targets { target { name } action affinities { value unit stereoisomer citation { statement } } citation { statement section paragraph sentence } }
      analogues { drug { name } difference citation { statement section paragraph sentence } }
      brands { name }
      indications { condition { name } status citation { statement section paragraph sentence } } } }`;
const W2_OURS = `{ drugs(names: ${JSON.stringify(BATCH_NAMES)}) { id name brands { name } } }`;

export const WORKLOADS: Workload[] = [
  {
    name: 'W1',
    title: 'nested drug lookup by name',
    ours: W1_OURS,
    peer: `{ drugs(where: { id: { eq: "drug:baclofen" } }) { id name
      targetsConnection { edges { properties { action citeStatement citeSection citeParagraph citeSentence } node { name } } }
      affinitiesConnection { edges { properties { value unit stereoisomer citeStatement } node { name } } }
      analoguesConnection { edges { properties { difference citeStatement citeSection citeParagraph citeSentence } node { name } } }
      brands { name }
      indicationsConnection { edges { properties { status citeStatement citeSection citeParagraph citeSentence } node { name } } } } }`,
    raw: rawStatement(W1_OURS, ['lioresal']),
    revalidate: true,
  },
  {
    name: 'W2',
    title: 'batch lookup of 20 names',
    ours: W2_OURS,
    peer: `{ drugs(where: { id: { in: ${JSON.stringify(BATCH_IDS)} } }) { id name brands { name } } }`,
    raw: rawStatement(W2_OURS, BATCH_NAMES),
  },
  {
    name: 'W3',
    title: 'full-text search',
    ours: '{ search(query: "baclofn") { entity { id name } score matchedField } }',
  },
  {
    name: 'W4',
    title: 'paths baclofen to GHB',
    ours: '{ paths(from: "drug:baclofen", to: "drug:ghb") { length hops { type direction citation { statement } } } }',
  },
  {
    name: 'W5',
    title: 'neighbourhood of depth 2',
    ours: '{ neighbourhood(id: "drug:baclofen", depth: 2) { nodes { id kind name } edges { type source target } } }',
  },
];
