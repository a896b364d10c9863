/**
 * find_paths
 *
 * The API's `paths`: the shortest chains of cited statements between two entities, best
 * supported first, each hop with every statement linking its two entities and all of their
 * evidence. Negative statements (no significant affinity, not recommended) are walked only
 * when asked. The cost model prices long and many paths; beyond its limit the API's refusal
 * says to ask for fewer.
 */
import { z } from 'zod';
import { LIMITS } from '../../graphql/researchResolvers.js';
import { BRIEF_CITATION_FRAGMENT, CitationShape, QualifierShape, renderQualifiers } from '../citations.js';
import { resolveEntity } from '../resolveEntity.js';
import { counted, EntityRefShape, RelationTypeShape, renderEvidence } from '../shapes.js';
import { defineTool } from '../tool.js';

const PATHS = `
query McpFindPaths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $relationTypes: [RelationType!], $includeNegative: Boolean) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: $first, relationTypes: $relationTypes, includeNegative: $includeNegative) {
    id
    length
    evidenceCount
    nodes { id kind name }
    hops {
      id
      from { id kind name }
      to { id kind name }
      statements {
        id source target type polarity evidenceCount
        qualifiers { key value }
        citations { ...McpCitation }
      }
    }
  }
}
${BRIEF_CITATION_FRAGMENT}`;

const EdgeShape = z.object({
  id: z.string().describe('The statement id'),
  source: z.string().describe('Subject entity id'),
  target: z.string().describe('Object entity id'),
  type: RelationTypeShape,
  polarity: z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL']),
  evidenceCount: z.number().int(),
  qualifiers: z.array(QualifierShape),
  citations: z.array(CitationShape),
});

const PathShape = z.object({
  id: z.string(),
  length: z.number().int(),
  evidenceCount: z.number().int().describe('Sentences supporting the path, all hops together'),
  nodes: z.array(EntityRefShape),
  hops: z.array(
    z.object({
      id: z.string(),
      from: EntityRefShape,
      to: EntityRefShape,
      statements: z.array(EdgeShape).describe('Every statement linking the two entities, best supported first'),
    }),
  ),
});
type Path = z.infer<typeof PathShape>;

function renderPath(path: Path, index: number): string {
  const lines = [
    `Path ${index + 1}: ${path.nodes.map((n) => n.name).join(' - ')} (${counted(path.evidenceCount, 'sentence')})`,
  ];
  for (const hop of path.hops) {
    for (const s of hop.statements) {
      const names = new Map([hop.from, hop.to].map((e) => [e.id, e.name]));
      lines.push(
        `- ${names.get(s.source) ?? s.source} ${s.type} ${names.get(s.target) ?? s.target}${renderQualifiers(s.qualifiers)} [${s.id}]`,
        renderEvidence(s.citations),
      );
    }
  }
  return lines.join('\n');
}

export const findPaths = defineTool({
  name: 'find_paths',
  title: 'Find paths',
  description:
    'How two entities are connected: the shortest chains of cited statements between them (e.g. baclofen to GHB ' +
    'through the GABAB receptor), fewest hops and best supported first, each hop with every statement linking ' +
    'its two entities and their citations. Entities by id, or drugs by name.',
  input: {
    from: z.string().min(1).max(200).describe('Start entity id, or a drug name'),
    to: z.string().min(1).max(200).describe('End entity id, or a drug name'),
    maxHops: z.number().int().min(1).max(LIMITS.maxHops).default(3).describe('Longest path considered'),
    first: z.number().int().min(1).max(LIMITS.paths).default(5).describe('How many paths'),
    relationTypes: z.array(RelationTypeShape).optional().describe('Only hops over these relationship types'),
    includeNegative: z
      .boolean()
      .default(false)
      .describe('Also walk negative statements (no significant affinity, not recommended)'),
  },
  output: { from: EntityRefShape, to: EntityRefShape, paths: z.array(PathShape) },
  async run(args, reader) {
    const from = await resolveEntity(reader, args.from);
    const to = await resolveEntity(reader, args.to);
    const { paths } = await reader.read<{ paths: Path[] }>(PATHS, {
      ...args,
      from: from.id,
      to: to.id,
      relationTypes: args.relationTypes ?? null,
    });
    const head = paths.length
      ? `${counted(paths.length, 'path')} from ${from.name} (${from.id}) to ${to.name} (${to.id}):`
      : `No path of at most ${args.maxHops} hops links ${from.name} (${from.id}) and ${to.name} (${to.id}) in the graph.`;
    return { result: { from, to, paths }, text: [head, ...paths.map(renderPath)].join('\n') };
  },
});
