/**
 * timeline
 *
 * The API's `timeline`: events in date order (undated ones last), optionally one entity's and
 * within years, each with the sentence that introduces it (and dates it) and its participants,
 * each participation with its evidence.
 */
import { z } from 'zod';
import { BRIEF_CITATION_FRAGMENT, CitationShape } from '../citations.js';
import { resolveEntity } from '../resolveEntity.js';
import { counted, EntityRefShape, renderEvidence } from '../shapes.js';
import { defineTool } from '../tool.js';

const TIMELINE = `
query McpTimeline($entity: ID, $from: Int, $to: Int) {
  timeline(entity: $entity, from: $from, to: $to) {
    id name description date year endYear
    citation { ...McpCitation }
    participants { id statementId role entity { id kind name } citations { ...McpCitation } }
  }
}
${BRIEF_CITATION_FRAGMENT}`;

const EventShape = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  date: z.string().nullable().describe('ISO text: YYYY, YYYY-MM or YYYY-MM-DD; null when undated'),
  year: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
  citation: CitationShape.describe('The sentence that introduces the event'),
  participants: z.array(
    z.object({
      id: z.string(),
      statementId: z.string(),
      role: z.string(),
      entity: EntityRefShape,
      citations: z.array(CitationShape),
    }),
  ),
});
type Event = z.infer<typeof EventShape>;

function renderEvent(event: Event): string {
  const when = event.date === null ? 'undated' : event.endYear ? `${event.date}-${event.endYear}` : event.date;
  return [
    `- ${when}: ${event.name} (${event.id}). ${event.description}`,
    renderEvidence([event.citation]),
    ...event.participants.map(
      (p) => `    ${p.entity.name}: ${p.role} [${p.statementId}]\n${renderEvidence(p.citations, '      ')}`,
    ),
  ].join('\n');
}

export const timeline = defineTool({
  name: 'timeline',
  title: 'Timeline',
  description:
    'Events in date order (synthesis, approvals, introductions, publications, ...), optionally only those an entity ' +
    'took part in and within years, each with the sentence that dates it and who took part, all cited.',
  input: {
    entity: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Only events this entity took part in: an id or a drug name'),
    from: z.number().int().optional().describe('First year included'),
    to: z.number().int().optional().describe('Last year included'),
  },
  output: { entity: EntityRefShape.nullable(), events: z.array(EventShape) },
  async run(args, reader) {
    const entity = args.entity === undefined ? null : await resolveEntity(reader, args.entity);
    const { timeline: events } = await reader.read<{ timeline: Event[] }>(TIMELINE, {
      entity: entity?.id ?? null,
      from: args.from ?? null,
      to: args.to ?? null,
    });
    const years =
      args.from !== undefined || args.to !== undefined ? ` from ${args.from ?? '...'} to ${args.to ?? '...'}` : '';
    const head = `${counted(events.length, 'event')}${entity ? ` of ${entity.name} (${entity.id})` : ''}${years}:`;
    return { result: { entity, events }, text: [head, ...events.map(renderEvent)].join('\n') };
  },
});
