/**
 * Entity projections
 *
 * How every Cypher query returns a stored entity, written once: in full (everything the API can
 * show of it, its introducing citation whole) or brief (what a selection naming only ids, names
 * and dates needs). The field lists are typed against the stored shapes, so a property added to
 * an entity or a citation cannot be forgotten by one query while another returns it (a
 * neighbour's citation once lost its id that way, and every client cache merged them into one).
 */
import type { StoredCitation, StoredEntity } from '../model/storedShapes.js';

/** Every stored citation field: the compiler refuses this table if one is missing. */
const CITATION_FIELDS: Record<keyof StoredCitation, true> = {
  citeId: true,
  citeSource: true,
  citeSection: true,
  citeParagraph: true,
  citeSentence: true,
  citeStatement: true,
  citeHedge: true,
  citeReading: true,
  citeFile: true,
  citeLine: true,
  citeRecordKey: true,
  citeRecordFields: true,
};

/** The search texts are the loader's, for the full-text index; the API never shows them. */
type SearchText = 'synonymsText' | 'brandNames';

/** Every entity field the API can show, its citation included. */
const ENTITY_FIELDS: Record<Exclude<keyof StoredEntity, keyof StoredCitation | SearchText>, true> = {
  id: true,
  kind: true,
  name: true,
  synonyms: true,
  aliasesJson: true,
  description: true,
  year: true,
  month: true,
  day: true,
  endYear: true,
  disagreementsJson: true,
};

/** What a brief entity holds (src/graphql/drugScope.ts answers these fields from it). */
export const BRIEF_ENTITY_FIELDS = ['id', 'kind', 'name', 'year', 'month', 'day', 'endYear'] as const;

const FULL = [...Object.keys(ENTITY_FIELDS), ...Object.keys(CITATION_FIELDS)];

const mapProjection = (variable: string, fields: readonly string[]) =>
  `${variable} {${fields.map((f) => `.${f}`).join(', ')}}`;

/** The date fields of a brief entity; a dated entity always has a year (the seed's Entity). */
const DATE_FIELDS = new Set<string>(['year', 'month', 'day', 'endYear']);

/**
 * The Cypher map projection of entity `variable`, in full or brief; `extra` adds stored fields.
 * A brief entity without a date leaves its date fields out rather than send four nulls (the
 * resolvers read a missing field as null): a neighbourhood has hundreds of brief entities, and
 * unpacking their nulls took a tenth of its CPU.
 */
export function entityProjection(
  variable: string,
  form: 'full' | 'brief',
  extra: readonly (keyof StoredEntity)[] = [],
): string {
  if (form === 'full') return mapProjection(variable, [...FULL, ...extra]);
  const dated = mapProjection(variable, [...BRIEF_ENTITY_FIELDS, ...extra]);
  const undated = mapProjection(variable, [...BRIEF_ENTITY_FIELDS.filter((f) => !DATE_FIELDS.has(f)), ...extra]);
  return `CASE WHEN ${variable}.year IS NULL THEN ${undated} ELSE ${dated} END`;
}
