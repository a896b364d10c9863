/**
 * What the datasets add, entity by entity
 *
 * Dataset ids are resolved to the graph's entities, in order: a reviewed match in
 * seed/data/mappings.yaml; an entity whose identifiers.yaml entry holds the id; an entity a
 * dataset already introduced for it. Anything else becomes a new entity, and a new entity whose
 * id an existing entity already has is refused ("match it or reject it in mappings.yaml"),
 * never merged by name. Every addition is validated by the seed document schemas and located by
 * its file and line, so checkSeed checks it with the YAML.
 */
import { recordUrl } from '../../src/model/citations.js';
import {
  DatasetEntitiesDocument,
  DatasetFactsDocument,
  IdentifiersDocument,
  type DatasetRelation,
  type RecordCitation,
  type Source,
} from '../../src/model/seedDocuments.js';
import type { StoredSource } from '../../src/model/storedShapes.js';
import type { EntityKind, IdentifierNamespace } from '../../src/model/vocabulary.js';
import type { Located, Problem, SeedDocuments } from '../readSeed.js';
import type { HetionetNode } from './hetionet.js';
import { datasetDisplayPath } from './readTsv.js';

/** The documents the datasets add, of the kinds readSeed reads. */
export interface DatasetDocuments {
  entities: Located<DatasetEntitiesDocument>[];
  facts: Located<DatasetFactsDocument>[];
  identifiers: Located<IdentifiersDocument>[];
}

/** A new entity: its kind, name, description and the record that names it. */
export interface NewEntity {
  kind: EntityKind;
  id: string;
  name: string;
  description: string;
  source: string;
  citation: RecordCitation;
}

/** An id's slug, as entity ids write it. */
export const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'unnamed';

const key = (namespace: string, value: string) => `${namespace}:${value}`;

export class DatasetGraph {
  readonly documents: DatasetDocuments = { entities: [], facts: [], identifiers: [] };
  readonly problems: Problem[] = [];
  private readonly matched = new Map<string, string>();
  private readonly rejected = new Set<string>();
  private readonly identified = new Map<string, string>();
  private readonly existingIds = new Set<string>();
  private readonly addedIds = new Set<string>();
  private readonly introduced = new Map<string, string | undefined>();

  constructor(
    seed: SeedDocuments,
    private readonly sources: Map<string, Source>,
    private readonly sourcesDir: string,
  ) {
    for (const { doc } of seed.entities) for (const e of doc.entities) this.existingIds.add(e.id);
    for (const { doc } of seed.identifiers)
      for (const i of doc.identifiers) this.identified.set(key(i.namespace, i.value), i.subject);
    for (const { doc } of seed.mappings) {
      for (const m of doc.mappings) this.matched.set(key(m.namespace, m.value), m.entity);
      for (const m of doc.rejected) this.rejected.add(`${key(m.namespace, m.value)}>${m.entity}`);
    }
  }

  /** The graph's entity for a dataset id, if it has one. */
  entityFor(namespace: IdentifierNamespace, value: string): string | undefined {
    return this.matched.get(key(namespace, value)) ?? this.identified.get(key(namespace, value));
  }

  /** Every reviewed match (mappings.yaml), by namespace and value. */
  matches(): { namespace: IdentifierNamespace; value: string; entity: string }[] {
    return [...this.matched].map(([k, entity]) => {
      const at = k.indexOf(':');
      return { namespace: k.slice(0, at) as IdentifierNamespace, value: k.slice(at + 1), entity };
    });
  }

  /**
   * The graph's entity for a dataset id, made by `make` the first time no entity has it. A
   * failed make is remembered, so one bad id is one problem, not one per record naming it.
   */
  resolve(
    namespace: IdentifierNamespace,
    value: string,
    make: () => { entity: NewEntity; url?: string } | undefined,
  ): string | undefined {
    const existing = this.entityFor(namespace, value);
    if (existing) return existing;
    const k = key(namespace, value);
    if (this.introduced.has(k)) return this.introduced.get(k);
    const made = make();
    const id = made && this.addEntity(made.entity, namespace, value, made.url);
    this.introduced.set(k, id);
    return id;
  }

