/**
 * Checking seed data as a whole
 *
 * What one file cannot know: that every reference names an entity of an allowed kind, that
 * ids are unique and no fact is stated twice, that qualifiers fit their predicate, that every
 * citation names a known source and an existing locator, and that every sentence of a cited
 * article is cited or explained. A dataset record is cited by a source of kind dataset, in that
 * dataset's folder; the mappings name existing entities, each dataset id once.
 */
import { PREDICATES } from '../src/model/predicates.js';
import { synonymName } from '../src/model/aliases.js';
import type {
  DatasetEntity,
  DatasetRelation,
  Entity,
  Disagreement,
  Identifier,
  Literal,
  Locator,
  RecordCitation,
  Relation,
  SeedCitation,
  Source,
} from '../src/model/seedDocuments.js';
import { ID_PREFIX, type EntityKind } from '../src/model/vocabulary.js';
import { literalEvidenceId, relationEvidenceId, relationStatementId } from './contentIds.js';
import { formatPath, type Problem, type SeedDocuments } from './readSeed.js';

export interface At {
  file: string;
  path: string;
}

export interface SeedData {
  sources: Source[];
  entities: ((Entity | DatasetEntity) & { kind: EntityKind; source: string; at: At })[];
  relations: ((Relation | DatasetRelation) & { source: string; at: At })[];
  literals: (Literal & { source: string; at: At })[];
  identifiers: (Identifier & { at: At })[];
  disagreements: (Disagreement & { at: At })[];
  /** "section|paragraph|sentence" keys of each article's sentences, by source id. */
  locators: Map<string, Map<string, string | undefined>>;
}

/** Where an item of a document stands: its path in a YAML file, or a dataset record's line. */
const itemAt = (located: { file: string; path: string }, path: string): At => ({
  file: located.file,
  path: located.path || path,
});

export const locatorKey = (l: { section: string; paragraph: number; sentence: number }) =>
  `${l.section}|${l.paragraph}|${l.sentence}`;

/**
 * Sentences of one statement must agree on every qualifier its predicate requires: a statement
 * keeps only the qualifiers all of its sentences agree on, and it cannot lack a required one. Two
 * sentences that differ there make two claims, which the predicate's identity must tell apart.
 */
function checkRequiredAgree(relations: SeedData['relations'], problem: (at: At, message: string) => void) {
  const firstOf = new Map<string, SeedData['relations'][number]>();
  for (const relation of relations) {
    const id = relationStatementId(relation);
    const first = firstOf.get(id);
    if (!first) {
      firstOf.set(id, relation);
      continue;
    }
    const shape = PREDICATES[relation.predicate].qualifiers.shape as Record<
      string,
      { safeParse(v: unknown): { success: boolean } }
    >;
    for (const [key, schema] of Object.entries(shape)) {
      if (schema.safeParse(undefined).success) continue;
      const [a, b] = [first.qualifiers[key], relation.qualifiers[key]];
      if (JSON.stringify(a) !== JSON.stringify(b))
        problem(
          { ...relation.at, path: `${relation.at.path}.qualifiers.${key}` },
          `${key} "${String(b)}" differs from "${String(a)}" of the same statement at ${first.at.file}: ${first.at.path}; ` +
            `sentences of one statement must agree on what ${relation.predicate} requires`,
        );
    }
  }
}

/**
 * An entity's synonyms: each a name once (two would be one Name key and one search entry), none
 * its own name, and a located one at a sentence of its source. That a synonym occurs in its
 * sentence needs the article's text, which the project does not ship:
 * tests/unit/entity-aliases.test.ts checks it.
 */
function checkSynonyms(
  e: SeedData['entities'][number],
  checkCitation: (source: string, locator: Locator, at: At) => void,
  problem: (at: At, message: string) => void,
) {
  const seen = new Set([e.name]);
  e.synonyms.forEach((synonym, j) => {
    const at = { ...e.at, path: `${e.at.path}.synonyms[${j}]` };
    const name = synonymName(synonym);
    if (seen.has(name)) problem(at, `"${name}" is already a name of ${e.id}`);
    seen.add(name);
    if (typeof synonym !== 'string') checkCitation(e.source, synonym, at);
  });
}

/** Each disagreement, once every statement it names is one the data states. */
function checkDisagreements(
  documents: SeedDocuments,
  relations: SeedData['relations'],
  problem: (at: At, message: string) => void,
): SeedData['disagreements'] {
  const claims = new Set(relations.map((r) => `${r.subject} ${r.predicate} ${r.object}`));
  const checked: SeedData['disagreements'] = [];
  for (const { file, doc } of documents.disagreements)
    doc.disagreements.forEach((d, i) => {
      const at = { file, path: `disagreements[${i}]` };
      const missing = d.statements.filter((s) => !claims.has(`${d.subject} ${s.predicate} ${s.object}`));
      for (const s of missing)
        problem(
          { ...at, path: `${at.path}.statements[${d.statements.indexOf(s)}]` },
          `no statement ${d.subject} ${s.predicate} ${s.object} to disagree with`,
        );
      if (missing.length === 0) checked.push({ ...d, at });
    });
  return checked;
}

