/**
 * search_entities
 *
 * Finds entities by name, synonym or brand name through the API's full-text `search`, which
 * tolerates typos ("baclofn") and ranks the best match first. Each hit carries the sentence
 * that introduces the entity, and a brand its drug. No hit is NOT_IN_GRAPH, so that the model
 * says the graph does not cover it instead of answering from elsewhere.
 */
import { z } from 'zod';
import { MAX_HITS, MAX_QUERY_LENGTH } from '../../graph/search.js';
import { CITATION_FRAGMENT, CitationShape, renderCitation } from '../citations.js';
import { EntityKindShape, EntityRefShape } from '../shapes.js';
import { defineTool } from '../tool.js';
import { notInGraph } from '../toolError.js';

const SEARCH = `
query McpSearchEntities($query: String!, $kinds: [EntityKind!], $first: Int) {
  search(query: $query, kinds: $kinds, first: $first) {
    score
    matchedField
    matchedText
    entity {
      id kind name description
      citation { ...McpCitation }
      ... on Brand { drug { id kind name } }
    }
  }
}
${CITATION_FRAGMENT}`;

const HitShape = z.object({
  score: z.number(),
  matchedField: z.string().describe('name, synonym or brand'),
  matchedText: z.string(),
  entity: z.object({
    id: z.string(),
    kind: EntityKindShape,
    name: z.string(),
    description: z.string(),
    citation: CitationShape.describe('The sentence that introduces the entity'),
    drug: EntityRefShape.nullable().optional().describe('For a brand: the drug sold under it'),
  }),
});

export const searchEntities = defineTool({
  name: 'search_entities',
  title: 'Search entities',
  description:
    'Find drugs, targets, conditions, effects, brands and other entities of the drug facts graph by name, synonym ' +
    'or brand name, tolerant of typos ("baclofn", "Lioresal"). Returns ids to pass to the other tools, best match ' +
    'first. Start here when you have a name and need an id.',
  input: {
    query: z.string().min(1).max(MAX_QUERY_LENGTH).describe('A name, synonym or brand name, e.g. "Lioresal"'),
    kinds: z.array(EntityKindShape).optional().describe('Only entities of these kinds, e.g. ["Drug"]'),
    first: z.number().int().min(1).max(MAX_HITS).default(10).describe('How many hits'),
  },
  output: { hits: z.array(HitShape) },
  async run(args, reader) {
    const { search } = await reader.read<{ search: z.infer<typeof HitShape>[] }>(SEARCH, args);
    if (search.length === 0) {
      throw notInGraph(
        `Nothing named "${args.query}"${args.kinds ? ` among ${args.kinds.join(', ')}` : ''}`,
        reader.knownVersion,
        'Try another spelling, a synonym or a brand name, or other kinds; if it still finds nothing, the graph does not cover it.',
      );
    }
    const lines = search.map((hit) => {
      const { entity } = hit;
      const brand = entity.drug ? `, a brand of ${entity.drug.name} (${entity.drug.id})` : '';
      return (
        `- ${entity.id} ${entity.kind} "${entity.name}"${brand}: matched ${hit.matchedField} "${hit.matchedText}" ` +
        `(score ${hit.score.toFixed(2)})\n    ${entity.description}\n    ${renderCitation(entity.citation)}`
      );
    });
    return {
      result: { hits: search },
      text: `${search.length} ${search.length === 1 ? 'entity matches' : 'entities match'} "${args.query}":\n${lines.join('\n')}`,
    };
  },
});
