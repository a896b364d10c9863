/**
 * find_by_identifier
 *
 * Entities by their identifiers in one registry or dataset, from the API's `entitiesByIdentifier`
 * (one request for all the values): a gene by its Entrez Gene id, a condition by its Disease
 * Ontology id, a drug by its DrugBank id, ... Each value answers the entity that holds it, with
 * the sentence or record introducing it and all of its identifiers (each with its source), or
 * says it is not in the graph; none found is NOT_IN_GRAPH.
 */
import { z } from 'zod';
import { MAX_BATCH } from '../../graphql/lookupResolvers.js';
import { IDENTIFIER_NAMESPACES } from '../../model/vocabulary.js';
import { CITATION_FRAGMENT, CitationShape, renderCitation } from '../citations.js';
import { EntityKindShape, IDENTIFIER_FIELDS, IdentifierShape, renderIdentifier } from '../shapes.js';
import { defineTool } from '../tool.js';
import { notInGraph } from '../toolError.js';

const LOOKUP = `
query McpFindByIdentifier($namespace: IdentifierNamespace!, $values: [String!]!) {
  entitiesByIdentifier(namespace: $namespace, values: $values) {
    id kind name description
    citation { ...McpCitation }
    identifiers { ${IDENTIFIER_FIELDS} }
  }
}
${CITATION_FRAGMENT}`;

const FoundShape = z.object({
  id: z.string(),
  kind: EntityKindShape,
  name: z.string(),
  description: z.string(),
  citation: CitationShape.describe('The sentence or dataset record that introduces it'),
  identifiers: z.array(IdentifierShape).describe('All of its identifiers, each cited to its source'),
});
type Found = z.infer<typeof FoundShape>;

export const findByIdentifier = defineTool({
  name: 'find_by_identifier',
  title: 'Find by identifier',
  description:
    'Find entities by their identifier in a registry or dataset: a drug by DrugBank (DB00181), PubChem, ChEBI, ' +
    'ATC, ...; a gene-level target by Entrez Gene (781) or gene symbol; a condition by Disease Ontology ' +
    '(DOID:2377); a class, condition or effect by MeSH, UMLS or NDF-RT. Returns each entity with its id for the ' +
    'other tools and all of its identifiers, each with its source.',
  input: {
    namespace: z.enum(IDENTIFIER_NAMESPACES).describe('The registry or dataset, e.g. ENTREZ_GENE or DOID'),
    values: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(MAX_BATCH)
      .describe('Identifiers as the registry writes them, e.g. ["781"] or ["DOID:2377"]'),
  },
  output: {
    namespace: z.enum(IDENTIFIER_NAMESPACES),
    matches: z
      .array(z.object({ value: z.string(), entity: FoundShape.nullable().describe('Null: not in the graph') }))
      .describe('One per value asked, in order'),
  },
  async run(args, reader) {
    const { entitiesByIdentifier } = await reader.read<{ entitiesByIdentifier: (Found | null)[] }>(LOOKUP, args);
    const matches = args.values.map((value, at) => ({ value, entity: entitiesByIdentifier[at] ?? null }));
    if (matches.every((m) => m.entity === null)) {
      throw notInGraph(
        `${args.values.length === 1 ? 'The identifier' : 'Each of the identifiers'} ${args.namespace} ${args.values.join(', ')}`,
        reader.knownVersion,
        'Check the namespace and how the registry writes the value, or call search_entities with a name.',
      );
    }
    const lines = matches.map(({ value, entity }) =>
      entity
        ? [
            `${args.namespace} ${value}: ${entity.name} (${entity.id}, ${entity.kind}): ${entity.description}`,
            `    ${renderCitation(entity.citation)}`,
            '  Identifiers:',
            ...entity.identifiers.map((i) => `  ${renderIdentifier(i)}`),
          ].join('\n')
        : `${args.namespace} ${value}: not in the graph`,
    );
    return { result: { namespace: args.namespace, matches }, text: lines.join('\n') };
  },
});