/**
 * Each reviewed match names an entity of the graph, and each dataset id is matched once: two
 * entities for one id would give it two meanings. A match both accepted and rejected is refused.
 */
function checkMappings(
  documents: SeedDocuments,
  kindOf: Map<string, EntityKind>,
  problem: (at: At, message: string) => void,
) {
  const matched = new Map<string, string>();
  const rejected = new Set<string>();
  for (const { file, doc } of documents.mappings) {
    doc.rejected.forEach((m, i) => {
      if (!kindOf.has(m.entity)) problem({ file, path: `rejected[${i}].entity` }, `unknown reference ${m.entity}`);
      rejected.add(`${m.namespace}:${m.value}>${m.entity}`);
    });
  }
  for (const { file, doc } of documents.mappings) {
    doc.mappings.forEach((m, i) => {
      const at = { file, path: `mappings[${i}]` };
      const id = `${m.namespace}:${m.value}`;
      if (!kindOf.has(m.entity)) problem({ ...at, path: `${at.path}.entity` }, `unknown reference ${m.entity}`);
      const first = matched.get(id);
      if (first !== undefined) problem(at, `${id} is matched twice (with ${first} and ${m.entity})`);
      matched.set(id, m.entity);
      if (rejected.has(`${id}>${m.entity}`)) problem(at, `the match of ${id} with ${m.entity} is also rejected`);
    });
  }
}

