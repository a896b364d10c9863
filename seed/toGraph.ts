/**
 * From seed data to graph rows
 *
 * Turns checked seed data into the rows the loader writes: one row per node or relationship,
 * with ids derived from content so that the same data always gives the same graph, and a data
 * version that is the hash of all of it.
 */
import { createHash } from 'node:crypto';
import { normalizeName } from '../src/graph/normalizeName.js';
import type { ArticleCitation, EntityKind, Literal, Predicate, Relation } from './model.js';
import type { SeedData } from './checkSeed.js';
import type {
  StoredCitation,
  StoredEntity,
  StoredIdentifier,
  StoredLiteral,
  StoredRelation,
  StoredSource,
} from '../src/graph/storedShapes.js';

/**
 * Rows of nodes that can change in place carry `hash`, the hash of everything stored for them,
 * so the loader can tell a changed node from an unchanged one without comparing properties.
 * Relationships need none: a fact's id is already its content.
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
  subject: string;
  object: string;
  props: StoredRelation;
}

const hash = (value: unknown, length = 16) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, length);

/** A relationship's id is its content: the same statement always gets the same id. */
export const relationFactId = (r: Relation) =>
  `fact:${hash([r.subject, r.predicate, r.object, r.qualifiers, r.citation])}`;

/**
 * A literal's id is its content, like a relationship's. The comparator is left out (ids already
 * published stay as they are), so two literals that differ only in it share an id; checkSeed
 * refuses them as a duplicate rather than let the loader merge them into one node.
 */
export const literalId = (l: Literal) =>
  `literal:${hash([l.subject, l.attribute, l.value, l.low, l.high, l.unit, l.qualifiers, l.citation])}`;

/** Citation fields as stored on a node or relationship; the API reads the same names. */
export function citationProps(source: string, citation: ArticleCitation): StoredCitation {
  return {
    citeSource: source,
    citeSection: citation.section,
    citeParagraph: citation.paragraph,
    citeSentence: citation.sentence,
    citeStatement: citation.statement,
    citeHedge: citation.hedge ?? null,
  };
}

/** Adds the content hash of a node row: its properties and, for facts, what they hang on. */
function hashed<T extends { props: object; subject?: string }>(row: T): T & { hash: string } {
  return { ...row, hash: hash([row.subject ?? null, row.props]) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function toGraph(data: SeedData): GraphRows {
  const strip = <T extends { at: unknown }>({ at: _at, ...rest }: T) => rest;
  const version = hash(
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
          ...citationProps(e.source, e.citation),
        },
      }),
    );
    const keys = new Set([e.name, ...e.synonyms].map(normalizeName));
    for (const key of keys) names.push({ key, entity: e.id });
  }

  const relations = new Map<Predicate, RelationRow[]>();
  for (const r of data.relations) {
    const factId = relationFactId(r);
    push(relations, r.predicate, {
      factId,
      subject: r.subject,
      object: r.object,
      props: {
        factId,
        qualifierKeys: Object.keys(r.qualifiers).sort(),
        ...r.qualifiers,
        ...citationProps(r.source, r.citation),
      },
    });
  }

  const literals = data.literals.map((l) => {
    const id = literalId(l);
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
        qualifiers: JSON.stringify(l.qualifiers),
        ...citationProps(l.source, l.citation),
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
