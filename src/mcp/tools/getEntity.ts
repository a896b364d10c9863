/**
 * get_entity
 *
 * An entity's profile from the API's `entity`: what it is (with the sentence introducing it),
 * its other names each with the sentence using it, every statement it takes part in grouped by
 * relationship type and direction, its literal facts (half-life, molecular weight, ...) and its
 * identifiers in registries and datasets (any kind of entity: a drug's DrugBank id, a target's
 * Entrez Gene id, a condition's DOID), each statement with all of its evidence and each
 * identifier with its source. `types` narrows it to some relationship types (and leaves out
 * names, literals and identifiers).
 */
import { z } from 'zod';
import { BRIEF_CITATION_FRAGMENT, CitationShape, QualifierShape, renderQualifiers } from '../citations.js';
import { resolveEntity } from '../resolveEntity.js';
import {
  EntityKindShape,
  IDENTIFIER_FIELDS,
  IdentifierShape,
  RELATION_FIELDS,
  RelationShape,
  RelationTypeShape,
  renderEvidence,
  renderIdentifier,
  renderRelation,
  type Identifier,
  type Relation,
} from '../shapes.js';
import { defineTool } from '../tool.js';

const QUANTITY_FIELDS =
  'id attribute value low high unit text comparator qualifiers { key value } citations { ...McpCitation }';

const ENTITY = `
query McpGetEntity($id: ID!, $types: [RelationType!], $all: Boolean!) {
  entity(id: $id) {
    id kind name description synonyms
    citation { ...McpCitation }
    aliases @include(if: $all) { id name citations { ...McpCitation } }
    relations(types: $types) { ${RELATION_FIELDS} }
    identifiers @include(if: $all) { ${IDENTIFIER_FIELDS} }
    ... on Drug {
      properties @include(if: $all) { ${QUANTITY_FIELDS} }
    }
    ... on Event {
      date endYear
      properties @include(if: $all) { ${QUANTITY_FIELDS} }
    }
  }
}
${BRIEF_CITATION_FRAGMENT}`;

const QuantityShape = z.object({
  id: z.string(),
  attribute: z.string(),
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  unit: z.string().nullable(),
  text: z.string().nullable(),
  comparator: z.string().nullable(),
  qualifiers: z.array(QualifierShape),
  citations: z.array(CitationShape),
});
type Quantity = z.infer<typeof QuantityShape>;

const AliasShape = z.object({ id: z.string(), name: z.string(), citations: z.array(CitationShape) });

const GroupShape = z.object({
  type: RelationTypeShape,
  direction: z.enum(['OUTGOING', 'INCOMING']).describe('OUTGOING: the entity is the subject'),
  statements: z.array(RelationShape),
});

interface EntityAnswer {
  id: string;
  kind: z.infer<typeof EntityKindShape>;
  name: string;
  description: string;
  synonyms: string[];
  citation: z.infer<typeof CitationShape>;
  aliases?: z.infer<typeof AliasShape>[];
  relations: Relation[];
  properties?: Quantity[];
  identifiers?: Identifier[];
  date?: string | null;
  endYear?: number | null;
}

/** Relations grouped by type and direction, in the order the API lists them. */
function groupRelations(relations: readonly Relation[]): z.infer<typeof GroupShape>[] {
  const groups = new Map<string, z.infer<typeof GroupShape>>();
  for (const relation of relations) {
    const key = `${relation.type} ${relation.direction}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { type: relation.type, direction: relation.direction, statements: [] }));
    group.statements.push(relation);
  }
  return [...groups.values()];
}

function renderQuantity(q: Quantity): string {
  const amount =
    q.text ?? (q.value !== null ? String(q.value) : `${q.low ?? ''}-${q.high ?? ''}`) + (q.unit ? ` ${q.unit}` : '');
  const comparator = q.comparator ? `${q.comparator} ` : '';
  return `- ${q.attribute}: ${comparator}${amount}${renderQualifiers(q.qualifiers)} [${q.id}]\n${renderEvidence(q.citations)}`;
}

export const getEntity = defineTool({
  name: 'get_entity',
  title: 'Get an entity',
  description:
    "An entity's profile with every statement about it and each statement's citations (article sentences or " +
    'dataset records): for a drug its targets, uses, effects, interactions, analogues, brands, routes, history, ' +
    'literal facts (half-life, ...); for any entity its identifiers in registries and datasets (DrugBank, Entrez ' +
    'Gene, DOID, MeSH, ...), each with its source. Give an id from search_entities or find_by_identifier, or a ' +
    'drug name. A drug has many statements: pass `types` (e.g. ["ACTS_ON", "INDICATED_FOR"]) to read only some.',
  input: {
    entity: z.string().min(1).max(200).describe('An entity id (drug:baclofen) or a drug name, synonym or brand'),
    types: z
      .array(RelationTypeShape)
      .optional()
      .describe('Only statements of these relationship types; names, literal facts and identifiers are then left out'),
  },
  output: {
    entity: z.object({
      id: z.string(),
      kind: EntityKindShape,
      name: z.string(),
      description: z.string(),
      synonyms: z.array(z.string()),
      citation: CitationShape.describe('The sentence that introduces it'),
      date: z.string().nullable().optional().describe('For an event: its date as ISO text'),
      endYear: z.number().int().nullable().optional(),
    }),
    aliases: z.array(AliasShape).describe('Other names, each with the sentence that uses it'),
    statements: z.array(GroupShape).describe('Every statement about it, grouped by relationship type and direction'),
    properties: z.array(QuantityShape).describe('Literal facts: numbers with units, ranges, texts'),
    identifiers: z
      .array(IdentifierShape)
      .describe('Identifiers in registries and datasets, for every kind of entity, each cited to its source'),
  },
  async run(args, reader) {
    const { id } = await resolveEntity(reader, args.entity);
    const { entity } = await reader.read<{ entity: EntityAnswer }>(ENTITY, {
      id,
      types: args.types ?? null,
      all: args.types === undefined,
    });
    const { aliases = [], relations, properties = [], identifiers = [], ...own } = entity;
    const statements = groupRelations(relations);
    const lines = [
      `${own.name} (${own.id}, ${own.kind}): ${own.description}`,
      renderEvidence([own.citation], '  '),
      ...(aliases.length ? ['Other names:', ...aliases.map((a) => `- ${a.name}\n${renderEvidence(a.citations)}`)] : []),
      ...statements.flatMap((g) => [
        `${g.type} (${g.direction === 'OUTGOING' ? `${own.name} is the subject` : `${own.name} is the object`}), ${g.statements.length}:`,
        ...g.statements.map((r) => renderRelation(r, own.name)),
      ]),
      ...(properties.length ? ['Literal facts:', ...properties.map(renderQuantity)] : []),
      ...(identifiers.length ? ['Identifiers:', ...identifiers.map(renderIdentifier)] : []),
    ];
    return { result: { entity: own, aliases, statements, properties, identifiers }, text: lines.join('\n') };
  },
});