export function checkSeed(documents: SeedDocuments): { data: SeedData; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (at: At, message: string) => problems.push({ file: at.file, path: at.path, message });

  const sources = new Map<string, Source>();
  for (const { file, doc } of documents.sources) {
    doc.sources.forEach((source, i) => {
      if (sources.has(source.id)) problem({ file, path: `sources[${i}].id` }, `duplicate source id ${source.id}`);
      sources.set(source.id, source);
    });
  }

  const locators = new Map<string, Map<string, string | undefined>>();
  for (const { file, doc } of documents.locators) {
    const kind = sources.get(doc.source)?.kind;
    if (kind !== 'article' && kind !== 'page')
      problem({ file, path: 'source' }, `${doc.source} is not a known article or page source`);
    const keys = locators.get(doc.source) ?? new Map<string, string | undefined>();
    doc.locators.forEach((l, i) => {
      if (keys.has(locatorKey(l))) problem({ file, path: `locators[${i}]` }, `duplicate locator ${locatorKey(l)}`);
      keys.set(locatorKey(l), l.noFact);
    });
    locators.set(doc.source, keys);
  }

  const entities: SeedData['entities'] = [];
  const kindOf = new Map<string, EntityKind>();
  for (const located of documents.entities) {
    const { doc } = located;
    const list: (Entity | DatasetEntity)[] = doc.entities;
    list.forEach((entity, i) => {
      const at = itemAt(located, `entities[${i}]`);
      if (!entity.id.startsWith(`${ID_PREFIX[doc.kind]}:`))
        problem(
          { ...at, path: `${at.path}.id` },
          `a ${doc.kind} id starts with "${ID_PREFIX[doc.kind]}:", not ${entity.id}`,
        );
      if (kindOf.has(entity.id)) problem({ ...at, path: `${at.path}.id` }, `duplicate entity id ${entity.id}`);
      if (entity.date && doc.kind !== 'Event') problem({ ...at, path: `${at.path}.date` }, 'only events have a date');
      kindOf.set(entity.id, doc.kind);
      entities.push({ ...entity, kind: doc.kind, source: doc.source, at });
    });
  }

  const cited = new Set<string>();
  /** A record is cited by its dataset, from a file of that dataset's folder. */
  const checkRecord = (source: string, record: Pick<RecordCitation, 'file'>, at: At) => {
    const dataset = sources.get(source);
    if (dataset?.kind !== 'dataset') return problem(at, `${source} is not a known dataset source`);
    if (!record.file.startsWith(`${dataset.folder}/`))
      problem(at, `${record.file} is not a file of ${source} (its folder is ${dataset.folder}/)`);
  };
  const checkLocator = (source: string, citation: Locator, at: At) => {
    const keys = locators.get(source);
    if (!sources.has(source)) return problem(at, `unknown source ${source}`);
    if (!keys) return problem(at, `${source} has no locator list under locators/`);
    if (!keys.has(locatorKey(citation)))
      return problem(at, `locator ${locatorKey(citation)} does not exist in ${source}`);
    cited.add(`${source}#${locatorKey(citation)}`);
  };
  const checkCitation = (source: string, citation: SeedCitation | Locator, at: At) =>
    'file' in citation ? checkRecord(source, citation, at) : checkLocator(source, citation, at);
  for (const e of entities) checkCitation(e.source, e.citation, { ...e.at, path: `${e.at.path}.citation` });
  for (const e of entities) checkSynonyms(e, checkCitation, problem);

  const checkRef = (id: string, allowed: readonly EntityKind[], at: At) => {
    const kind = kindOf.get(id);
    if (!kind) problem(at, `unknown reference ${id}`);
    else if (!allowed.includes(kind)) problem(at, `${id} is a ${kind}; expected ${allowed.join(' or ')}`);
  };

  // The same fact twice would MERGE into one graph element while the counts said two.
  const firstAt = new Map<string, At>();
  const checkUnique = (id: string, at: At) => {
    const first = firstAt.get(id);
    if (first) problem(at, `duplicate fact: the same as ${first.file}: ${first.path}`);
    else firstAt.set(id, at);
  };

  const relations: SeedData['relations'] = [];
  const literals: SeedData['literals'] = [];
  for (const located of documents.facts) {
    const { file, doc } = located;
    const list: (Relation | DatasetRelation)[] = doc.relations;
    list.forEach((relation, i) => {
      const at = itemAt(located, `relations[${i}]`);
      const spec = PREDICATES[relation.predicate];
      checkRef(relation.subject, spec.subject, { ...at, path: `${at.path}.subject` });
      checkRef(relation.object, spec.object, { ...at, path: `${at.path}.object` });
      const qualifiers = spec.qualifiers.safeParse(relation.qualifiers);
      if (!qualifiers.success) {
        const allowed = Object.keys(spec.qualifiers.shape);
        for (const issue of qualifiers.error.issues) {
          // One problem per stray key, at that key, naming what the predicate does take.
          const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
          for (const key of keys) {
            const path = formatPath([`${at.path}.qualifiers`, ...issue.path, ...(key === undefined ? [] : [key])]);
            const message =
              key === undefined
                ? issue.message
                : `${relation.predicate} does not take the qualifier ${key} (it takes ${allowed.length ? allowed.join(', ') : 'none'})`;
            problem({ ...at, path }, message);
          }
        }
      }
      checkCitation(doc.source, relation.citation, { ...at, path: `${at.path}.citation` });
      checkUnique(relationEvidenceId(relation), at);
      relations.push({ ...relation, source: doc.source, at });
    });
    doc.literals.forEach((literal, i) => {
      const at = { file, path: `literals[${i}]` };
      if (!kindOf.has(literal.subject))
        problem({ ...at, path: `${at.path}.subject` }, `unknown reference ${literal.subject}`);
      checkCitation(doc.source, literal.citation, { ...at, path: `${at.path}.citation` });
      checkUnique(literalEvidenceId(literal), at);
      literals.push({ ...literal, source: doc.source, at });
    });
  }

  checkRequiredAgree(relations, problem);

  const identifiers: SeedData['identifiers'] = [];
  const identifierKeys = new Set<string>();
  for (const located of documents.identifiers) {
    located.doc.identifiers.forEach((identifier, i) => {
      const at = itemAt(located, `identifiers[${i}]`);
      if (!kindOf.has(identifier.subject))
        problem({ ...at, path: `${at.path}.subject` }, `unknown reference ${identifier.subject}`);
      if (identifier.record) checkRecord(identifier.source, identifier.record, { ...at, path: `${at.path}.source` });
      else if (sources.get(identifier.source)?.kind !== 'registry')
        problem({ ...at, path: `${at.path}.source` }, `${identifier.source} is not a known registry source`);
      const key = `${identifier.namespace}:${identifier.value}`;
      if (identifierKeys.has(key)) problem({ ...at, path: `${at.path}.value` }, `duplicate identifier ${key}`);
      identifierKeys.add(key);
      identifiers.push({ ...identifier, at });
    });
  }

  checkMappings(documents, kindOf, problem);
  const disagreements = checkDisagreements(documents, relations, problem);

  for (const { file, doc } of documents.locators) {
    doc.locators.forEach((l, i) => {
      const isCited = cited.has(`${doc.source}#${locatorKey(l)}`);
      if (!isCited && !l.noFact)
        problem(
          { file, path: `locators[${i}]` },
          `sentence ${locatorKey(l)} is neither cited by a fact nor marked noFact with a reason`,
        );
    });
  }

  return {
    data: { sources: [...sources.values()], entities, relations, literals, identifiers, disagreements, locators },
    problems,
  };
}
