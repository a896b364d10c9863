/**
 * From seed data to graph rows
 *
 * Turns checked seed data into the rows the loader writes: one row per node or relationship,
 * with ids derived from content so that the same data always gives the same graph, and a data
 * version that is the hash of all of it.
 */
import { storedCitation } from '../src/model/citations.js';
import { normalizeName } from '../src/model/normalizeName.js';
import type { Predicate } from '../src/model/predicates.js';
import type {
  StoredEntity,
  StoredIdentifier,
  StoredLiteral,
  StoredRelation,
  StoredSource,
} from '../src/model/storedShapes.js';
import type { EntityKind } from '../src/model/vocabulary.js';
import type { SeedData } from './checkSeed.js';
import { contentHash, literalId, relationFactId } from './contentIds.js';

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

/** Adds the content hash of a node row: its properties and, for facts, what they hang on. */
function hashed<T extends { props: object; subject?: string }>(row: T): T & { hash: string } {
  return { ...row, hash: contentHash([row.subject ?? null, row.props]) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
          ...storedCitation(e.source, e.citation),
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
        ...storedCitation(r.source, r.citation),
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
        ...storedCitation(l.source, l.citation),
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