  /** Whether a dataset already stated this identifier (or the YAML did) for any entity. */
  hasIdentifier(namespace: IdentifierNamespace, value: string): boolean {
    return this.identified.has(key(namespace, value));
  }

  /** Link to a record's line upstream: an identifier's url when its file gives none. */
  recordLink(source: string, file: string, line: number): string {
    const s = this.sources.get(source)!;
    const stored: StoredSource = {
      ...s,
      originRepository: s.origin?.repository,
      originCommit: s.origin?.commit,
      originPath: s.origin?.path,
    };
    return recordUrl(stored, file, line);
  }

  private at(file: string, line: number) {
    return { file: datasetDisplayPath(this.sourcesDir, file), path: `line ${line}` };
  }

  private invalid(at: { file: string; path: string }, issues: { path: PropertyKey[]; message: string }[]) {
    for (const issue of issues)
      this.problems.push({ ...at, message: `${issue.path.map(String).join('.')}: ${issue.message}` });
  }

  /**
   * Adds an entity for the dataset id `namespace:value` (and that identifier, cited to the same
   * record); returns its id, or undefined when it cannot be added.
   */
  addEntity(entity: NewEntity, namespace: IdentifierNamespace, value: string, url?: string): string | undefined {
    const { file, line } = entity.citation;
    const at = this.at(file, line);
    if (this.existingIds.has(entity.id) || this.rejected.has(`${key(namespace, value)}>${entity.id}`)) {
      this.problems.push({
        ...at,
        message: `${key(namespace, value)} would be a new entity ${entity.id}, an id the graph already has: match it or reject it in seed/data/mappings.yaml`,
      });
      return undefined;
    }
    if (this.addedIds.has(entity.id)) {
      this.problems.push({
        ...at,
        message: `${key(namespace, value)} would be a new entity ${entity.id}, an id another dataset id already took: match one in seed/data/mappings.yaml`,
      });
      return undefined;
    }
    const { source, kind, citation, ...rest } = entity;
    const parsed = DatasetEntitiesDocument.safeParse({ kind, source, entities: [{ ...rest, citation }] });
    if (!parsed.success) {
      this.invalid(at, parsed.error.issues);
      return undefined;
    }
    this.documents.entities.push({ ...at, doc: parsed.data });
    this.addedIds.add(entity.id);
    this.addIdentifier(entity.id, namespace, value, source, citation, url);
    return entity.id;
  }

  /** Adds an identifier of `subject`, read from a record; one already stated is left as it is. */
  addIdentifier(
    subject: string,
    namespace: IdentifierNamespace,
    value: string,
    source: string,
    record: Omit<RecordCitation, 'statement'> & { statement?: string },
    url?: string,
  ): void {
    const k = key(namespace, value);
    const holder = this.identified.get(k);
    const at = this.at(record.file, record.line);
    if (holder !== undefined) {
      if (holder !== subject)
        this.problems.push({
          ...at,
          message: `${k} names ${holder} already, not ${subject}: match it in mappings.yaml`,
        });
      return;
    }
    const { statement: _statement, ...reference } = record;
    const parsed = IdentifiersDocument.safeParse({
      identifiers: [
        {
          subject,
          namespace,
          value,
          source,
          url: url ?? this.recordLink(source, record.file, record.line),
          record: reference,
        },
      ],
    });
    if (!parsed.success) return this.invalid(at, parsed.error.issues);
    this.identified.set(k, subject);
    this.documents.identifiers.push({ ...at, doc: parsed.data });
  }

  /** Adds one record's claim: one piece of evidence, merged by claim with the YAML's in toGraph. */
  addRelation(source: string, relation: DatasetRelation): void {
    const at = this.at(relation.citation.file, relation.citation.line);
    const parsed = DatasetFactsDocument.safeParse({ source, relations: [relation] });
    if (!parsed.success) return this.invalid(at, parsed.error.issues);
    this.documents.facts.push({ ...at, doc: parsed.data });
  }

  /** The record citation of a Hetionet node row. */
  static nodeRecord(node: HetionetNode, file: string, statement: string): RecordCitation {
    return {
      file,
      line: node.line,
      key: node.row.id,
      fields: { name: node.row.name, kind: node.row.kind },
      statement,
    };
  }
}
