/**
 * From seed data to graph rows
 *
 * Turns checked seed data into the rows the loader writes: one row per node or relationship,
 * with ids derived from content so that the same data always gives the same graph, and a data
 * version that is the hash of all of it. Sentences that make the same claim become the evidence
 * of one statement (one relationship, or one literal node): its qualifiers are those of its first
 * sentence, with any key that sentence lacks taken from the next that has it, and each piece of
 * evidence keeps the qualifiers its own sentence gives.
 */
import { storedCitation } from '../src/model/citations.js';
import type { ArticleCitation } from '../src/model/seedDocuments.js';
import { normalizeName } from '../src/model/normalizeName.js';
import type { Predicate } from '../src/model/predicates.js';
import type {
  QualifierValue,
  StoredEntity,
  StoredEvidence,
  StoredIdentifier,
  StoredLiteral,
  StoredRelation,
  StoredSource,
} from '../src/model/storedShapes.js';
import type { EntityKind } from '../src/model/vocabulary.js';
import type { SeedData } from './checkSeed.js';
import {
  contentHash,
  entityEvidenceId,
  literalEvidenceId,
  literalStatementId,
  relationEvidenceId,
  relationStatementId,
} from './contentIds.js';

/**
 * Rows carry `hash`, the hash of everything stored for them, so the loader can tell a changed
 * node or relationship from an unchanged one without comparing properties (a statement's id is
 * its claim, not its evidence, so the same id can come with new evidence).
 */
export interface GraphRows {
  version: string;
  sources: { id: string; hash: string; props: StoredSource }[];
  entities: Map<EntityKind, { id: string; hash: string; props: StoredEntity }[]>;
  names: { key: string; entity: string }[];
  relations: Map<Predicate, RelationRow[]>;
  literals: { id: string; subject: string; hash: string; props: StoredLiteral }[];
  identifiers: { key: string; subject: string; hash: string; props: StoredIdentifier }[];
}

export interface RelationRow {
  factId: string;
  hash: string;
  subject: string;
  object: string;
  props: StoredRelation;
}

/** Adds the content hash of a node row: its properties and, for facts, what they hang on. */
function hashed<T extends { props: object; subject?: string }>(row: T): T & { hash: string } {
  return { ...row, hash: contentHash([row.subject ?? null, row.props]) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Sentences grouped by the statement they support, in data order. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) push(groups, key(item), item);
  return groups;
}

/** A statement's qualifiers: its first sentence's, with keys it lacks filled from later ones. */
function mergedQualifiers(members: { qualifiers: Record<string, QualifierValue> }[]): Record<string, QualifierValue> {
  const merged: Record<string, QualifierValue> = {};
  for (const m of members) for (const [k, v] of Object.entries(m.qualifiers)) if (!(k in merged)) merged[k] = v;
  return merged;
}

/** The stored citation of a statement: its first evidence's fields, and every evidence as JSON. */
function statementCitation(
  members: { source: string; citation: ArticleCitation; qualifiers: Record<string, QualifierValue>; id: string }[],
) {
  const evidence: StoredEvidence[] = members.map((m) => ({
    ...storedCitation(m.source, m.citation, m.id),
    citeId: m.id,
    // What one sentence alone says matters only beside others; a lone sentence's are the statement's.
    citeQualifiers: members.length > 1 ? m.qualifiers : {},
  }));
  const { citeQualifiers: _, ...first } = evidence[0]!;
  return {
    ...first,
    evidence: JSON.stringify(evidence),
    evidenceCount: members.length,
    directEvidenceCount: members.filter((m) => m.citation.reading !== 'inference').length,
  };
}

export function toGraph(data: SeedData): GraphRows {
  const strip = <T extends { at: unknown }>({ at: _at, ...rest }: T) => rest;
  const version = contentHash(
    {
      sources: data.sources,
      entities: data.entities.map(strip),
      relations: data.relations.map(strip),
      literals: data.literals.map(strip),
      identifiers: data.identifiers.map(strip),
    },
    24,
  );

  const brandNamesOf = new Map<string, string[]>();
  const nameOf = new Map(data.entities.map((e) => [e.id, e.name]));
  for (const r of data.relations) {
    if (r.predicate === 'BRAND_OF') push(brandNamesOf, r.object, nameOf.get(r.subject)!);
  }

  const entities: GraphRows['entities'] = new Map();
  const names: GraphRows['names'] = [];
  for (const e of data.entities) {
    push(
      entities,
      e.kind,
      hashed({
        id: e.id,
        props: {
          id: e.id,
          kind: e.kind,
          name: e.name,
          synonyms: e.synonyms,
          description: e.description,
          synonymsText: e.synonyms.join(' | '),
          brandNames: (brandNamesOf.get(e.id) ?? []).join(' | '),
          year: e.date?.year ?? null,
          month: e.date?.month ?? null,
          day: e.date?.day ?? null,
          endYear: e.date?.endYear ?? null,
          ...storedCitation(e.source, e.citation, entityEvidenceId(e)),
        },
      }),
    );
    const keys = new Set([e.name, ...e.synonyms].map(normalizeName));
    for (const key of keys) names.push({ key, entity: e.id });
  }

  const relations = new Map<Predicate, RelationRow[]>();
  for (const [factId, members] of groupBy(data.relations, relationStatementId)) {
    const r = members[0]!;
    const qualifiers = mergedQualifiers(members);
    const props = {
      factId,
      qualifierKeys: Object.keys(qualifiers).sort(),
      ...qualifiers,
      ...statementCitation(members.map((m) => ({ ...m, id: relationEvidenceId(m) }))),
    };
    push(relations, r.predicate, { factId, subject: r.subject, object: r.object, hash: contentHash(props), props });
  }

  const literals = [...groupBy(data.literals, literalStatementId)].map(([id, members]) => {
    const l = members[0]!;
    return hashed({
      id,
      subject: l.subject,
      props: {
        id,
        attribute: l.attribute,
        numberValue: typeof l.value === 'number' ? l.value : null,
        textValue: typeof l.value === 'string' ? l.value : null,
        low: l.low ?? null,
        high: l.high ?? null,
        unit: l.unit ?? null,
        comparator: l.comparator ?? null,
        qualifiers: JSON.stringify(mergedQualifiers(members)),
        ...statementCitation(members.map((m) => ({ ...m, id: literalEvidenceId(m) }))),
      },
    });
  });

  const identifiers = data.identifiers.map((i) =>
    hashed({
      key: `${i.namespace}:${i.value}`,
      subject: i.subject,
      props: {
        key: `${i.namespace}:${i.value}`,
        namespace: i.namespace,
        value: i.value,
        url: i.url,
        citeSource: i.source,
      },
    }),
  );

  const sources = data.sources.map((s) => hashed({ id: s.id, props: { ...s } }));
  return { version, sources, entities, names, relations, literals, identifiers };
}

/** How many sentences state these statements (relationship or literal rows), all together. */
export const evidenceTotal = (rows: { props: { evidenceCount?: number | null } }[]) =>
  rows.reduce((n, r) => n + (r.props.evidenceCount ?? 1), 0);
