/**
 * From seed data to graph rows
 *
 * Turns checked seed data into the rows the loader writes: one row per node or relationship,
 * with ids derived from content so that the same data always gives the same graph, and a data
 * version that is the hash of all of it. Sentences that make the same claim become the evidence
 * of one statement (one relationship, or one literal node): its qualifiers are those all of its
 * sentences agree on, and each piece of evidence keeps what its own sentence says beyond them.
 */
import { aliasStatement, synonymLocator, synonymName } from '../src/model/aliases.js';
import { storedCitation } from '../src/model/citations.js';
import { isRecordCitation, type SeedCitation, type Source } from '../src/model/seedDocuments.js';
import { normalizeName } from '../src/model/normalizeName.js';
import type { Predicate } from '../src/model/predicates.js';
import type {
  StoredDisagreement,
  QualifierValue,
  StoredAlias,
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
  aliasEvidenceId,
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

/** Whether two qualifier values say the same (lists item by item). */
const sameValue = (a: QualifierValue | undefined, b: QualifierValue | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * A statement's own qualifiers: those every one of its sentences gives with the same value. A
 * qualifier that some sentence lacks or words differently is that sentence's nuance, kept on its
 * evidence, so the statement never joins what one sentence says to what another says.
 */
export function agreedQualifiers(
  members: { qualifiers: Record<string, QualifierValue> }[],
): Record<string, QualifierValue> {
  const [first, ...rest] = members;
  return Object.fromEntries(
    Object.entries(first?.qualifiers ?? {}).filter(([key, value]) =>
      rest.every((m) => sameValue(m.qualifiers[key], value)),
    ),
  );
}

/** What one sentence says beyond its statement's own qualifiers. */
const ownQualifiers = (qualifiers: Record<string, QualifierValue>, agreed: Record<string, QualifierValue>) =>
  Object.fromEntries(Object.entries(qualifiers).filter(([key]) => !(key in agreed)));

/** The stored citation of a statement: its first evidence's fields, and every evidence as JSON. */
function statementCitation(
  members: { source: string; citation: SeedCitation; qualifiers: Record<string, QualifierValue>; id: string }[],
  agreed: Record<string, QualifierValue>,
) {
  const evidence: StoredEvidence[] = members.map((m) => ({
    ...storedCitation(m.source, m.citation, m.id),
    citeId: m.id,
    citeQualifiers: ownQualifiers(m.qualifiers, agreed),
  }));
  const { citeQualifiers: _, ...first } = evidence[0]!;
  return {
    ...first,
    citeEvidence: JSON.stringify(evidence),
    evidenceCount: members.length,
    directEvidenceCount: members.filter((m) => isRecordCitation(m.citation) || m.citation.reading !== 'inference')
      .length,
  };
}

/** Each synonym of an entity, cited to the sentence where the article uses it. */
function aliasesOf(e: SeedData['entities'][number]): StoredAlias[] {
  const { citation } = e;
  if (isRecordCitation(citation)) return [];
  return e.synonyms.map((synonym) => {
    const name = synonymName(synonym);
    const at = synonymLocator(synonym, citation);
    const id = aliasEvidenceId(e.id, name, at);
    return { name, ...storedCitation(e.source, { ...at, statement: aliasStatement(name, e.name) }, id), citeId: id };
  });
}

/**
 * What the full-text index reads besides the name: the synonyms, and each name that has Greek
 * letters also spelt out (α2δ as alpha2delta), because a search spells its text out the same
 * way (normalizeName) before it reaches Lucene, which would otherwise never match the letters.
 */
function searchText(name: string, aliases: StoredAlias[]): string {
  const names = [name, ...aliases.map((a) => a.name)];
  const spelledOut = names.filter((n) => /\p{Script=Greek}/u.test(n)).map(normalizeName);
  return [...new Set([...names.slice(1), ...spelledOut])].join(' | ');
}

/**
 * The version of how rows are stored: part of the data version, so a graph stored in an older
 * form is reloaded even when the seed data is the same (4: the Meta stamp counts each source).
 */
export const STORAGE_FORMAT = 4;

/** A source as stored: its origin flattened (Neo4j properties cannot hold maps), nothing absent written. */
function storedSource({ origin, folder: _folder, ...source }: Source): StoredSource {
  const flat = {
    ...source,
    originRepository: origin?.repository,
    originCommit: origin?.commit,
    originPath: origin?.path,
  };
  return Object.fromEntries(Object.entries(flat).filter(([, v]) => v !== undefined)) as unknown as StoredSource;
}

/** Each subject's disagreements, with the ids of every statement of the claims they name. */
function storedDisagreements(data: SeedData): Map<string, StoredDisagreement[]> {
  const claim = (subject: string, predicate: string, object: string) => `${subject} ${predicate} ${object}`;
  // Only the claims a disagreement names: hashing every relation's id would cost a large load dearly.
  const statementsOf = new Map<string, string[]>(
    data.disagreements.flatMap((d) => d.statements.map((s) => [claim(d.subject, s.predicate, s.object), []])),
  );
  for (const r of data.relations) {
    const ids = statementsOf.get(claim(r.subject, r.predicate, r.object));
    if (!ids) continue;
    const id = relationStatementId(r);
    if (!ids.includes(id)) ids.push(id);
  }
  const bySubject = new Map<string, StoredDisagreement[]>();
  for (const d of data.disagreements) {
    const statements = d.statements.flatMap((s) => statementsOf.get(claim(d.subject, s.predicate, s.object))!);
    push(bySubject, d.subject, { id: `disagreement:${contentHash(statements)}`, note: d.note, statements });
  }
  return bySubject;
}

export function toGraph(data: SeedData): GraphRows {
  const strip = <T extends { at: unknown }>({ at: _at, ...rest }: T) => rest;
  const version = contentHash(
    {
      storageFormat: STORAGE_FORMAT,
      sources: data.sources,
      entities: data.entities.map(strip),
      relations: data.relations.map(strip),
      literals: data.literals.map(strip),
      identifiers: data.identifiers.map(strip),
      disagreements: data.disagreements.map(strip),
    },
    24,
  );

  const disagreementsOf = storedDisagreements(data);
  const brandNamesOf = new Map<string, string[]>();
  const nameOf = new Map(data.entities.map((e) => [e.id, e.name]));
  for (const r of data.relations) {
    if (r.predicate === 'BRAND_OF') push(brandNamesOf, r.object, nameOf.get(r.subject)!);
  }

  const entities: GraphRows['entities'] = new Map();
  const names: GraphRows['names'] = [];
  for (const e of data.entities) {
    const aliases = aliasesOf(e);
    push(
      entities,
      e.kind,
      hashed({
        id: e.id,
        props: {
          id: e.id,
          kind: e.kind,
          name: e.name,
          synonyms: aliases.map((a) => a.name),
          aliasesJson: JSON.stringify(aliases),
          description: e.description,
          synonymsText: searchText(e.name, aliases),
          brandNames: (brandNamesOf.get(e.id) ?? []).join(' | '),
          year: e.date?.year ?? null,
          month: e.date?.month ?? null,
          day: e.date?.day ?? null,
          endYear: e.date?.endYear ?? null,
          disagreementsJson: disagreementsOf.has(e.id) ? JSON.stringify(disagreementsOf.get(e.id)) : null,
          ...storedCitation(e.source, e.citation, entityEvidenceId(e)),
        },
      }),
    );
    const keys = new Set([e.name, ...aliases.map((a) => a.name)].map(normalizeName));
    for (const key of keys) names.push({ key, entity: e.id });
  }

  const relations = new Map<Predicate, RelationRow[]>();
  for (const [factId, members] of groupBy(data.relations, relationStatementId)) {
    const r = members[0]!;
    const qualifiers = agreedQualifiers(members);
    const props = {
      factId,
      qualifierKeys: Object.keys(qualifiers).sort(),
      ...qualifiers,
      ...statementCitation(
        members.map((m) => ({ ...m, id: relationEvidenceId(m) })),
        qualifiers,
      ),
    };
    push(relations, r.predicate, { factId, subject: r.subject, object: r.object, hash: contentHash(props), props });
  }

  const literals = [...groupBy(data.literals, literalStatementId)].map(([id, members]) => {
    const l = members[0]!;
    const qualifiers = agreedQualifiers(members);
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
        qualifiers: JSON.stringify(qualifiers),
        ...statementCitation(
          members.map((m) => ({ ...m, id: literalEvidenceId(m) })),
          qualifiers,
        ),
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
        ...(i.record ? { citeFile: i.record.file, citeLine: i.record.line, citeRecordKey: i.record.key } : {}),
      },
    }),
  );

  const sources = data.sources.map((s) => hashed({ id: s.id, props: storedSource(s) }));
  return { version, sources, entities, names, relations, literals, identifiers };
}

/** How many sentences state these statements (relationship or literal rows), all together. */
export const evidenceTotal = (rows: { props: { evidenceCount?: number | null } }[]) =>
  rows.reduce((n, r) => n + (r.props.evidenceCount ?? 1), 0);
